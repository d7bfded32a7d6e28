using Zmq.Pipes;
using Zmq.Routing;
using Zmq.Waiting;

namespace Zmq.Sockets;

/// <summary>PUSH (RFC 30): round-robins messages to peers with room; receives nothing.</summary>
internal sealed class PushPattern(Readiness sendReadiness) : SocketPattern
{
    private readonly LoadBalancer _out = new(sendReadiness);

    public override bool ReceivesFromPeers => false;

    public override Pipe? Attach(Pipe pipe)
    {
        _out.Attach(pipe);
        return null;
    }

    public override void Detach(Pipe pipe) => _out.Detach(pipe);

    public override void OnFarSideClosed(Pipe pipe) => _out.Detach(pipe);

    public override bool TrySend(Message message) => _out.TrySend(message, out _);
}
