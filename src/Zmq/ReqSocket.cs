using Zmq.Sockets;

namespace Zmq;

/// <summary>
/// REQ (<c>ZMQ_REQ</c>, RFC 28): the client side of RPC. Sends a request to one peer in turn,
/// then must receive that peer's reply before sending again; calling them out of order throws
/// <see cref="ZmqException"/> with <see cref="ZmqError.InvalidState"/>. Talks to REP and ROUTER.
/// </summary>
public sealed class ReqSocket : ZmqSocket, ISendingSocket, IReceivingSocket
{
    /// <summary>Creates a REQ socket in <paramref name="context"/> (default: <see cref="ZmqContext.Default"/>).</summary>
    public ReqSocket(ZmqContext? context = null)
        : base(context, ZmqSocketType.Req, static (send, receive) => new ReqPattern(send, receive))
    {
    }

    /// <summary>ZMQ_REQ_RELAXED: allow a new request before the reply to the previous one arrived (its reply is then discarded). Default false.</summary>
    public bool Relaxed
    {
        get => Locked(() => Req.Relaxed);
        set => Locked(() => Req.Relaxed = value);
    }

    /// <summary>ZMQ_REQ_CORRELATE: tag each request with an id and accept only the reply that carries it. Use with <see cref="Relaxed"/>. Default false.</summary>
    public bool Correlate
    {
        get => Locked(() => Req.Correlate);
        set => Locked(() => Req.Correlate = value);
    }

    /// <summary>ZMQ_PROBE_ROUTER: send an empty message to each new peer (a ROUTER then learns our id at once). Default false.</summary>
    public bool ProbeRouter
    {
        get => Locked(() => Req.Probe);
        set => Locked(() => Req.Probe = value);
    }

    private ReqPattern Req => (ReqPattern)Pattern;
}
