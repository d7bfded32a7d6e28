using Zmq.Sockets;

namespace Zmq;

/// <summary>
/// DEALER (<c>ZMQ_DEALER</c>, RFC 28): asynchronous requests. Sends to peers in turn and receives
/// fairly from all of them, with no envelope added or removed. Talks to ROUTER, REP and DEALER.
/// </summary>
public sealed class DealerSocket : ZmqSocket, ISendingSocket, IReceivingSocket
{
    /// <summary>Creates a DEALER socket in <paramref name="context"/> (default: <see cref="ZmqContext.Default"/>).</summary>
    public DealerSocket(ZmqContext? context = null)
        : base(context, ZmqSocketType.Dealer, static (send, receive) => new DealerPattern(send, receive))
    {
    }

    /// <summary>ZMQ_PROBE_ROUTER: send an empty message to each new peer (a ROUTER then learns our id at once). Default false.</summary>
    public bool ProbeRouter
    {
        get => Locked(() => Dealer.Probe);
        set => Locked(() => Dealer.Probe = value);
    }

    private DealerPattern Dealer => (DealerPattern)Pattern;
}
