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
internal sealed class RouterPattern : SocketPattern
{
    private readonly FairQueue _in;
    private readonly PeerTable _peers = new();
    private readonly ReadinessSignal _sendable;

    public RouterPattern(Readiness sendReadiness, Readiness receiveReadiness)
    {
        _in = new FairQueue(receiveReadiness);
        _sendable = new ReadinessSignal(sendReadiness);
    }

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
        Pipe? displaced = _peers.Add(pipe, _peers.ChooseId(pipe));
        _in.Attach(pipe);
        pipe.Outbound.SetWriterSignal(_sendable);
        if (Probe)
        {
            PipeProbe.Send(pipe);
        }
        return displaced;
    }

    public override void Detach(Pipe pipe)
    {
        _peers.Remove(pipe);
        _in.Detach(pipe);
    }

    public override void OnFarSideClosed(Pipe pipe) => _peers.Remove(pipe);

    public override bool TryReceive(out Message message)
    {
        while (_in.TryReceive(out message, out Pipe? source))
        {
            if (source!.RoutingId is { } id)
            {
                message.PushFront(id);
                return true;
            }
            // The peer was displaced by a handover: what it still sends has no name to come from.
            MessagePool.Return(message);
        }
        return false;
    }

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
            MessagePool.Return(message);
            return true;
        }
        byte[] id = peer.RoutingId!;
        message.RemoveFirst();
        while (true)
        {
            switch (peer.Outbound.TryWrite(message))
            {
                case WriteResult.Written:
                    peer.Outbound.Flush();
                    return true;
                case WriteResult.Full when Mandatory:
                    if (peer.Outbound.TryParkWriter())
                    {
                        message.PushFront(id);
                        return false;
                    }
                    continue;
                default:
                    MessagePool.Return(message);
                    return true;
            }
        }
    }
}
