using Zmq.Sockets;

namespace Zmq;

/// <summary>
/// PUB (<c>ZMQ_PUB</c>, RFC 29): publishes each message to every subscriber whose subscription is
/// a prefix of the message's first frame (filtering happens here, before sending). Never blocks:
/// a subscriber at its high-water mark misses the message, counted in <see cref="DroppedMessages"/>.
/// Talks to SUB and XSUB.
/// </summary>
public sealed class PubSocket : ZmqSocket, ISendingSocket
{
    /// <summary>Creates a PUB socket in <paramref name="context"/> (default: <see cref="ZmqContext.Default"/>).</summary>
    public PubSocket(ZmqContext? context = null)
        : base(context, ZmqSocketType.Pub, static (send, receive) => new PublisherPattern(isXPub: false, send, receive))
    {
    }

    /// <summary>Messages not delivered to a subscriber because it was at its high-water mark (one count per subscriber missed).</summary>
    public long DroppedMessages => Locked(() => Publisher.Dropped);

    /// <summary>ZMQ_INVERT_MATCHING: send each message to the subscribers whose subscriptions do NOT match it (set it on the subscribers too). Default false.</summary>
    public bool InvertMatching
    {
        get => Locked(() => Publisher.InvertMatching);
        set => Locked(() => Publisher.InvertMatching = value);
    }

    /// <summary>Diagnostics: the (topic, subscriber) subscriptions held, after applying those that have arrived.</summary>
    internal int SubscriptionCount => Locked(() => Publisher.CountSubscriptions());

    private PublisherPattern Publisher => (PublisherPattern)Pattern;
}
