namespace Zmq.Cli.Broker;

/// <summary>A socket of <c>zmq proxy</c>: its option, and which way messages must go through it.</summary>
/// <param name="Option">The option that gives it: <c>--frontend</c>, ...</param>
/// <param name="Name">Its name in messages: <c>frontend</c>, ...</param>
/// <param name="MustReceive">True when the proxy receives on it (frontend, control); false when it sends on it (backend, capture).</param>
internal sealed record ProxyRole(string Option, string Name, bool MustReceive)
{
    /// <summary>The socket facing clients: the proxy receives from it (and sends replies back when it can).</summary>
    public static readonly ProxyRole Frontend = new("--frontend", "frontend", MustReceive: true);

    /// <summary>The socket facing services: the proxy sends to it (and receives replies when it can).</summary>
    public static readonly ProxyRole Backend = new("--backend", "backend", MustReceive: false);

    /// <summary>The optional socket that gets a copy of every message forwarded.</summary>
    public static readonly ProxyRole Capture = new("--capture", "capture", MustReceive: false);

    /// <summary>The optional socket that receives PAUSE, RESUME, TERMINATE and STATISTICS.</summary>
    public static readonly ProxyRole Control = new("--control", "control", MustReceive: true);

    /// <summary>True when a socket of <paramref name="kind"/> can play this role.</summary>
    public bool Accepts(SocketKind kind) => MustReceive ? kind.Receives : kind.Sends;
}
