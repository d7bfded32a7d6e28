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
}
