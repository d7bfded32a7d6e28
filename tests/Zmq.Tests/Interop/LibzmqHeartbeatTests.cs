using Zmq.Tests.Support;

namespace Zmq.Tests.Interop;

/// <summary>
/// ZMTP heartbeats between Zmq and libzmq (pyzmq), over tcp and ipc paths, either side binding:
/// each side answers the other's PINGs, so an idle connection outlives the heartbeat timeout
/// several times over, and messages still flow afterwards.
/// </summary>
public sealed class LibzmqHeartbeatTests
{
    /// <summary>Idle for this long: one and a half times the heartbeat timeout below, which is generous so that a machine loaded by the rest of the suite does not delay a PONG past it.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);

    public static TheoryData<InteropTransport, bool> TcpAndIpcBothBinders => new()
    {
        { InteropTransport.Tcp, true }, { InteropTransport.Tcp, false }, { InteropTransport.IpcPath, true }, { InteropTransport.IpcPath, false },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TcpAndIpcBothBinders))]
    public async Task LibzmqPullPinging_ZmqPushAnswers_StaysConnectedAndDelivers(InteropTransport transport, bool zmqBinds)
    {
        // libzmq drops a connection that sends no traffic for 2 s after its PING: the idle Zmq
        // PUSH sends nothing but its PONGs.
        using var push = new PushSocket { SendTimeout = TimeSpan.FromSeconds(10) };
        using SocketMonitor events = push.Monitor();
        await using LibzmqAgent agent = await LibzmqAgent.StartAsync(push, "PULL", transport, zmqBinds,
            LibzmqAgent.IntOption("HEARTBEAT_IVL", 100), LibzmqAgent.IntOption("HEARTBEAT_TIMEOUT", 2000));
        await events.WaitForAsync(SocketEventKind.HandshakeSucceeded, Eventually.Soon);

        await AssertStaysConnectedAsync(events);

        push.Send(new Message("after", "the quiet"));
        Assert.Equal(["after", "the quiet"], await agent.ReceiveStringsAsync());
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(TcpAndIpcBothBinders))]
    public async Task ZmqPullPinging_LibzmqPushAnswers_StaysConnectedAndDelivers(InteropTransport transport, bool zmqBinds)
    {
        using var pull = new PullSocket
        {
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
            HeartbeatTimeout = TimeSpan.FromSeconds(2),
            HeartbeatTtl = TimeSpan.FromSeconds(2.5),
        };
        using SocketMonitor events = pull.Monitor();
        await using LibzmqAgent agent = await LibzmqAgent.StartAsync(pull, "PUSH", transport, zmqBinds);
        await events.WaitForAsync(SocketEventKind.HandshakeSucceeded, Eventually.Soon);

        await AssertStaysConnectedAsync(events);

        await agent.SendAsync("after", "the quiet");
        Assert.Equal(["after", "the quiet"], pull.ReceiveWithin().Strings());
    }

    [Theory(Timeout = 60_000)]
    [InlineData(InteropTransport.Tcp)]
    [InlineData(InteropTransport.IpcPath)]
    public async Task LibzmqPushPingingEveryMillisecond_PingsBetweenFramesDoNotBreakMultipartMessages(InteropTransport transport)
    {
        // libzmq 4.3 puts its PINGs between the frames of a message; 1 ms pings and large
        // three-frame messages make that happen many times.
        using var pull = new PullSocket();
        using SocketMonitor events = pull.Monitor();
        // (libzmq's timeout defaults to the interval: 1 ms would drop any peer, so it is set apart.)
        await using LibzmqAgent agent = await LibzmqAgent.StartAsync(pull, "PUSH", transport, zmqBinds: true,
            LibzmqAgent.IntOption("HEARTBEAT_IVL", 1), LibzmqAgent.IntOption("HEARTBEAT_TIMEOUT", 10_000));
        string big = new('p', 20_000);

        for (int i = 0; i < 300; i++)
        {
            await agent.SendAsync($"{i}", big, "end");
        }
        for (int i = 0; i < 300; i++)
        {
            Assert.Equal([$"{i}", big, "end"], pull.ReceiveWithin().Strings());
        }
        await AssertStaysConnectedAsync(events, TimeSpan.Zero);
    }

    private static async Task AssertStaysConnectedAsync(SocketMonitor events, TimeSpan? quiet = null)
    {
        try
        {
            SocketEvent disconnected = await events.WaitForAsync(SocketEventKind.Disconnected, quiet ?? Quiet);
            Assert.Fail($"disconnected while idle: {disconnected.Detail}");
        }
        catch (TimeoutException)
        {
            // Connected all along.
        }
    }
}
