namespace Zmq.Waiting;

/// <summary>
/// A lock for short critical sections that never block: one compare-and-swap to enter, one store
/// to leave. The socket lock is taken once per send and once per receive, and
/// <see cref="Lock"/> (which identifies the owning thread to support re-entry) measured several
/// times dearer on that path.
/// </summary>
/// <remarks>
/// Contract: not re-entrant; the holder must not block, wait or take another socket's lock.
/// A contended enter spins briefly, then yields, then sleeps, so a holder that is descheduled
/// does not make the waiters burn a core.
/// </remarks>
internal sealed class ShortLock
{
    private int _held;

    /// <summary>Takes the lock until the returned scope is disposed: <c>using (lockObject.EnterScope()) { ... }</c>.</summary>
    public Scope EnterScope()
    {
        if (Interlocked.CompareExchange(ref _held, 1, 0) != 0)
        {
            EnterContended();
        }
        return new Scope(this);
    }

    private void EnterContended()
    {
        var spinner = new SpinWait();
        do
        {
            spinner.SpinOnce();
        }
        while (Volatile.Read(ref _held) != 0 || Interlocked.CompareExchange(ref _held, 1, 0) != 0);
    }

    /// <summary>Releases the lock when disposed.</summary>
    public readonly ref struct Scope
    {
        private readonly ShortLock _owner;

        internal Scope(ShortLock owner)
        {
            _owner = owner;
        }

        /// <summary>Releases the lock.</summary>
        public void Dispose() => Volatile.Write(ref _owner._held, 0);
    }
}
