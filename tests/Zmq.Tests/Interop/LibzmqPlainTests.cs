using Zmq.Tests.Support;

namespace Zmq.Tests.Interop;

/// <summary>
/// PLAIN security (RFC 24) between Zmq and libzmq (pyzmq), both roles each way, over tcp and ipc
/// paths, either side binding: with the right password messages flow; with a wrong one the
/// client is refused and says why. libzmq's side is authenticated by pyzmq's ThreadAuthenticator,
/// Zmq's by <see cref="Authenticator"/>.
/// </summary>
public sealed class LibzmqPlainTests
{
    public static TheoryData<InteropTransport, bool> TcpAndIpcBothBinders => new()
    {
        { InteropTransport.Tcp, true }, { InteropTransport.Tcp, false }, { InteropTransport.IpcPath, true }, { InteropTransport.IpcPath, false },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TcpAndIpcBothBinders))]
    public async Task LibzmqPlainClient_ToZmqPlainServer_RightPasswordDelivers(InteropTransport transport, bool zmqBinds)
    {
        await using Authenticator auth = AdminOnly();
        ZmqContext context = auth.Context;
        using var pull = new PullSocket(context) { PlainServer = true };
        await using LibzmqAgent agent = await LibzmqAgent.StartAsync(pull, "PUSH", transport, zmqBinds,
            LibzmqAgent.Option("PLAIN_USERNAME", "admin"), LibzmqAgent.Option("PLAIN_PASSWORD", "secret"));

        await agent.SendAsync("from", "libzmq");

        Assert.Equal(["from", "libzmq"], pull.ReceiveWithin().Strings());
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TcpAndIpcBothBinders))]
    public async Task LibzmqPlainClient_WrongPassword_IsRefusedByZmq(InteropTransport transport, bool zmqBinds)
    {
        await using Authenticator auth = AdminOnly();
        ZmqContext context = auth.Context;
        using var pull = new PullSocket(context) { PlainServer = true };
        using SocketMonitor events = pull.Monitor();
        await using LibzmqAgent agent = await LibzmqAgent.StartAsync(pull, "PUSH", transport, zmqBinds,
            LibzmqAgent.Option("PLAIN_USERNAME", "admin"), LibzmqAgent.Option("PLAIN_PASSWORD", "guess"));

        SocketEvent refused = await events.WaitForAsync(SocketEventKind.HandshakeFailed, Eventually.Soon);

        Assert.Contains("authentication failed (ZAP status 400", refused.Detail);
        Assert.False(pull.TryReceive(TimeSpan.Zero, out Message? leaked), $"a refused client's message arrived: {leaked}");
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TcpAndIpcBothBinders))]
    public async Task ZmqPlainClient_ToLibzmqPlainServer_RightPasswordDelivers(InteropTransport transport, bool zmqBinds)
    {
        using var push = new PushSocket { PlainUsername = "admin", PlainPassword = "secret", SendTimeout = TimeSpan.FromSeconds(10) };
        await using LibzmqAgent agent = await LibzmqAgent.StartAsync(push, "PULL", transport, zmqBinds,
            LibzmqAgent.IntOption("PLAIN_SERVER", 1), LibzmqAgent.Option("ZAP_PLAIN", "admin:secret"));

        push.Send(new Message("from", "zmq"));

        Assert.Equal(["from", "zmq"], await agent.ReceiveStringsAsync());
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TcpAndIpcBothBinders))]
    public async Task ZmqPlainClient_WrongPassword_IsRefusedByLibzmqAndSaysWhy(InteropTransport transport, bool zmqBinds)
    {
        using var push = new PushSocket { PlainUsername = "admin", PlainPassword = "guess", Linger = TimeSpan.Zero };
        using SocketMonitor events = push.Monitor();
        await using LibzmqAgent agent = await LibzmqAgent.StartAsync(push, "PULL", transport, zmqBinds,
            LibzmqAgent.IntOption("PLAIN_SERVER", 1), LibzmqAgent.Option("ZAP_PLAIN", "admin:secret"));

        SocketEvent refused = await events.WaitForAsync(SocketEventKind.HandshakeFailed, Eventually.Soon);

        Assert.Contains("authentication failed (ZAP status 400)", refused.Detail);
    }

    /// <summary>An authenticator in a fresh context that lets in admin/secret.</summary>
    private static Authenticator AdminOnly()
    {
        var auth = new Authenticator(new ZmqContext());
        auth.AddUser("admin", "secret");
        return auth;
    }
}
