namespace Zmq.Transports;

/// <summary>Chooses the transport for a parsed endpoint.</summary>
internal static class Transport
{
    /// <summary>Binds <paramref name="endpoint"/> for <paramref name="socket"/>.</summary>
    public static EndpointHandle Bind(ZmqSocket socket, Endpoint endpoint) => endpoint switch
    {
        TcpEndpoint tcp => StreamListener.BindTcp(socket, tcp),
        IpcEndpoint ipc => StreamListener.BindIpc(socket, ipc),
        InprocEndpoint inproc => socket.Context.Inproc.Bind(socket, inproc),
        _ => throw new ArgumentException($"unsupported endpoint {endpoint.Text}", nameof(endpoint)),
    };

    /// <summary>Starts connecting <paramref name="socket"/> to <paramref name="endpoint"/>.</summary>
    public static EndpointHandle Connect(ZmqSocket socket, Endpoint endpoint) => endpoint switch
    {
        TcpEndpoint or IpcEndpoint => StreamConnector.Start(socket, endpoint),
        InprocEndpoint inproc => socket.Context.Inproc.Connect(socket, inproc),
        _ => throw new ArgumentException($"unsupported endpoint {endpoint.Text}", nameof(endpoint)),
    };
}
