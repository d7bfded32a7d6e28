namespace Zmq.Transports;

/// <summary>Chooses the transport for a parsed endpoint.</summary>
internal static class Transport
{
    /// <summary>Binds <paramref name="endpoint"/> for <paramref name="socket"/>.</summary>
    public static EndpointHandle Bind(ZmqSocket socket, Endpoint endpoint) => RequireStreamTransportForStream(socket, endpoint) switch
    {
        TcpEndpoint tcp => StreamListener.BindTcp(socket, tcp),
        IpcEndpoint ipc => StreamListener.BindIpc(socket, ipc),
        InprocEndpoint inproc => socket.Context.Inproc.Bind(socket, inproc),
        _ => throw new ArgumentException($"unsupported endpoint {endpoint.Text}", nameof(endpoint)),
    };

    /// <summary>Starts connecting <paramref name="socket"/> to <paramref name="endpoint"/>.</summary>
    public static EndpointHandle Connect(ZmqSocket socket, Endpoint endpoint) => RequireStreamTransportForStream(socket, endpoint) switch
    {
        TcpEndpoint or IpcEndpoint => StreamConnector.Start(socket, endpoint),
        InprocEndpoint inproc => socket.Context.Inproc.Connect(socket, inproc),
        _ => throw new ArgumentException($"unsupported endpoint {endpoint.Text}", nameof(endpoint)),
    };

    private static Endpoint RequireStreamTransportForStream(ZmqSocket socket, Endpoint endpoint) =>
        socket.Type == ZmqSocketType.Stream && endpoint is InprocEndpoint
            ? throw new ArgumentException($"invalid endpoint '{endpoint.Text}': a STREAM socket talks raw tcp or ipc, not inproc", nameof(endpoint))
            : endpoint;
}
