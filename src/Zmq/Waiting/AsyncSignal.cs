using System.Threading.Tasks.Sources;
using Zmq.Pipes;

namespace Zmq.Waiting;

/// <summary>
/// An auto-reset event awaited by one task at a time, without allocating.
/// </summary>
/// <remarks>
/// Contract: <see cref="Notify"/> may be called from any thread at any time and never blocks or
/// runs the waiter inline: it queues this object to the thread pool, which then completes the wait
/// and runs the waiter there (queuing the object itself allocates nothing, unlike letting the
/// value-task core dispatch its continuation). <see cref="WaitAsync"/> is called by a single owner
/// (a connection loop) and never concurrently with itself. A notify that arrives while nobody
/// waits is remembered, so the next wait completes at once.
/// </remarks>
internal sealed class AsyncSignal : IQueueSignal, IValueTaskSource, IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Signaled = 1;
    private const int Waiting = 2;

    private int _state;
    private ManualResetValueTaskSourceCore<bool> _core;

    /// <inheritdoc/>
    public void Notify()
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if (state == Signaled)
            {
                return;
            }
            if (state == Idle)
            {
                if (Interlocked.CompareExchange(ref _state, Signaled, Idle) == Idle)
                {
                    return;
                }
                continue;
            }
            if (Interlocked.CompareExchange(ref _state, Idle, Waiting) == Waiting)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return;
            }
        }
    }

    /// <summary>Completes when <see cref="Notify"/> has been called since the last wait completed.</summary>
    public ValueTask WaitAsync()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Signaled) == Signaled)
        {
            return default;
        }
        _core.Reset();
        if (Interlocked.CompareExchange(ref _state, Waiting, Idle) == Idle)
        {
            return new ValueTask(this, _core.Version);
        }
        // A notify slipped in between the two exchanges: consume it.
        Volatile.Write(ref _state, Idle);
        return default;
    }

    /// <summary>On a pool thread: completes the wait, running the waiter here.</summary>
    void IThreadPoolWorkItem.Execute() => _core.SetResult(true);

    void IValueTaskSource.GetResult(short token) => _core.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
