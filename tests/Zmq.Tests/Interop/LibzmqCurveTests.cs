using Zmq.Tests.Support;

namespace Zmq.Tests.Interop;

/// <summary>
/// CURVE (RFC 25/26) between Zmq and libzmq (pyzmq), each as client and as server, over tcp and
/// ipc paths, either side binding: messages of every size arrive, subscriptions (ZMTP commands
/// inside MESSAGE) reach the publisher, and a client with the wrong server key gets nothing through.
/// </summary>
public sealed class LibzmqCurveTests
{
    private static readonly CurveKeyPair ServerKeys = CurveKeyPair.Generate();
    private static readonly CurveKeyPair ClientKeys = CurveKeyPair.Generate();

    public static TheoryData<InteropTransport, bool> TcpAndIpcBothBinders => new()
    {
        { InteropTransport.Tcp, true }, { InteropTransport.Tcp, false }, { InteropTransport.IpcPath, true }, { InteropTransport.IpcPath, false },
    };

    private static string[] ServerOptions =>
    [
        LibzmqAgent.IntOption("CURVE_SERVER", 1),
        LibzmqAgent.Option("CURVE_SECRETKEY", ServerKeys.SecretKeyZ85),
        LibzmqAgent.Option("CURVE_PUBLICKEY", ServerKeys.PublicKeyZ85),
    ];

    private static string[] ClientOptions =>
    [
        LibzmqAgent.Option("CURVE_SERVERKEY", ServerKeys.PublicKeyZ85),
        LibzmqAgent.Option("CURVE_SECRETKEY", ClientKeys.SecretKeyZ85),
        LibzmqAgent.Option("CURVE_PUBLICKEY", ClientKeys.PublicKeyZ85),
    ];

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TcpAndIpcBothBinders))]
    public async Task ZmqCurveClient_ToLibzmqCurveServer_MessagesOfEverySizeArrive(InteropTransport transport, bool zmqBinds)
    {
        using var push = new PushSocket { CurveServerKey = ServerKeys.PublicKey, CurveKeys = ClientKeys, SendTimeout = TimeSpan.FromSeconds(10) };
        await using LibzmqAgent agent = await LibzmqAgent.StartAsync(push, "PULL", transport, zmqBinds, ServerOptions);

        string big = new('x', 100_000);
        push.Send(new Message("small", "", big));
        push.Send(new Message("second"));

        Assert.Equal(["small", "", big], await agent.ReceiveStringsAsync());
        Assert.Equal(["second"], await agent.ReceiveStringsAsync());
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TcpAndIpcBothBinders))]
    public async Task LibzmqCurveClient_ToZmqCurveServer_MessagesOfEverySizeArrive(InteropTransport transport, bool zmqBinds)
    {
        using var pull = new PullSocket(new ZmqContext()) { CurveServer = true, CurveKeys = ServerKeys };
        await using LibzmqAgent agent = await LibzmqAgent.StartAsync(pull, "PUSH", transport, zmqBinds, ClientOptions);

        string big = new('y', 100_000);
        await agent.SendAsync("small", "", big);
        await agent.SendAsync("second");

        Assert.Equal(["small", "", big], pull.ReceiveWithin().Strings());
        Assert.Equal(["second"], pull.ReceiveWithin().Strings());
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TcpAndIpcBothBinders))]
    public async Task LibzmqCurveSubscriber_ToZmqCurvePublisher_GetsWhatItSubscribedTo(InteropTransport transport, bool zmqBinds)
    {
        using var pub = new PubSocket(new ZmqContext()) { CurveServer = true, CurveKeys = ServerKeys };
        await using LibzmqAgent agent = await LibzmqAgent.StartAsync(pub, "SUB", transport, zmqBinds, [.. ClientOptions, LibzmqAgent.Option("SUBSCRIBE", "weather")]);

        await agent.ProbeFromAsync(pub, "weather", "probe");
        pub.Send(new Message("sports", "goal"));
        pub.Send(new Message("weather", "rain"));

        Assert.Equal(["weather", "rain"], await agent.ReceiveStringsAsync());
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TcpAndIpcBothBinders))]
    public async Task ZmqCurveSubscriber_ToLibzmqCurvePublisher_GetsWhatItSubscribedTo(InteropTransport transport, bool zmqBinds)
    {
        using var sub = new SubSocket { CurveServerKey = ServerKeys.PublicKey, CurveKeys = ClientKeys };
        sub.Subscribe("weather");
        await using LibzmqAgent agent = await LibzmqAgent.StartAsync(sub, "PUB", transport, zmqBinds, ServerOptions);

        var filter = new ProbeFilter();
        await agent.ProbeToAsync(sub, filter, "weather", "probe");
        await agent.SendAsync("sports", "goal");
        await agent.SendAsync("weather", "rain");

        Assert.Equal(["weather", "rain"], filter.Receive(sub));
    }

    [Fact(Timeout = 60_000)]
    public async Task ZmqCurveClient_WithTheWrongServerKey_GetsNothingThrough()
    {
        using var push = new PushSocket { CurveServerKey = CurveKeyPair.Generate().PublicKey, Linger = TimeSpan.Zero };
        using SocketMonitor events = push.Monitor();
        await using LibzmqAgent agent = await LibzmqAgent.StartAsync(push, "PULL", InteropTransport.Tcp, zmqBinds: false, ServerOptions);

        push.TrySend(new Message("must not arrive"));
        SocketEvent failed = await events.WaitForAsync(SocketEventKind.HandshakeFailed, Eventually.Soon);

        Assert.NotNull(failed.Detail);
        Assert.Null(await agent.TryReceiveAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PongsInsideMessage_KeepAnIdleCurveConnectionAlive(bool zmqPings)
    {
        // One side pings every 100 ms and drops the connection after 2 s without traffic; the idle
        // other side's only traffic is its PONGs, boxed inside MESSAGE with the command flag.
        // Zmq is the server when it pings, the client when libzmq does.
        ZmqSocket zmq = zmqPings
            ? new PullSocket(new ZmqContext()) { CurveServer = true, CurveKeys = ServerKeys, HeartbeatInterval = TimeSpan.FromMilliseconds(100), HeartbeatTimeout = TimeSpan.FromSeconds(2) }
            : new PushSocket { CurveServerKey = ServerKeys.PublicKey, CurveKeys = ClientKeys, SendTimeout = TimeSpan.FromSeconds(10) };
        using ZmqSocket owned = zmq;
        using SocketMonitor events = zmq.Monitor();
        string[] libzmqOptions = zmqPings
            ? ClientOptions
            : [.. ServerOptions, LibzmqAgent.IntOption("HEARTBEAT_IVL", 100), LibzmqAgent.IntOption("HEARTBEAT_TIMEOUT", 2000)];
        await using LibzmqAgent agent = await LibzmqAgent.StartAsync(zmq, zmqPings ? "PUSH" : "PULL", InteropTransport.Tcp, zmqBinds: zmqPings, libzmqOptions);
        await events.WaitForAsync(SocketEventKind.HandshakeSucceeded, Eventually.Soon);

        try
        {
            SocketEvent dropped = await events.WaitForAsync(SocketEventKind.Disconnected, TimeSpan.FromSeconds(3));
            Assert.Fail($"an idle CURVE connection answering PINGs was dropped: {dropped.Detail}");
        }
        catch (TimeoutException)
        {
            // Still connected after one and a half timeouts.
        }
        if (zmq is PullSocket pull)
        {
            await agent.SendAsync("after", "the quiet");
            Assert.Equal(["after", "the quiet"], pull.ReceiveWithin().Strings());
        }
        else
        {
            ((PushSocket)zmq).Send(new Message("after", "the quiet"));
            Assert.Equal(["after", "the quiet"], await agent.ReceiveStringsAsync());
        }
    }
}
