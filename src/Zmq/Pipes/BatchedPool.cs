namespace Zmq.Pipes;

/// <summary>
/// Reusable objects that one thread takes and another gives back (a sender rents a frame, the
/// receiver returns it): each thread keeps a small private stack and trades half of it at a time
/// with a shared stack under a lock, so the lock and the shared stack's cache lines move between
/// cores once per batch instead of once per object.
/// </summary>
/// <remarks>
/// <para>Contract: thread-safe; an object given back must not be used again by the giver.</para>
/// <para>With a local capacity of zero there are no private stacks: every take and give goes through
/// the lock. That suits objects taken at most once per wake-up of a connection loop, which runs on
/// whichever pool thread is free: private stacks would strand objects on threads that may never
/// take them again, so the pool would keep allocating.</para>
/// <para>Bounds: each thread holds at most the local capacity per pool, the shared stack at most its
/// capacity (more is dropped for the garbage collector). <see cref="Trim"/> drops from the shared
/// stack what no take needed since the previous trim; private stacks are small and never trimmed.</para>
/// </remarks>
internal sealed class BatchedPool<T>
    where T : class
{
    [ThreadStatic]
    private static Local?[]? t_locals;
    private static int s_pools;

    private readonly int _id;
    private readonly int _localCapacity;
    private readonly int _batch;
    private readonly Lock _lock = new();
    private readonly T?[] _shared;
    private int _sharedCount;
    private int _lowWater;

    /// <summary>Creates an empty pool keeping up to <paramref name="localCapacity"/> objects per thread (0, or at least 2) and <paramref name="sharedCapacity"/> shared.</summary>
    public BatchedPool(int localCapacity, int sharedCapacity)
    {
        if (localCapacity is 1 or < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(localCapacity), localCapacity, "A pool keeps no objects per thread (0) or at least 2.");
        }
        _id = Interlocked.Increment(ref s_pools) - 1;
        _localCapacity = localCapacity;
        _batch = localCapacity / 2;
        _shared = new T?[sharedCapacity];
    }

    /// <summary>A kept object, or null when the pool has none.</summary>
    public T? TryTake()
    {
        if (_localCapacity == 0)
        {
            return TakeShared();
        }
        Local local = LocalStack();
        if (local.Count == 0 && !Refill(local))
        {
            return null;
        }
        T item = local.Items[--local.Count]!;
        local.Items[local.Count] = null;
        return item;
    }

    /// <summary>Keeps <paramref name="item"/> for a later <see cref="TryTake"/>.</summary>
    public void Give(T item)
    {
        if (_localCapacity == 0)
        {
            GiveShared(item);
            return;
        }
        Local local = LocalStack();
        if (local.Count == _localCapacity)
        {
            Spill(local);
        }
        local.Items[local.Count++] = item;
    }

    /// <summary>Drops the shared objects that no take needed since the last trim (the oldest first).</summary>
    public void Trim()
    {
        lock (_lock)
        {
            int unused = _lowWater;
            Array.Copy(_shared, unused, _shared, 0, _sharedCount - unused);
            Array.Clear(_shared, _sharedCount - unused, unused);
            _sharedCount -= unused;
            _lowWater = _sharedCount;
        }
    }

    private Local LocalStack()
    {
        Local?[]? locals = t_locals;
        if (locals is not null && (uint)_id < (uint)locals.Length && locals[_id] is { } local)
        {
            return local;
        }
        return CreateLocal();
    }

    private Local CreateLocal()
    {
        Local?[]? locals = t_locals;
        if (locals is null || locals.Length <= _id)
        {
            Array.Resize(ref locals, Math.Max(_id + 1, (locals?.Length ?? 0) * 2));
            t_locals = locals;
        }
        return locals[_id] = new Local(_localCapacity);
    }

    private T? TakeShared()
    {
        lock (_lock)
        {
            if (_sharedCount == 0)
            {
                return null;
            }
            T item = _shared[--_sharedCount]!;
            _shared[_sharedCount] = null;
            _lowWater = Math.Min(_lowWater, _sharedCount);
            return item;
        }
    }

    private void GiveShared(T item)
    {
        lock (_lock)
        {
            if (_sharedCount < _shared.Length)
            {
                _shared[_sharedCount++] = item;
            }
        }
    }

    /// <summary>Moves up to a batch from the shared stack into <paramref name="local"/> (empty); false when there was none.</summary>
    private bool Refill(Local local)
    {
        lock (_lock)
        {
            int take = Math.Min(_batch, _sharedCount);
            for (int i = 0; i < take; i++)
            {
                local.Items[local.Count++] = _shared[--_sharedCount];
                _shared[_sharedCount] = null;
            }
            _lowWater = Math.Min(_lowWater, _sharedCount);
        }
        return local.Count > 0;
    }

    /// <summary>Moves a batch from <paramref name="local"/> (full) to the shared stack, dropping what does not fit.</summary>
    private void Spill(Local local)
    {
        lock (_lock)
        {
            for (int i = 0; i < _batch; i++)
            {
                T item = local.Items[--local.Count]!;
                local.Items[local.Count] = null;
                if (_sharedCount < _shared.Length)
                {
                    _shared[_sharedCount++] = item;
                }
            }
        }
    }

    private sealed class Local(int capacity)
    {
        public readonly T?[] Items = new T?[capacity];
        public int Count;
    }
}
