using Zmq.Pipes;
using Zmq.Routing;
using Zmq.Waiting;

namespace Zmq.Sockets;

/// <summary>
/// REP (RFC 28): receives a request fairly from its peers, keeps its routing envelope (every frame
/// up to and including the first empty one) and the peer it came from, and sends the reply there
/// behind the same envelope. Strictly alternates receive and send.
/// </summary>
/// <remarks>Invariant: <c>_replyTo</c> is non-null exactly while a reply is owed; <c>_envelope</c> holds its envelope.</remarks>
internal sealed class RepPattern(Readiness receiveReadiness) : SocketPattern
{
    private readonly FairQueue _in = new(receiveReadiness);
    private readonly Message _envelope = new();
    private Pipe? _replyTo;

    public override Pipe? Attach(Pipe pipe)
    {
        _in.Attach(pipe);
        return null;
    }

    public override void Detach(Pipe pipe) => _in.Detach(pipe);

    public override void OnFarSideClosed(Pipe pipe)
    {
        // A reply owed to a peer that left is dropped when sent.
    }

    public override bool TryReceive(Message message)
    {
        if (_replyTo is not null)
        {
            throw new ZmqException(ZmqError.InvalidState, "REP: send the reply to the last request before receiving another");
        }
        while (_in.TryReceive(message, out Pipe? source))
        {
            int delimiter = FindDelimiter(message);
            if (delimiter < 0 || delimiter == message.Count - 1)
            {
                message.Clear();
                continue;
            }
            _envelope.Clear();
            for (int i = 0; i <= delimiter; i++)
            {
                _envelope.Add(message[0].Span);
                message.RemoveFirst();
            }
            _replyTo = source;
            return true;
        }
        return false;
    }

    public override bool TrySend(Message message)
    {
        if (_replyTo is not { } peer)
        {
            throw new ZmqException(ZmqError.InvalidState, "REP: receive a request before sending a reply");
        }
        for (int i = _envelope.Count - 1; i >= 0; i--)
        {
            message.PushFront(_envelope[i].Span);
        }
        _envelope.Clear();
        _replyTo = null;
        if (peer.Outbound.TryWrite(message) == WriteResult.Written)
        {
            peer.Outbound.Flush();
        }
        else
        {
            // The requester is gone or not reading: the reply is dropped, as a ROUTER would.
            message.Clear();
        }
        return true;
    }

    private static int FindDelimiter(Message message)
    {
        for (int i = 0; i < message.Count; i++)
        {
            if (message[i].Length == 0)
            {
                return i;
            }
        }
        return -1;
    }
}
