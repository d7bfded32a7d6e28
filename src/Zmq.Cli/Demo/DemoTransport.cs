namespace Zmq.Cli.Demo;

/// <summary>The transports the demo runs every pattern over.</summary>
internal enum DemoTransport
{
    /// <summary>Two threads of the demo process.</summary>
    Inproc,

    /// <summary>Unix domain socket to a peer process.</summary>
    Ipc,

    /// <summary>Loopback TCP to a peer process.</summary>
    Tcp,
}

/// <summary>What each <see cref="DemoTransport"/> means for a run.</summary>
internal static class DemoTransports
{
    /// <summary>Every transport, in the order of the table.</summary>
    public static IReadOnlyList<DemoTransport> All { get; } = Enum.GetValues<DemoTransport>();

    /// <summary>The name in the table: <c>inproc</c>, <c>ipc</c>, <c>tcp</c>.</summary>
    public static string Name(this DemoTransport transport) => transport.ToString().ToLowerInvariant();

    /// <summary>True when the peer is a thread of this process (inproc cannot cross processes).</summary>
    public static bool PeerIsThread(this DemoTransport transport) => transport == DemoTransport.Inproc;

    /// <summary>A fresh endpoint for the local side to bind; the bound endpoint (with the chosen port or path) goes to the peer.</summary>
    public static string BindEndpoint(this DemoTransport transport) => transport switch
    {
        DemoTransport.Inproc => $"inproc://zmq-demo-{Guid.NewGuid():N}",
        DemoTransport.Ipc => "ipc://*",
        DemoTransport.Tcp => "tcp://127.0.0.1:*",
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "unknown transport"),
    };
}
