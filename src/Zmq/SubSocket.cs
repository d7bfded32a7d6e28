using System.Text;
using Zmq.Sockets;

namespace Zmq;

/// <summary>
/// SUB (<c>ZMQ_SUB</c>, RFC 29): receives the messages whose first frame starts with one of its
/// subscriptions (none at first: call <see cref="Subscribe(string)"/>, with "" for everything).
/// Subscriptions are sent to every publisher, again after each reconnect. Talks to PUB and XPUB.
/// </summary>
public sealed class SubSocket : ZmqSocket, IReceivingSocket
{
    /// <summary>Creates a SUB socket in <paramref name="context"/> (default: <see cref="ZmqContext.Default"/>).</summary>
    public SubSocket(ZmqContext? context = null)
        : base(context, ZmqSocketType.Sub, static (_, receive) => new SubscriberPattern(isXSub: false, receive))
    {
    }

    /// <summary>ZMQ_INVERT_MATCHING: receive the messages that match NO subscription (set it on the publisher too). Default false.</summary>
    public bool InvertMatching
    {
        get => Locked(() => Subscriber.InvertMatching);
        set => Locked(() => Subscriber.InvertMatching = value);
    }

    /// <summary>ZMQ_SUBSCRIBE: receive messages starting with <paramref name="prefix"/> (empty: every message). Counted: two subscribes need two unsubscribes.</summary>
    public void Subscribe(ReadOnlySpan<byte> prefix)
    {
        byte[] topic = prefix.ToArray();
        Locked(() => Subscriber.Subscribe(topic, subscribe: true));
    }

    /// <summary>ZMQ_SUBSCRIBE with the UTF-8 bytes of <paramref name="prefix"/>.</summary>
    public void Subscribe(string prefix) => Subscribe(Encoding.UTF8.GetBytes(prefix));

    /// <summary>ZMQ_UNSUBSCRIBE: undo one <see cref="Subscribe(ReadOnlySpan{byte})"/> of <paramref name="prefix"/>.</summary>
    public void Unsubscribe(ReadOnlySpan<byte> prefix)
    {
        byte[] topic = prefix.ToArray();
        Locked(() => Subscriber.Subscribe(topic, subscribe: false));
    }

    /// <summary>ZMQ_UNSUBSCRIBE with the UTF-8 bytes of <paramref name="prefix"/>.</summary>
    public void Unsubscribe(string prefix) => Unsubscribe(Encoding.UTF8.GetBytes(prefix));

    private SubscriberPattern Subscriber => (SubscriberPattern)Pattern;
}
