using Zmq.Pipes;
using Zmq.Routing;
using Zmq.Waiting;

namespace Zmq.Sockets;

/// <summary>
/// PUB and XPUB (RFC 29): each message goes to every peer with a matching subscription (a prefix
/// of the first frame), filtered here, on the publisher. A peer at its high-water mark misses the
/// message (counted in <see cref="Dropped"/>) unless ZMQ_XPUB_NODROP makes the send wait.
/// XPUB also hands subscription messages (<c>\x01topic</c>, <c>\x00topic</c>) to the application:
/// new topics and topics nobody wants any more by default, every one with ZMQ_XPUB_VERBOSE
/// (subscriptions) or ZMQ_XPUB_VERBOSER (and unsubscriptions), and lets the application decide
/// what to apply with ZMQ_XPUB_MANUAL.
/// </summary>
/// <remarks>
/// Subscriptions are kept per peer as a set, as libzmq publishers do: a repeated subscription from
/// the same peer changes nothing, and one cancel removes it (a libzmq SUB cancels a topic only once
/// its own count reaches zero). Subscription messages are applied before each send and receive;
/// XPUB stops reading them while the application has not taken the ones it was given, so a flood
/// waits in the peers' queues (and their TCP buffers) instead of growing memory here.
/// </remarks>
internal sealed class PublisherPattern : SocketPattern
{
    private const int PendingLimit = 1000;

    private readonly bool _isXPub;
    private readonly FairQueue _in;
    private readonly ReadinessSignal _sendable;
    private readonly List<Pipe> _pipes = [];
    private readonly List<Pipe> _targets = [];
    private readonly SubscriptionTrie<Pipe> _subscriptions = new();
    private readonly Queue<Message> _forApplication = new();
    private readonly Message _incoming = new();
    private int _stamp;
    private Pipe? _lastSubscriber;

    public PublisherPattern(bool isXPub, Readiness sendReadiness, Readiness receiveReadiness)
    {
        _isXPub = isXPub;
        _in = new FairQueue(receiveReadiness);
        _sendable = new ReadinessSignal(sendReadiness);
    }

    /// <summary>Messages not delivered to some subscriber because it was at its high-water mark (one per subscriber missed).</summary>
    public long Dropped { get; private set; }

    /// <summary>ZMQ_XPUB_VERBOSE.</summary>
    public bool Verbose { get; set; }

    /// <summary>ZMQ_XPUB_VERBOSER.</summary>
    public bool Verboser { get; set; }

    /// <summary>ZMQ_XPUB_MANUAL.</summary>
    public bool Manual { get; set; }

    /// <summary>ZMQ_XPUB_NODROP.</summary>
    public bool NoDrop { get; set; }

    /// <summary>ZMQ_INVERT_MATCHING: deliver to the peers whose subscriptions do not match.</summary>
    public bool InvertMatching { get; set; }

    /// <summary>ZMQ_XPUB_WELCOME_MSG: sent to each new peer.</summary>
    public byte[]? WelcomeMessage { get; set; }

    /// <summary>The number of (topic, peer) subscriptions held, after applying those that have arrived.</summary>
    public int CountSubscriptions()
    {
        ApplySubscriptions();
        return _subscriptions.Count;
    }

    public override Pipe? Attach(Pipe pipe)
    {
        _pipes.Add(pipe);
        _in.Attach(pipe);
        pipe.Outbound.SetWriterSignal(_sendable);
        if (WelcomeMessage is { } welcome)
        {
            Message greeting = MessagePool.Rent();
            greeting.Add(welcome);
            if (pipe.Outbound.TryWrite(greeting, ignoreCapacity: true) == WriteResult.Written)
            {
                pipe.Outbound.Flush();
            }
            MessagePool.Return(greeting);
        }
        return null;
    }

    public override void Detach(Pipe pipe)
    {
        _in.Detach(pipe);
        Forget(pipe);
    }

    public override void OnFarSideClosed(Pipe pipe) => Forget(pipe);

    public override bool TrySend(Message message)
    {
        ApplySubscriptions();
        ChooseTargets(message[0].Span);
        if (NoDrop && !AllTargetsHaveRoom())
        {
            return false;
        }
        for (int i = 0; i < _targets.Count; i++)
        {
            // Every target but the last gets a copy; the last takes the frames themselves.
            Pipe target = _targets[i];
            WriteResult result = i == _targets.Count - 1 ? target.Outbound.TryWrite(message) : target.Outbound.TryWriteCopy(message);
            if (result == WriteResult.Written)
            {
                target.Outbound.Flush();
            }
            else
            {
                Dropped++;
            }
        }
        message.Clear();
        return true;
    }

    public override bool TryReceive(Message message)
    {
        if (!_isXPub)
        {
            throw new ZmqException(ZmqError.NotSupported, "PUB cannot receive (use XPUB to see subscriptions)");
        }
        ApplySubscriptions();
        if (!_forApplication.TryDequeue(out Message? pending))
        {
            return false;
        }
        message.SwapContents(pending);
        MessagePool.Return(pending);
        return true;
    }

    /// <summary>ZMQ_SUBSCRIBE on an XPUB in manual mode: subscribes the peer that sent the last subscription message.</summary>
    public void ManualSubscribe(ReadOnlySpan<byte> topic, bool subscribe)
    {
        if (_lastSubscriber is not { IsDetached: false } peer)
        {
            return;
        }
        if (subscribe)
        {
            _subscriptions.Add(topic, peer, counted: false);
        }
        else
        {
            _subscriptions.Remove(topic, peer);
        }
    }

    private void ApplySubscriptions()
    {
        while ((!_isXPub || _forApplication.Count < PendingLimit) && _in.TryReceive(_incoming, out Pipe? source))
        {
            Apply(_incoming, source!);
        }
    }

    private void Apply(Message message, Pipe source)
    {
        bool report;
        if (!SubscriptionMessage.TryParse(message, out bool subscribe, out ReadOnlySpan<byte> topic))
        {
            report = _isXPub;
        }
        else if (Manual)
        {
            _lastSubscriber = source;
            report = _isXPub;
        }
        else if (subscribe)
        {
            bool isNewTopic = _subscriptions.Add(topic, source, counted: false);
            report = _isXPub && (isNewTopic || Verbose || Verboser);
        }
        else
        {
            bool lastGone = _subscriptions.Remove(topic, source);
            report = _isXPub && (lastGone || Verboser);
        }
        if (report)
        {
            Message kept = MessagePool.Rent();
            kept.SwapContents(message);
            _forApplication.Enqueue(kept);
        }
        else
        {
            message.Clear();
        }
    }

    private void ChooseTargets(ReadOnlySpan<byte> topic)
    {
        _targets.Clear();
        int stamp = ++_stamp;
        var state = (Stamp: stamp, Targets: _targets);
        _subscriptions.Match(topic, ref state, static (ref (int Stamp, List<Pipe> Targets) s, Pipe pipe) =>
        {
            if (pipe.Stamp != s.Stamp)
            {
                pipe.Stamp = s.Stamp;
                s.Targets.Add(pipe);
            }
        });
        if (InvertMatching)
        {
            _targets.Clear();
            foreach (Pipe pipe in _pipes)
            {
                if (pipe.Stamp != stamp)
                {
                    _targets.Add(pipe);
                }
            }
        }
    }

    private bool AllTargetsHaveRoom()
    {
        foreach (Pipe target in _targets)
        {
            if (target.Outbound.IsFull && target.Outbound.TryParkWriter())
            {
                return false;
            }
        }
        return true;
    }

    private void Forget(Pipe pipe)
    {
        if (!_pipes.Remove(pipe))
        {
            return;
        }
        if (_lastSubscriber == pipe)
        {
            _lastSubscriber = null;
        }
        _subscriptions.RemoveAll(pipe, _isXPub && !Manual ? ReportUnsubscribed : null);
    }

    private void ReportUnsubscribed(byte[] topic) =>
        _forApplication.Enqueue(SubscriptionMessage.Create(subscribe: false, topic));
}
