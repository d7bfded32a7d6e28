using System.Buffers;

namespace Zmq.Pipes;

/// <summary>
/// Byte buffers for frames and batches: pooled up to <see cref="MaxPooledLength"/>, plain arrays
/// above it. <see cref="ArrayPool{T}.Shared"/> keeps returned arrays per thread and per core, so
/// pooling a peer-chosen 64 MiB frame could pin gigabytes; large frames are rare enough that the
/// garbage collector serves them better.
/// </summary>
/// <remarks>Contract: thread-safe; a buffer from <see cref="Rent"/> goes back through <see cref="Return"/> at most once.</remarks>
internal static class BufferPool
{
    /// <summary>The largest buffer that is pooled.</summary>
    public const int MaxPooledLength = 1024 * 1024;

    /// <summary>A buffer of at least <paramref name="length"/> bytes.</summary>
    public static byte[] Rent(int length) =>
        length <= MaxPooledLength ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);

    /// <summary>Gives back a buffer from <see cref="Rent"/> (large ones are simply dropped).</summary>
    public static void Return(byte[] buffer)
    {
        if (buffer.Length <= MaxPooledLength)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
