using System.Diagnostics;
using System.Threading.Tasks.Sources;

namespace Zmq.Waiting;

/// <summary>
/// "Something changed, look again": the wake-up point for application threads blocked in a
/// socket's send or receive.
/// </summary>
/// <remarks>
/// <para>Contract: a waiter reads <see cref="Epoch"/>, tries its operation under the socket lock,
/// releases the lock, then calls <see cref="Wait"/> or <see cref="WaitAsync"/> with the epoch it
/// read. The wait returns as soon as the epoch has moved on, so a <see cref="Set"/> that happens
/// anywhere after the read is never lost. <see cref="Set"/> may be called from any thread, holding
/// any lock: it takes only this object's private lock (a leaf lock) and never runs waiter code
/// inline.</para>
/// <para>All waiters are woken by a set; each re-checks its own condition. Several threads blocked
/// on one socket is rare, so the simplicity is worth the occasional spurious wake.</para>
/// </remarks>
internal sealed class Readiness
{
    private readonly Lock _lock = new();
    private readonly List<Waiter> _waiters = [];
    private int _epoch;
    private int _waiterCount;
    private AsyncWaiter? _spareAsyncWaiter;

    [ThreadStatic]
    private static SyncWaiter? t_syncWaiter;

    /// <summary>Changes every time <see cref="Set"/> is called.</summary>
    public int Epoch => Volatile.Read(ref _epoch);

    /// <summary>Moves the epoch on and wakes every waiter.</summary>
    public void Set()
    {
        Interlocked.Increment(ref _epoch);
        if (Volatile.Read(ref _waiterCount) == 0)
        {
            return;
        }
        lock (_lock)
        {
            foreach (Waiter waiter in _waiters)
            {
                waiter.Wake();
            }
            _waiters.Clear();
            Volatile.Write(ref _waiterCount, 0);
        }
    }

    /// <summary>
    /// Blocks the calling thread until the epoch differs from <paramref name="seenEpoch"/> (true)
    /// or <paramref name="deadline"/> passes (false). <paramref name="deadline"/> is a
    /// <see cref="Stopwatch.GetTimestamp"/> value, or <see cref="long.MaxValue"/> for no deadline.
    /// </summary>
    public bool Wait(int seenEpoch, long deadline)
    {
        SyncWaiter waiter = t_syncWaiter ??= new SyncWaiter();
        waiter.Event.Reset();
        if (!Register(waiter, seenEpoch))
        {
            return true;
        }
        int timeoutMs = RemainingMilliseconds(deadline);
        if (waiter.Event.Wait(timeoutMs))
        {
            return true;
        }
        // Timed out: leave the list unless a set already took us out (then report the wake).
        lock (_lock)
        {
            if (_waiters.Remove(waiter))
            {
                Interlocked.Decrement(ref _waiterCount);
                return false;
            }
        }
        return true;
    }

    /// <summary>Completes when the epoch differs from <paramref name="seenEpoch"/>; throws <see cref="OperationCanceledException"/> on cancellation.</summary>
    public ValueTask WaitAsync(int seenEpoch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        AsyncWaiter waiter = Interlocked.Exchange(ref _spareAsyncWaiter, null) ?? new AsyncWaiter(this);
        if (!Register(waiter, seenEpoch))
        {
            Volatile.Write(ref _spareAsyncWaiter, waiter);
            return default;
        }
        return waiter.Start(cancellationToken);
    }

    private bool Register(Waiter waiter, int seenEpoch)
    {
        lock (_lock)
        {
            _waiters.Add(waiter);
            Interlocked.Increment(ref _waiterCount);
        }
        // The increment above is a full fence, as is the one in Set: either Set sees our count,
        // or we see its epoch.
        if (Volatile.Read(ref _epoch) == seenEpoch)
        {
            return true;
        }
        lock (_lock)
        {
            if (_waiters.Remove(waiter))
            {
                Interlocked.Decrement(ref _waiterCount);
            }
        }
        return false;
    }

    private bool TryRemove(Waiter waiter)
    {
        lock (_lock)
        {
            if (_waiters.Remove(waiter))
            {
                Interlocked.Decrement(ref _waiterCount);
                return true;
            }
            return false;
        }
    }

    private static int RemainingMilliseconds(long deadline)
    {
        if (deadline == long.MaxValue)
        {
            return Timeout.Infinite;
        }
        long remaining = deadline - Stopwatch.GetTimestamp();
        if (remaining <= 0)
        {
            return 0;
        }
        return (int)Math.Min(int.MaxValue, (remaining * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency);
    }

    private abstract class Waiter
    {
        /// <summary>Called once, under the readiness lock, when the epoch moves on.</summary>
        public abstract void Wake();
    }

    private sealed class SyncWaiter : Waiter
    {
        public readonly ManualResetEventSlim Event = new(false, spinCount: 20);

        public override void Wake() => Event.Set();
    }

    /// <summary>
    /// A task waiting on the readiness. Its continuation runs on the thread pool: waking queues the
    /// waiter itself as a work item (no allocation), which then completes it there. One spare is kept
    /// per readiness and reused, so waiting allocates nothing in steady state.
    /// </summary>
    private sealed class AsyncWaiter : Waiter, IValueTaskSource, IThreadPoolWorkItem
    {
        private static readonly Action<object?, CancellationToken> s_onCancel = static (state, token) =>
        {
            var waiter = (AsyncWaiter)state!;
            if (waiter._owner.TryRemove(waiter))
            {
                waiter.Complete(new OperationCanceledException(token));
            }
        };

        private readonly Readiness _owner;
        private ManualResetValueTaskSourceCore<bool> _core;
        private CancellationTokenRegistration _registration;
        private Exception? _error;
        private int _completed;

        public AsyncWaiter(Readiness owner)
        {
            _owner = owner;
        }

        public ValueTask Start(CancellationToken cancellationToken)
        {
            if (cancellationToken.CanBeCanceled)
            {
                _registration = cancellationToken.UnsafeRegister(s_onCancel, this);
            }
            return new ValueTask(this, _core.Version);
        }

        public override void Wake() => Complete(null);

        private void Complete(Exception? error)
        {
            if (Interlocked.Exchange(ref _completed, 1) != 0)
            {
                return;
            }
            _error = error;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        void IThreadPoolWorkItem.Execute()
        {
            if (_error is null)
            {
                _core.SetResult(true);
            }
            else
            {
                _core.SetException(_error);
            }
        }

        void IValueTaskSource.GetResult(short token)
        {
            _registration.Dispose();
            try
            {
                _core.GetResult(token);
            }
            finally
            {
                // Reused by the next wait on this readiness (one spare: usually one task waits at a time).
                _registration = default;
                _error = null;
                _completed = 0;
                _core.Reset();
                Volatile.Write(ref _owner._spareAsyncWaiter, this);
            }
        }

        ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

        void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
