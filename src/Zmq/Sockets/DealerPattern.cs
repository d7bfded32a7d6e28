using Zmq.Pipes;
using Zmq.Routing;
using Zmq.Waiting;

namespace Zmq.Sockets;

/// <summary>DEALER (RFC 28): round-robins sends, fair-queues receives; no envelope handling.</summary>
internal sealed class DealerPattern(Readiness sendReadiness, Readiness receiveReadiness) : SocketPattern
{
    private readonly LoadBalancer _out = new(sendReadiness);
    private readonly FairQueue _in = new(receiveReadiness);

    /// <summary>ZMQ_PROBE_ROUTER.</summary>
    public bool Probe { get; set; }

    public override Pipe? Attach(Pipe pipe)
    {
        _out.Attach(pipe);
        _in.Attach(pipe);
        if (Probe)
        {
            PipeProbe.Send(pipe);
        }
        return null;
    }

    public override void Detach(Pipe pipe)
    {
        _out.Detach(pipe);
        _in.Detach(pipe);
    }

    public override void OnFarSideClosed(Pipe pipe) => _out.Detach(pipe);

    public override bool TrySend(Message message) => _out.TrySend(message, out _);

    public override bool TryReceive(out Message message) => _in.TryReceive(out message, out _);
}
