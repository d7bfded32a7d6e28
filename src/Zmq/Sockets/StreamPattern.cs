using Zmq.Pipes;
using Zmq.Routing;
using Zmq.Waiting;

namespace Zmq.Sockets;

/// <summary>
/// STREAM: raw connections addressed like ROUTER peers. Every received message is [routing id,
/// bytes]; an empty second frame means the connection opened or closed. Every sent message is
/// [routing id, bytes...]: the bytes go to that connection, and an empty second frame closes it
/// (after what was queued before has been written; its disconnect notification follows).
/// </summary>
internal sealed class StreamPattern : SocketPattern
{
    private readonly FairQueue _in;
    private readonly PeerTable _peers = new();
    private readonly ReadinessSignal _sendable;

    public StreamPattern(Readiness sendReadiness, Readiness receiveReadiness)
    {
        _in = new FairQueue(receiveReadiness);
        _sendable = new ReadinessSignal(sendReadiness);
    }

    public override bool KeepsPipesWhileDisconnected => false;

    public override Pipe? Attach(Pipe pipe)
    {
        _peers.Add(pipe, _peers.ChooseId(pipe));
        _in.Attach(pipe);
        pipe.Outbound.SetWriterSignal(_sendable);
        return null;
    }

    public override void Detach(Pipe pipe)
    {
        _peers.Remove(pipe);
        _in.Detach(pipe);
    }

    public override void OnFarSideClosed(Pipe pipe) => _peers.Remove(pipe);

    public override bool TryReceive(out Message message)
    {
        if (!_in.TryReceive(out message, out Pipe? source))
        {
            return false;
        }
        message.PushFront(source!.RoutingId);
        return true;
    }

    public override bool TrySend(Message message)
    {
        if (message.Count < 2)
        {
            throw new ArgumentException("a STREAM message needs a routing-id frame followed by the data", nameof(message));
        }
        Pipe peer = _peers.Find(message[0].Span)
            ?? throw new ZmqException(ZmqError.HostUnreachable, $"STREAM: no connection with routing id {RoutingIdText.Format(message[0].Span)}");
        if (message.TotalLength == message[0].Length)
        {
            // [id, ""]: close that connection once what is queued has been written. Only the
            // outbound side ends here, so the disconnect notification still arrives like any other.
            _peers.Remove(peer);
            peer.Outbound.CompleteWriter();
            MessagePool.Return(message);
            return true;
        }
        byte[] id = peer.RoutingId!;
        message.RemoveFirst();
        while (true)
        {
            switch (peer.Outbound.TryWrite(message))
            {
                case WriteResult.Written:
                    peer.Outbound.Flush();
                    return true;
                case WriteResult.Full:
                    if (peer.Outbound.TryParkWriter())
                    {
                        message.PushFront(id);
                        return false;
                    }
                    continue;
                default:
                    message.PushFront(id);
                    throw new ZmqException(ZmqError.HostUnreachable, $"STREAM: the connection {RoutingIdText.Format(id)} has closed");
            }
        }
    }
}
