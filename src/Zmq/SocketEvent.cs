namespace Zmq;

/// <summary>What happened on a socket's connection or endpoint (compare libzmq's <c>ZMQ_EVENT_*</c>).</summary>
public enum SocketEventKind
{
    /// <summary>A bind succeeded and the socket is listening.</summary>
    Listening,
    /// <summary>A connection was accepted on a bound endpoint.</summary>
    Accepted,
    /// <summary>An outgoing connection was established (handshake not yet done).</summary>
    Connected,
    /// <summary>An outgoing connection failed or was lost; another attempt follows after the interval in <see cref="SocketEvent.Detail"/>.</summary>
    ConnectRetried,
    /// <summary>The ZMTP handshake completed: messages flow. <see cref="SocketEvent.Detail"/> is the peer's address, followed by <c>: user 'ID'</c> when a ZAP handler named the user it let in.</summary>
    HandshakeSucceeded,
    /// <summary>The ZMTP handshake failed; the reason is in <see cref="SocketEvent.Detail"/>.</summary>
    HandshakeFailed,
    /// <summary>An established connection closed; the reason is in <see cref="SocketEvent.Detail"/>.</summary>
    Disconnected,
    /// <summary>A bound endpoint stopped listening.</summary>
    Closed,
}

/// <summary>One event reported by a <see cref="SocketMonitor"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Endpoint">The bound or connected endpoint it concerns.</param>
/// <param name="Detail">A reason or peer address, when there is one.</param>
public sealed record SocketEvent(SocketEventKind Kind, string Endpoint, string? Detail = null)
{
    /// <inheritdoc/>
    public override string ToString() => Detail is null ? $"{Kind} {Endpoint}" : $"{Kind} {Endpoint}: {Detail}";
}
