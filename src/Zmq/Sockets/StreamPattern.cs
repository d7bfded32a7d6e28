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
internal sealed class StreamPattern(Readiness sendReadiness, Readiness receiveReadiness) : SocketPattern
{
    private readonly AddressedPeers _peers = new(sendReadiness, receiveReadiness);

    public override bool KeepsPipesWhileDisconnected => false;

    public override Pipe? Attach(Pipe pipe) => _peers.Attach(pipe);

    public override void Detach(Pipe pipe) => _peers.Detach(pipe);

    public override void OnFarSideClosed(Pipe pipe) => _peers.Forget(pipe);

    public override bool TryReceive(Message message) => _peers.TryReceive(message);

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
            _peers.Forget(peer);
            peer.Outbound.CompleteWriter();
            message.Clear();
            return true;
        }
        byte[] id = peer.RoutingId!;
        message.RemoveFirst();
        switch (AddressedPeers.TryWrite(peer, message, parkWhenFull: true))
        {
            case AddressedWrite.Written:
                return true;
            case AddressedWrite.Full:
                message.PushFront(id);
                return false;
            default:
                message.PushFront(id);
                throw new ZmqException(ZmqError.HostUnreachable, $"STREAM: the connection {RoutingIdText.Format(id)} has closed");
        }
    }
}
