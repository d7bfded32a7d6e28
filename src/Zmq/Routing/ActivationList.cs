using Zmq.Pipes;
using Zmq.Waiting;

namespace Zmq.Routing;

/// <summary>
/// Pipes that woke up since a routing strategy last looked: a lock-free list that queue signals
/// push onto from any thread, and the strategy takes whole under the socket lock.
/// </summary>
/// <remarks>
/// Contract: <see cref="Push"/> from any thread (it is what <see cref="PipeActivation.Notify"/>
/// does), never blocking; <see cref="TakeAll"/> only under the socket lock. Because a queue end
/// signals at most once per park, a node is never in the list twice. Taking the whole list at once
/// avoids the ABA problem of popping single nodes.
/// </remarks>
internal sealed class ActivationList
{
    private readonly Readiness _readiness;
    private PipeActivation? _head;

    /// <summary>Creates a list that sets <paramref name="readiness"/> on every push.</summary>
    public ActivationList(Readiness readiness)
    {
        _readiness = readiness;
    }

    /// <summary>Adds a woken pipe and wakes the threads waiting on the socket.</summary>
    public void Push(PipeActivation node)
    {
        PipeActivation? head;
        do
        {
            head = Volatile.Read(ref _head);
            node.Next = head;
        }
        while (Interlocked.CompareExchange(ref _head, node, head) != head);
        _readiness.Set();
    }

    /// <summary>Removes and returns every woken pipe (most recent first), or null.</summary>
    public PipeActivation? TakeAll() => Volatile.Read(ref _head) is null ? null : Interlocked.Exchange(ref _head, null);
}

/// <summary>The socket's wake-up for one direction of one pipe (see <see cref="ActivationList"/>).</summary>
internal sealed class PipeActivation : IQueueSignal
{
    private readonly ActivationList _list;

    /// <summary>Creates the wake-up for <paramref name="pipe"/> on <paramref name="list"/>.</summary>
    public PipeActivation(Pipe pipe, ActivationList list)
    {
        Pipe = pipe;
        _list = list;
    }

    /// <summary>The pipe that woke.</summary>
    public Pipe Pipe { get; }

    /// <summary>Link in the activation list.</summary>
    public PipeActivation? Next { get; set; }

    /// <inheritdoc/>
    public void Notify() => _list.Push(this);
}
