using Zmq.Pipes;
using Zmq.Routing;
using Zmq.Waiting;

namespace Zmq.Sockets;

/// <summary>
/// SUB and XSUB (RFC 29): tell every publisher what to send (subscription messages
/// <c>\x01topic</c> and <c>\x00topic</c>, which connections turn into SUBSCRIBE and CANCEL
/// commands for ZMTP 3.1 peers), fair-queue what arrives, and drop what matches no subscription
/// (publishers filter too; this catches what they sent before a cancel arrived).
/// </summary>
/// <remarks>
/// Subscriptions are counted here: subscribing twice needs two unsubscriptions, and the cancel is
/// sent upstream only when the count reaches zero. A pipe lives only while its connection does, so
/// each new connection (including a reconnect) gets every current subscription again.
/// XSUB takes subscriptions as messages from the application and forwards any other message upstream.
/// </remarks>
internal sealed class SubscriberPattern(bool isXSub, Readiness receiveReadiness) : SocketPattern
{
    private static readonly object s_self = new();

    private readonly FairQueue _in = new(receiveReadiness);
    private readonly List<Pipe> _pipes = [];
    private readonly SubscriptionTrie<object> _subscriptions = new();

    /// <summary>ZMQ_INVERT_MATCHING: receive the messages that match no subscription.</summary>
    public bool InvertMatching { get; set; }

    public override bool KeepsPipesWhileDisconnected => false;

    public override Pipe? Attach(Pipe pipe)
    {
        _pipes.Add(pipe);
        _in.Attach(pipe);
        foreach ((byte[] topic, _, _) in _subscriptions.ToList())
        {
            Message subscription = SubscriptionMessage.Create(subscribe: true, topic);
            Write(pipe, subscription);
            MessagePool.Return(subscription);
        }
        pipe.Outbound.Flush();
        return null;
    }

    public override void Detach(Pipe pipe)
    {
        _pipes.Remove(pipe);
        _in.Detach(pipe);
    }

    public override void OnFarSideClosed(Pipe pipe) => _pipes.Remove(pipe);

    /// <summary>ZMQ_SUBSCRIBE / ZMQ_UNSUBSCRIBE on SUB.</summary>
    public void Subscribe(ReadOnlySpan<byte> topic, bool subscribe)
    {
        if (subscribe)
        {
            _subscriptions.Add(topic, s_self);
        }
        else if (!_subscriptions.Remove(topic, s_self))
        {
            return;
        }
        Message change = SubscriptionMessage.Create(subscribe, topic);
        SendToAll(change);
        MessagePool.Return(change);
    }

    public override bool TrySend(Message message)
    {
        if (!isXSub)
        {
            throw new ZmqException(ZmqError.NotSupported, "SUB cannot send; use Subscribe and Unsubscribe (or XSUB)");
        }
        if (SubscriptionMessage.TryParse(message, out bool subscribe, out ReadOnlySpan<byte> topic))
        {
            if (subscribe)
            {
                _subscriptions.Add(topic, s_self);
            }
            else if (!_subscriptions.Remove(topic, s_self))
            {
                message.Clear();
                return true;
            }
            message.IsSubscription = true;
        }
        SendToAll(message);
        return true;
    }

    public override bool TryReceive(Message message)
    {
        while (_in.TryReceive(message, out _))
        {
            if (_subscriptions.Matches(message[0].Span) != InvertMatching)
            {
                return true;
            }
            message.Clear();
        }
        return false;
    }

    /// <summary>Queues a copy of <paramref name="message"/> for every publisher, then empties it.</summary>
    private void SendToAll(Message message)
    {
        foreach (Pipe pipe in _pipes)
        {
            if (pipe.Outbound.TryWriteCopy(message, ignoreCapacity: message.IsSubscription) == WriteResult.Written)
            {
                pipe.Outbound.Flush();
            }
        }
        message.Clear();
    }

    private static void Write(Pipe pipe, Message message)
    {
        // Subscriptions bypass the high-water mark: a lost one would silently starve the subscriber.
        pipe.Outbound.TryWrite(message, ignoreCapacity: message.IsSubscription);
    }
}
