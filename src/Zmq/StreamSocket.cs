using Zmq.Sockets;

namespace Zmq;

/// <summary>
/// STREAM (<c>ZMQ_STREAM</c>): talks plain tcp (or ipc) to peers that do not speak ZeroMQ, such as
/// HTTP clients or line-based services. Each received message is two frames: the connection's
/// routing id and the bytes that arrived (an empty second frame announces a new connection or a
/// closed one). To send, give the routing id and the bytes; an empty second frame closes the
/// connection. Messages to unknown connections throw <see cref="ZmqException"/> with
/// <see cref="ZmqError.HostUnreachable"/>.
/// </summary>
public sealed class StreamSocket : ZmqSocket, ISendingSocket, IReceivingSocket
{
    /// <summary>Creates a STREAM socket in <paramref name="context"/> (default: <see cref="ZmqContext.Default"/>).</summary>
    public StreamSocket(ZmqContext? context = null)
        : base(context, ZmqSocketType.Stream, static (send, receive) => new StreamPattern(send, receive))
    {
    }

    /// <summary>ZMQ_CONNECT_ROUTING_ID: the routing id to give the connection made by the next <see cref="ZmqSocket.Connect"/>.</summary>
    public ReadOnlyMemory<byte> ConnectRoutingId
    {
        set => SetConnectRoutingId(value);
    }
}
