using Zmq.Pipes;
using Zmq.Routing;
using Zmq.Waiting;

namespace Zmq.Sockets;

/// <summary>
/// The shared shape of PAIR, DEALER and REQ: sends go to peers in turn (load balancing), receives
/// come from all peers fairly, and ZMQ_PROBE_ROUTER can greet each new peer with an empty message.
/// </summary>
internal abstract class BalancedPattern(Readiness sendReadiness, Readiness receiveReadiness) : SocketPattern
{
    /// <summary>The outgoing side.</summary>
    protected LoadBalancer Out { get; } = new(sendReadiness);

    /// <summary>The incoming side.</summary>
    protected FairQueue In { get; } = new(receiveReadiness);

    /// <summary>ZMQ_PROBE_ROUTER.</summary>
    public bool Probe { get; set; }

    public override Pipe? Attach(Pipe pipe)
    {
        Out.Attach(pipe);
        In.Attach(pipe);
        if (Probe)
        {
            PipeProbe.Send(pipe);
        }
        return null;
    }

    public override void Detach(Pipe pipe)
    {
        Out.Detach(pipe);
        In.Detach(pipe);
    }

    public override void OnFarSideClosed(Pipe pipe) => Out.Detach(pipe);
}
