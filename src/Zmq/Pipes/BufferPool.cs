using System.Buffers;

namespace Zmq.Pipes;

/// <summary>
/// Byte buffers for frames and batches: small ones from <see cref="ArrayPool{T}.Shared"/> (fast,
/// per-thread caches), medium ones from a pool of this library's that keeps many arrays per size,
/// plain arrays above <see cref="MaxPooledLength"/>.
/// </summary>
/// <remarks>
/// <para>Why the middle pool: a socket can hold a few thousand frames in flight (both high-water
/// marks), more than the shared pool keeps per size, so without it most 4 KiB or 64 KiB frames were
/// freshly allocated and the garbage collector then copied the live ones between generations. The
/// middle pool keeps up to <see cref="MediumArraysPerSize"/> arrays per size, which bounds what it
/// retains after a burst (a few tens of MiB at 64 KiB).</para>
/// <para>Why the limit: a peer-chosen 64 MiB frame must not stay pinned in a pool; frames that large
/// are rare enough that the garbage collector serves them better.</para>
/// <para>Contract: thread-safe; a buffer from <see cref="Rent"/> goes back through
/// <see cref="Return"/> at most once.</para>
/// </remarks>
internal static class BufferPool
{
    /// <summary>The largest buffer that is pooled.</summary>
    public const int MaxPooledLength = 1024 * 1024;

    /// <summary>Buffers up to this size come from the shared pool.</summary>
    private const int MaxSmallLength = 1024;

    private const int MediumArraysPerSize = 512;

    private static readonly ArrayPool<byte> s_medium = ArrayPool<byte>.Create(MaxPooledLength, MediumArraysPerSize);

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
