using Zmq.Pipes;
using Zmq.Routing;
using Zmq.Waiting;

namespace Zmq.Sockets;

/// <summary>PULL (RFC 30): fair-queues messages from all peers; sends nothing.</summary>
internal sealed class PullPattern(Readiness receiveReadiness) : SocketPattern
{
    private readonly FairQueue _in = new(receiveReadiness);

    public override Pipe? Attach(Pipe pipe)
    {
        _in.Attach(pipe);
        return null;
    }

    public override void Detach(Pipe pipe) => _in.Detach(pipe);

    public override void OnFarSideClosed(Pipe pipe)
    {
        // The fair queue drains what arrived, then drops the pipe by itself.
    }

    public override bool TryReceive(Message message) => _in.TryReceive(message, out _);
}
