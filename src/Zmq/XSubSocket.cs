using Zmq.Sockets;

namespace Zmq;

/// <summary>
/// XSUB (<c>ZMQ_XSUB</c>, RFC 29): a SUB whose subscriptions are messages the application sends
/// (one frame: byte 1 then the topic to subscribe, byte 0 then the topic to cancel); any other
/// message sent goes upstream to every publisher. For brokers, opposite an XPUB. Talks to PUB and XPUB.
/// </summary>
public sealed class XSubSocket : ZmqSocket, ISendingSocket, IReceivingSocket
{
    /// <summary>Creates an XSUB socket in <paramref name="context"/> (default: <see cref="ZmqContext.Default"/>).</summary>
    public XSubSocket(ZmqContext? context = null)
        : base(context, ZmqSocketType.XSub, static (_, receive) => new SubscriberPattern(isXSub: true, receive))
    {
    }

    /// <summary>ZMQ_INVERT_MATCHING: receive the messages that match NO subscription. Default false.</summary>
    public bool InvertMatching
    {
        get => Locked(() => Subscriber.InvertMatching);
        set => Locked(() => Subscriber.InvertMatching = value);
    }

    private SubscriberPattern Subscriber => (SubscriberPattern)Pattern;
}
