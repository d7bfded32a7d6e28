using System.Text;
using Zmq.Sockets;

namespace Zmq;

/// <summary>
/// XPUB (<c>ZMQ_XPUB</c>, RFC 29): a PUB that also receives its subscribers' subscription messages
/// (one frame: byte 1 then the topic to subscribe, byte 0 then the topic to cancel), for brokers
/// and last-value caches. By default only the first subscription to a topic and the cancellation
/// of its last subscriber are reported. Talks to SUB and XSUB.
/// </summary>
public sealed class XPubSocket : ZmqSocket, ISendingSocket, IReceivingSocket
{
    /// <summary>Creates an XPUB socket in <paramref name="context"/> (default: <see cref="ZmqContext.Default"/>).</summary>
    public XPubSocket(ZmqContext? context = null)
        : base(context, ZmqSocketType.XPub, static (send, receive) => new PublisherPattern(isXPub: true, send, receive))
    {
    }

    /// <summary>Messages not delivered to a subscriber because it was at its high-water mark.</summary>
    public long DroppedMessages => Locked(() => Publisher.Dropped);

    /// <summary>ZMQ_XPUB_VERBOSE: report every subscription message, not only new topics. Default false.</summary>
    public bool Verbose
    {
        get => Locked(() => Publisher.Verbose);
        set => Locked(() => Publisher.Verbose = value);
    }

    /// <summary>ZMQ_XPUB_VERBOSER: report every subscription and every cancellation. Default false.</summary>
    public bool Verboser
    {
        get => Locked(() => Publisher.Verboser);
        set => Locked(() => Publisher.Verboser = value);
    }

    /// <summary>
    /// ZMQ_XPUB_MANUAL: subscription messages are reported but not applied; the application applies
    /// them with <see cref="Subscribe(ReadOnlySpan{byte})"/> and <see cref="Unsubscribe(ReadOnlySpan{byte})"/>,
    /// which act on the subscriber whose message was received last. Default false.
    /// </summary>
    public bool Manual
    {
        get => Locked(() => Publisher.Manual);
        set => Locked(() => Publisher.Manual = value);
    }

    /// <summary>ZMQ_XPUB_NODROP: when a matching subscriber is at its high-water mark, sending waits (or <c>TrySend</c> fails) instead of dropping. Default false.</summary>
    public bool NoDrop
    {
        get => Locked(() => Publisher.NoDrop);
        set => Locked(() => Publisher.NoDrop = value);
    }

    /// <summary>ZMQ_INVERT_MATCHING: send each message to the subscribers whose subscriptions do NOT match it. Default false.</summary>
    public bool InvertMatching
    {
        get => Locked(() => Publisher.InvertMatching);
        set => Locked(() => Publisher.InvertMatching = value);
    }

    /// <summary>ZMQ_XPUB_WELCOME_MSG: a one-frame message sent to every new subscriber (empty: none). Default none.</summary>
    public ReadOnlyMemory<byte> WelcomeMessage
    {
        get => Locked(() => Publisher.WelcomeMessage ?? []);
        set
        {
            byte[]? welcome = value.IsEmpty ? null : value.ToArray();
            Locked(() => Publisher.WelcomeMessage = welcome);
        }
    }

    /// <summary>With <see cref="Manual"/>: subscribe the last subscriber that sent a subscription message to <paramref name="prefix"/>.</summary>
    public void Subscribe(ReadOnlySpan<byte> prefix)
    {
        byte[] topic = prefix.ToArray();
        Locked(() => Publisher.ManualSubscribe(topic, subscribe: true));
    }

    /// <summary>With <see cref="Manual"/>: subscribe the last subscriber to the UTF-8 bytes of <paramref name="prefix"/>.</summary>
    public void Subscribe(string prefix) => Subscribe(Encoding.UTF8.GetBytes(prefix));

    /// <summary>With <see cref="Manual"/>: unsubscribe the last subscriber from <paramref name="prefix"/>.</summary>
    public void Unsubscribe(ReadOnlySpan<byte> prefix)
    {
        byte[] topic = prefix.ToArray();
        Locked(() => Publisher.ManualSubscribe(topic, subscribe: false));
    }

    /// <summary>With <see cref="Manual"/>: unsubscribe the last subscriber from the UTF-8 bytes of <paramref name="prefix"/>.</summary>
    public void Unsubscribe(string prefix) => Unsubscribe(Encoding.UTF8.GetBytes(prefix));

    private PublisherPattern Publisher => (PublisherPattern)Pattern;
}
