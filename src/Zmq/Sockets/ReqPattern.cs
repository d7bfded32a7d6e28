using System.Buffers.Binary;
using Zmq.Pipes;
using Zmq.Waiting;

namespace Zmq.Sockets;

/// <summary>
/// REQ (RFC 28): strictly alternates a request (sent to one peer in turn, behind an empty
/// delimiter frame) and its reply (accepted only from that peer). ZMQ_REQ_RELAXED allows a new
/// request before the reply came; ZMQ_REQ_CORRELATE prefixes each request with an id and accepts
/// only a reply carrying it, so a late reply to an abandoned request is discarded.
/// </summary>
/// <remarks>Invariant: <c>_replyFrom</c> is non-null exactly while a reply is awaited.</remarks>
internal sealed class ReqPattern(Readiness sendReadiness, Readiness receiveReadiness) : BalancedPattern(sendReadiness, receiveReadiness)
{
    private Pipe? _replyFrom;
    private uint _requestId = (uint)Random.Shared.Next();

    /// <summary>ZMQ_REQ_RELAXED.</summary>
    public bool Relaxed { get; set; }

    /// <summary>ZMQ_REQ_CORRELATE.</summary>
    public bool Correlate { get; set; }

    public override bool TrySend(Message message)
    {
        if (_replyFrom is not null && !Relaxed)
        {
            throw new ZmqException(ZmqError.InvalidState, "REQ: the previous request has not been answered; receive its reply first (or set Relaxed)");
        }
        uint id = _requestId + 1;
        message.PushFront(ReadOnlySpan<byte>.Empty);
        if (Correlate)
        {
            Span<byte> idBytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(idBytes, id);
            message.PushFront(idBytes);
        }
        if (!Out.TrySend(message, out Pipe? chosen))
        {
            message.RemoveFirst();
            if (Correlate)
            {
                message.RemoveFirst();
            }
            return false;
        }
        _requestId = id;
        _replyFrom = chosen;
        return true;
    }

    public override bool TryReceive(Message message)
    {
        if (_replyFrom is null)
        {
            throw new ZmqException(ZmqError.InvalidState, "REQ: send a request before receiving a reply");
        }
        while (In.TryReceive(message, out Pipe? source))
        {
            if (source == _replyFrom && StripEnvelope(message))
            {
                _replyFrom = null;
                return true;
            }
            // From another peer, a reply to an abandoned request, or malformed: discard.
            message.Clear();
        }
        return false;
    }

    private bool StripEnvelope(Message message)
    {
        if (Correlate)
        {
            if (message.Count < 2 || message[0].Length != 4 || BinaryPrimitives.ReadUInt32BigEndian(message[0].Span) != _requestId)
            {
                return false;
            }
            message.RemoveFirst();
        }
        if (message.Count < 2 || message[0].Length != 0)
        {
            return false;
        }
        message.RemoveFirst();
        return true;
    }
}
