using System.Buffers;

namespace Zmq.Pipes;

/// <summary>
/// Byte buffers for frames and batches: small ones from <see cref="ArrayPool{T}.Shared"/> (fast,
/// per-thread caches), medium ones from a <see cref="FramePool"/> that keeps as many arrays per
/// size as a socket can have in flight, plain arrays above <see cref="MaxPooledLength"/>.
/// </summary>
/// <remarks>
/// <para>Why the middle pool: a socket can hold a few thousand frames in flight (both high-water
/// marks), more than the shared pool keeps per size, so without it most 4 KiB or 64 KiB frames were
/// freshly allocated and the garbage collector then copied the live ones between generations.</para>
/// <para>Why the limit: a peer-chosen 64 MiB frame must not stay pinned in a pool; frames that large
/// are rare enough that the garbage collector serves them better.</para>
/// <para>Contract: thread-safe; a buffer from <see cref="Rent"/> goes back through
/// <see cref="Return"/> at most once.</para>
/// </remarks>
internal static class BufferPool
{
    /// <summary>The largest buffer that is pooled.</summary>
    public const int MaxPooledLength = FramePool.MaxLength;

    /// <summary>Buffers up to this size come from the shared pool.</summary>
    private const int MaxSmallLength = FramePool.MinLength / 2;

    private static readonly FramePool s_medium = new();

    /// <summary>A buffer of at least <paramref name="length"/> bytes.</summary>
    public static byte[] Rent(int length) => length switch
    {
        <= MaxSmallLength => ArrayPool<byte>.Shared.Rent(length),
        <= MaxPooledLength => s_medium.Rent(length),
        _ => GC.AllocateUninitializedArray<byte>(length),
    };

    /// <summary>Gives back a buffer from <see cref="Rent"/> (large ones are simply dropped).</summary>
    public static void Return(byte[] buffer)
    {
        if (buffer.Length <= MaxSmallLength)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        else if (buffer.Length <= MaxPooledLength)
        {
            s_medium.Return(buffer);
        }
    }
}
