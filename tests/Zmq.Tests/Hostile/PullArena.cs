using System.Diagnostics;
using Zmq.Tests.Support;

namespace Zmq.Tests.Hostile;

/// <summary>
/// The scene of a hostile-input test: a bound PULL socket with a monitor, a well-behaved PUSH
/// socket connected to it (already shown to deliver), and the raw clients the test opens.
/// </summary>
internal sealed class PullArena : IAsyncDisposable
{
    private readonly List<RawZmtpClient> _clients = [];
    private int _sequence;

    private PullArena(PullSocket pull, SocketMonitor monitor, string endpoint, PushSocket push)
    {
        Pull = pull;
        Monitor = monitor;
        Endpoint = endpoint;
        Push = push;
    }

    public PullSocket Pull { get; }

    public SocketMonitor Monitor { get; }

    /// <summary>The endpoint as bound (tcp with its port).</summary>
    public string Endpoint { get; }

    public PushSocket Push { get; }

    /// <summary>
    /// Binds a PULL (after <paramref name="configure"/>), connects a PUSH (after
    /// <paramref name="configurePush"/>), both in <paramref name="context"/>, and checks a message gets through.
    /// </summary>
    public static async Task<PullArena> StartAsync(
        TransportKind transport, Action<PullSocket>? configure = null, ZmqContext? context = null, Action<PushSocket>? configurePush = null)
    {
        var pull = new PullSocket(context) { Linger = TimeSpan.Zero };
        configure?.Invoke(pull);
        SocketMonitor monitor = pull.Monitor();
        string endpoint = pull.Bind(TestEndpoints.ForBind(transport));
        var push = new PushSocket(context) { Linger = TimeSpan.Zero };
        configurePush?.Invoke(push);
        var arena = new PullArena(pull, monitor, endpoint, push);
        push.Connect(endpoint);
        await monitor.WaitForAsync(SocketEventKind.HandshakeSucceeded, Eventually.Soon);
        arena.AssertPushDelivers();
        return arena;
    }

    /// <summary>Opens a raw connection (closed with the arena).</summary>
    public async Task<RawZmtpClient> ConnectRawAsync()
    {
        RawZmtpClient client = await RawZmtpClient.ConnectAsync(Endpoint);
        _clients.Add(client);
        return client;
    }

    /// <summary>Sends a fresh message through the well-behaved PUSH and checks the PULL receives exactly it.</summary>
    public void AssertPushDelivers()
    {
        string text = $"well-behaved {++_sequence}";
        Push.Send(new Message(text));
        using Message received = Pull.ReceiveWithin();
        Assert.Equal([text], received.Strings());
    }

    /// <summary>
    /// Waits for the next <paramref name="kind"/> event about <paramref name="client"/> (over tcp the
    /// peer address tells clients apart; over ipc it cannot, so the next such event is taken).
    /// </summary>
    public async Task<SocketEvent> WaitForEventAsync(SocketEventKind kind, RawZmtpClient client, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan limit = timeout ?? Eventually.Soon;
        while (true)
        {
            TimeSpan remaining = limit - clock.Elapsed;
            SocketEvent next = await Monitor.WaitForAsync(kind, remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1));
            // The detail is the peer address, followed by ": reason" when there is one.
            if (client.AddressAsServerSeesIt is not { } address || next.Detail == address || next.Detail?.StartsWith(address + ": ", StringComparison.Ordinal) == true)
            {
                return next;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (RawZmtpClient client in _clients)
        {
            client.Dispose();
        }
        await Push.DisposeAsync();
        await Pull.DisposeAsync();
        Monitor.Dispose();
    }
}
