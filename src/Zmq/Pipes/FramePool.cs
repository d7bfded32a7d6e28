using System.Runtime.InteropServices;

namespace Zmq.Pipes;

/// <summary>
/// Byte arrays of power-of-two sizes from <see cref="MinLength"/> to <see cref="MaxLength"/>,
/// kept for reuse after they are given back, as many as a socket can have in flight: a sender can
/// run thousands of frames ahead of its receiver (both high-water marks), and every frame the pool
/// cannot supply is a new array that the garbage collector later copies between generations
/// (docs/PERFORMANCE.md: inproc 64 KiB pinned went from 0.15x to about 1x of libzmq).
/// </summary>
/// <remarks>
/// <para>Bounds: each size keeps at most <see cref="BytesPerSize"/> bytes of arrays (at most
/// <see cref="MaxArraysPerSize"/> arrays), so a burst retains a bounded amount; after every full
/// (generation 2) garbage collection each size gives up the arrays that went unused since the
/// previous one, so memory taken by a burst goes back once the burst is over.</para>
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

    private readonly SizeClass[] _classes;

    /// <summary>Creates an empty pool, trimmed after every full garbage collection while it is reachable (unless <paramref name="trimAfterFullCollections"/> is false: then only <see cref="Trim"/> trims it).</summary>
    public FramePool(bool trimAfterFullCollections = true)
    {
        int count = SizeClassOf(MaxLength) + 1;
        _classes = new SizeClass[count];
        for (int i = 0; i < count; i++)
        {
            int length = MinLength << i;
            _classes[i] = new SizeClass(length, Math.Min(MaxArraysPerSize, BytesPerSize / length));
        }
        if (trimAfterFullCollections)
        {
            FullCollectionWatcher.Watch(this);
        }
    }

    /// <summary>An array of at least <paramref name="length"/> bytes (1 to <see cref="MaxLength"/>), with undefined contents.</summary>
    public byte[] Rent(int length) => _classes[SizeClassOf(length)].Rent();

    /// <summary>Gives back an array from <see cref="Rent"/>.</summary>
    public void Return(byte[] array) => _classes[SizeClassOf(array.Length)].Return(array);

    /// <summary>Drops, in every size, the arrays that no rent needed since the last trim.</summary>
    public void Trim()
    {
        foreach (SizeClass sizeClass in _classes)
        {
            sizeClass.Trim();
        }
    }

    private static int SizeClassOf(int length) =>
        length <= MinLength ? 0 : 32 - int.LeadingZeroCount(length - 1) - 11;

    /// <summary>The kept arrays of one size: a stack under a short lock, with a low-water mark for trimming.</summary>
    private sealed class SizeClass(int length, int capacity)
    {
        private readonly Lock _lock = new();
        private readonly byte[]?[] _kept = new byte[capacity][];
        private int _count;
        private int _lowWater;

        public byte[] Rent()
        {
            lock (_lock)
            {
                if (_count > 0)
                {
                    byte[] array = _kept[--_count]!;
                    _kept[_count] = null;
                    _lowWater = Math.Min(_lowWater, _count);
                    return array;
                }
            }
            return GC.AllocateUninitializedArray<byte>(length);
        }

        public void Return(byte[] array)
        {
            lock (_lock)
            {
                if (_count < _kept.Length)
                {
                    _kept[_count++] = array;
                }
            }
        }

        public void Trim()
        {
            lock (_lock)
            {
                int unused = _lowWater;
                for (int i = 0; i < unused; i++)
                {
                    // The oldest arrays sit at the bottom of the stack; drop those.
                    _kept[i] = null;
                }
                Array.Copy(_kept, unused, _kept, 0, _count - unused);
                Array.Clear(_kept, _count - unused, unused);
                _count -= unused;
                _lowWater = _count;
            }
        }
    }

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
