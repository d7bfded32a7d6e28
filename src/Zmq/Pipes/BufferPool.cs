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
/// <para>Why a separate pool for loop buffers: a connection's read and write loops rent their 64 KiB
/// buffer when they wake and return it when they go idle, on whichever pool thread they ran, so
/// per-thread stacks would strand those buffers on threads that may not rent one again.</para>
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
    private static readonly FramePool s_loopBuffers = new(perThreadStacks: false);

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

    /// <summary>A buffer of at least <paramref name="length"/> bytes (2 KiB to <see cref="MaxPooledLength"/>) for a connection loop, rented once per wake-up.</summary>
    public static byte[] RentLoopBuffer(int length) => s_loopBuffers.Rent(length);

    /// <summary>Gives back a buffer from <see cref="RentLoopBuffer"/>.</summary>
    public static void ReturnLoopBuffer(byte[] buffer) => s_loopBuffers.Return(buffer);
}
