using System.Runtime.InteropServices;

namespace Zmq.Pipes;

/// <summary>
/// Byte arrays of power-of-two sizes from <see cref="MinLength"/> to <see cref="MaxLength"/>,
/// kept for reuse after they are given back, as many as a socket can have in flight: a sender can
/// run thousands of frames ahead of its receiver (both high-water marks), and every frame the pool
/// cannot supply is a new array that the garbage collector later copies between generations
/// (docs/PERFORMANCE.md: inproc 64 KiB pinned went from 0.15x to 1.58x of libzmq).
/// </summary>
/// <remarks>
/// <para>Each size is a <see cref="BatchedPool{T}"/>: frames are rented on one thread and returned
/// on another, and trading them in batches keeps the lock off the per-message path.</para>
/// <para>Bounds: each size keeps at most <see cref="BytesPerSize"/> bytes of arrays in its shared
/// stack (at most <see cref="MaxArraysPerSize"/> arrays), and each thread at most
/// <see cref="BytesPerThread"/> bytes per size (at least <see cref="MinArraysPerThread"/> arrays);
/// after every full (generation 2) garbage collection each size drops the shared arrays that went
/// unused since the previous one, so memory taken by a burst goes back once the burst is over.</para>
/// <para>New arrays are not zeroed: every user writes a buffer before reading it.</para>
/// <para>Contract: thread-safe; an array goes back through <see cref="Return"/> at most once, and
/// only to the pool it came from.</para>
/// </remarks>
internal sealed class FramePool
{
    /// <summary>The smallest array size served.</summary>
    public const int MinLength = 2 * 1024;

    /// <summary>The largest array size served.</summary>
    public const int MaxLength = 1024 * 1024;

    private const int BytesPerSize = 128 * 1024 * 1024;
    private const int MaxArraysPerSize = 4096;
    private const int BytesPerThread = 256 * 1024;
    private const int MinArraysPerThread = 4;
    private const int MaxArraysPerThread = 64;

    private readonly BatchedPool<byte[]>[] _sizes;

    /// <summary>
    /// Creates an empty pool, trimmed after every full garbage collection while it is reachable
    /// (unless <paramref name="trimAfterFullCollections"/> is false: then only <see cref="Trim"/>
    /// trims it). Without <paramref name="perThreadStacks"/> every rent and return goes to the
    /// shared stacks (for buffers rented rarely, from whichever thread: see <see cref="BatchedPool{T}"/>).
    /// </summary>
    public FramePool(bool trimAfterFullCollections = true, bool perThreadStacks = true)
    {
        int count = SizeIndexOf(MaxLength) + 1;
        _sizes = new BatchedPool<byte[]>[count];
        for (int i = 0; i < count; i++)
        {
            int length = MinLength << i;
            _sizes[i] = new BatchedPool<byte[]>(
                localCapacity: perThreadStacks ? ArraysPerThread(length) : 0,
                sharedCapacity: Math.Min(MaxArraysPerSize, BytesPerSize / length));
        }
        if (trimAfterFullCollections)
        {
            FullCollectionWatcher.Watch(this);
        }
    }

    /// <summary>The number of arrays of one size that a thread keeps to itself before sharing them.</summary>
    public static int ArraysPerThread(int length) => Math.Clamp(BytesPerThread / LengthOf(length), MinArraysPerThread, MaxArraysPerThread);

    /// <summary>An array of at least <paramref name="length"/> bytes (1 to <see cref="MaxLength"/>), with undefined contents.</summary>
    public byte[] Rent(int length)
    {
        int index = SizeIndexOf(length);
        return _sizes[index].TryTake() ?? GC.AllocateUninitializedArray<byte>(MinLength << index);
    }

    /// <summary>Gives back an array from <see cref="Rent"/>.</summary>
    public void Return(byte[] array) => _sizes[SizeIndexOf(array.Length)].Give(array);

    /// <summary>Drops, in every size, the shared arrays that no rent needed since the last trim.</summary>
    public void Trim()
    {
        foreach (BatchedPool<byte[]> size in _sizes)
        {
            size.Trim();
        }
    }

    private static int LengthOf(int length) => MinLength << SizeIndexOf(length);

    private static int SizeIndexOf(int length) =>
        length <= MinLength ? 0 : 32 - int.LeadingZeroCount(length - 1) - 11;

    /// <summary>
    /// Calls <see cref="Trim"/> after each full collection: an object whose finalizer runs when a
    /// collection finds it unreachable, trims, and registers itself again. It survives into
    /// generation 2 after its first two collections, so from then on it runs once per full collection.
    /// </summary>
    private sealed class FullCollectionWatcher
    {
        // A raw handle, not a WeakReference: that is a finalizable object too, and when both become
        // unreachable in the same collection its finalizer may run first and free the handle.
        private GCHandle _pool;

        private FullCollectionWatcher(FramePool pool)
        {
            _pool = GCHandle.Alloc(pool, GCHandleType.Weak);
        }

        public static void Watch(FramePool pool) => _ = new FullCollectionWatcher(pool);

        ~FullCollectionWatcher()
        {
            if (_pool.Target is not FramePool pool)
            {
                _pool.Free();
                return;
            }
            if (!Environment.HasShutdownStarted)
            {
                pool.Trim();
                GC.ReRegisterForFinalize(this);
            }
        }
    }
}
