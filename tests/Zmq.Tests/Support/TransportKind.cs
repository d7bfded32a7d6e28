namespace Zmq.Tests.Support;

/// <summary>The transports a pattern test runs over.</summary>
public enum TransportKind
{
    Inproc,
    Ipc,
    Tcp,
}

/// <summary>Fresh endpoints for tests: unique inproc names and ipc paths, ephemeral tcp ports.</summary>
public static class TestEndpoints
{
    /// <summary>Every transport, for <c>[MemberData]</c>.</summary>
    public static TheoryData<TransportKind> All => new(TransportKind.Inproc, TransportKind.Ipc, TransportKind.Tcp);

    /// <summary>The stream transports (those with real connections), for <c>[MemberData]</c>.</summary>
    public static TheoryData<TransportKind> Streams => new(TransportKind.Ipc, TransportKind.Tcp);

    /// <summary>An endpoint to bind; for tcp the port is chosen by the system, so use the value <c>Bind</c> returns to connect.</summary>
    public static string ForBind(TransportKind transport) => transport switch
    {
        TransportKind.Inproc => $"inproc://test-{Guid.NewGuid():N}",
        TransportKind.Ipc => IpcPath(),
        TransportKind.Tcp => "tcp://127.0.0.1:*",
        _ => throw new ArgumentOutOfRangeException(nameof(transport)),
    };

    /// <summary>An endpoint that can be bound again after its binder is gone (tcp gets a fixed free port).</summary>
    public static string Reusable(TransportKind transport) => transport == TransportKind.Tcp ? $"tcp://127.0.0.1:{FreeTcpPort()}" : ForBind(transport);

    /// <summary>A fresh ipc endpoint with a file path under /tmp.</summary>
    public static string IpcPath() => $"ipc:///tmp/zmq-test-{Guid.NewGuid():N}.ipc";

    /// <summary>A tcp port that was free a moment ago.</summary>
    public static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
