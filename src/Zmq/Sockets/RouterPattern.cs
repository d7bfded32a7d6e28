using Zmq.Pipes;
using Zmq.Routing;
using Zmq.Waiting;

namespace Zmq.Sockets;

/// <summary>
/// ROUTER (RFC 28): receives fairly from all peers, prefixing each message with the sender's
/// routing id; sends each message to the peer named by its first frame. Unknown ids are dropped,
/// or are an error with ZMQ_ROUTER_MANDATORY (which also makes a send to a full peer wait instead
/// of dropping). A peer announcing an id already in use is refused, or takes it over with
/// ZMQ_ROUTER_HANDOVER.
/// </summary>
internal sealed class RouterPattern(Readiness sendReadiness, Readiness receiveReadiness) : SocketPattern
{
    private readonly AddressedPeers _peers = new(sendReadiness, receiveReadiness);

    /// <summary>ZMQ_ROUTER_MANDATORY.</summary>
    public bool Mandatory { get; set; }

    /// <summary>ZMQ_ROUTER_HANDOVER.</summary>
    public bool Handover { get; set; }

    /// <summary>ZMQ_PROBE_ROUTER.</summary>
    public bool Probe { get; set; }

    /// <summary>The number of peers with a routing id (diagnostics).</summary>
    public int PeerCount => _peers.Count;

    public override bool KeepsPipesWhileDisconnected => false;

    public override bool CanAttach(Pipe pipe) => Handover || _peers.Find(_peers.ChooseId(pipe)) is null;

    public override Pipe? Attach(Pipe pipe)
    {
        Pipe? displaced = _peers.Attach(pipe);
        if (Probe)
        {
            PipeProbe.Send(pipe);
        }
        return displaced;
    }

    public override void Detach(Pipe pipe) => _peers.Detach(pipe);

    public override void OnFarSideClosed(Pipe pipe) => _peers.Forget(pipe);

    public override bool TryReceive(Message message) => _peers.TryReceive(message);

    public override bool TrySend(Message message)
    {
        if (message.Count < 2)
        {
            throw new ArgumentException("a ROUTER message needs a routing-id frame followed by at least one frame", nameof(message));
        }
        Pipe? peer = _peers.Find(message[0].Span);
        if (peer is null)
        {
            if (Mandatory)
            {
                throw new ZmqException(ZmqError.HostUnreachable, $"ROUTER: no peer with routing id {RoutingIdText.Format(message[0].Span)}");
            }
            message.Clear();
            return true;
        }
        byte[] id = peer.RoutingId!;
        message.RemoveFirst();
        switch (AddressedPeers.TryWrite(peer, message, parkWhenFull: Mandatory))
        {
            case AddressedWrite.Written:
                return true;
            case AddressedWrite.Full when Mandatory:
                message.PushFront(id);
                return false;
            default:
                // A full peer without ROUTER_MANDATORY, or one that has just gone: dropped.
                message.Clear();
                return true;
        }
    }
}
