using Zmq.Tests.Support;

namespace Zmq.Tests.Interop;

/// <summary>A Zmq socket's monitor reports the handshake with a libzmq (pyzmq) peer over tcp.</summary>
public sealed class LibzmqMonitorTests
{
    [Fact(Timeout = 30_000)]
    public async Task Monitor_PyZmqPeerConnects_ReportsHandshakeSucceeded()
    {
        using var pull = new PullSocket();
        using SocketMonitor monitor = pull.Monitor();
        string endpoint = pull.Bind("tcp://127.0.0.1:*");
        await using var peer = PythonPeer.Start(PyZmqScripts.ConnectPushAndHold, endpoint);
        await peer.ExpectLineAsync("READY");

        SocketEvent handshake = await monitor.WaitForAsync(SocketEventKind.HandshakeSucceeded, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Equal(SocketEventKind.HandshakeSucceeded, handshake.Kind);
        using Message hello = pull.ReceiveWithin();
        Assert.Equal(["hello"], hello.Strings());
        await peer.WriteLineAsync("EXIT");
        Assert.Equal(0, await peer.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact(Timeout = 30_000)]
    public async Task Monitor_ConnectingToPyZmqPeer_ReportsConnectedThenHandshakeSucceeded()
    {
        using var push = new PushSocket { SendTimeout = TimeSpan.FromSeconds(10) };
        using SocketMonitor monitor = push.Monitor();
        await using var peer = PythonPeer.Start(PyZmqScripts.BindPullAndPrintOne, "tcp://127.0.0.1:*");
        string ready = await peer.ReadLineAsync();
        Assert.StartsWith("READY tcp://127.0.0.1:", ready);
        push.Connect(ready["READY ".Length..]);

        await monitor.WaitForAsync(SocketEventKind.Connected, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await monitor.WaitForAsync(SocketEventKind.HandshakeSucceeded, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        push.Send("hello");
        Assert.Equal("GOT hello", await peer.ReadLineAsync());
        Assert.Equal(0, await peer.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }
}
