using Zmq.Sockets;

namespace Zmq;

/// <summary>
/// ROUTER (<c>ZMQ_ROUTER</c>, RFC 28): asynchronous replies, addressed by peer. Every received
/// message starts with a frame holding the sender's routing id (the identity the peer announced,
/// or one generated here); every sent message must start with the routing id of the peer to
/// deliver it to. Messages to unknown peers are dropped (or rejected, see <see cref="Mandatory"/>).
/// Talks to REQ, DEALER and ROUTER.
/// </summary>
public sealed class RouterSocket : ZmqSocket, ISendingSocket, IReceivingSocket
{
    /// <summary>Creates a ROUTER socket in <paramref name="context"/> (default: <see cref="ZmqContext.Default"/>).</summary>
    public RouterSocket(ZmqContext? context = null)
        : base(context, ZmqSocketType.Router, static (send, receive) => new RouterPattern(send, receive))
    {
    }

    /// <summary>
    /// ZMQ_ROUTER_MANDATORY: a message for an unknown routing id throws <see cref="ZmqException"/>
    /// (<see cref="ZmqError.HostUnreachable"/>) instead of being dropped, and a message for a peer
    /// at its high-water mark waits (or fails <c>TrySend</c>) instead of being dropped. Default false.
    /// </summary>
    public bool Mandatory
    {
        get => Locked(() => Router.Mandatory);
        set => Locked(() => Router.Mandatory = value);
    }

    /// <summary>ZMQ_ROUTER_HANDOVER: a new peer announcing a routing id already in use takes it over (the old connection is closed) instead of being refused. Default false.</summary>
    public bool Handover
    {
        get => Locked(() => Router.Handover);
        set => Locked(() => Router.Handover = value);
    }

    /// <summary>ZMQ_PROBE_ROUTER: send an empty message to each new peer. Default false.</summary>
    public bool ProbeRouter
    {
        get => Locked(() => Router.Probe);
        set => Locked(() => Router.Probe = value);
    }

    /// <summary>ZMQ_CONNECT_ROUTING_ID: the routing id to give the peer of the next <see cref="ZmqSocket.Connect"/> (used by that connect only).</summary>
    public ReadOnlyMemory<byte> ConnectRoutingId
    {
        set => SetConnectRoutingId(value);
    }

    /// <summary>Diagnostics: the peers that have a routing id.</summary>
    internal int RoutedPeerCount => Locked(() => Router.PeerCount);

    private RouterPattern Router => (RouterPattern)Pattern;
}
