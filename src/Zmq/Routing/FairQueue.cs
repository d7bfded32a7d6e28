using Zmq.Pipes;
using Zmq.Waiting;

namespace Zmq.Routing;

/// <summary>
/// Receives whole messages from a set of pipes in turn, so that no peer can starve another
/// (fair queuing, RFC 28 and 30).
/// </summary>
/// <remarks>
/// Contract: every member is called with the socket lock held and never blocks. A pipe whose peer
/// went away stays until its queued messages have been read, so nothing that arrived is lost.
/// </remarks>
internal sealed class FairQueue
{
    private readonly ActivePipes _pipes;

    /// <summary>Creates a queue that sets <paramref name="receiveReadiness"/> when a parked pipe wakes.</summary>
    public FairQueue(Readiness receiveReadiness)
    {
        _pipes = new ActivePipes(receiveReadiness);
    }

    /// <summary>Starts reading from <paramref name="pipe"/>.</summary>
    public void Attach(Pipe pipe)
    {
        pipe.Inbound.SetReaderSignal(_pipes.CreateActivation(pipe));
        _pipes.Add(pipe);
    }

    /// <summary>Stops reading from <paramref name="pipe"/>; unread messages are dropped.</summary>
    public void Detach(Pipe pipe) => _pipes.Remove(pipe);

    /// <summary>Moves the next message into <paramref name="target"/> (empty), visiting pipes in turn; false when none has one.</summary>
    public bool TryReceive(Message target, out Pipe? source)
    {
        while (_pipes.TryGetCurrent(out Pipe pipe))
        {
            MessageQueue inbound = pipe.Inbound;
            if (inbound.TryRead(target))
            {
                _pipes.Advance();
                source = pipe;
                return true;
            }
            // Watching for a next message before parking is only worth it when no other pipe could have one.
            if (inbound.IsCompleted || inbound.TryParkReader(mayAwaitNext: _pipes.Count == 1))
            {
                _pipes.RemoveCurrent();
            }
        }
        source = null;
        return false;
    }
}
