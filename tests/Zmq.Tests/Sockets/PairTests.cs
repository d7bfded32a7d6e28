using Zmq.Tests.Support;

namespace Zmq.Tests.Sockets;

/// <summary>PAIR semantics (RFC 31) over inproc, ipc and tcp.</summary>
public sealed class PairTests
{
    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void SendAndReceive_BothDirections_ArriveInOrder(TransportKind transport)
    {
        using var left = new PairSocket();
        using var right = new PairSocket();
        right.Connect(left.Bind(TestEndpoints.ForBind(transport)));

        for (int i = 0; i < 100; i++)
        {
            left.Send("L" + i);
            right.Send(new Message("R" + i, ""));
        }

        for (int i = 0; i < 100; i++)
        {
            Assert.Equal("L" + i, right.ReceiveWithin().GetString(0));
            Assert.Equal(["R" + i, ""], left.ReceiveWithin().Strings());
        }
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public async Task Connect_SecondPeerWhileFirstIsAttached_IsRefused(TransportKind transport)
    {
        using var bound = new PairSocket();
        string endpoint = bound.Bind(TestEndpoints.ForBind(transport));
        using var first = new PairSocket();
        first.Connect(endpoint);
        first.Send("first");
        Assert.Equal("first", bound.ReceiveWithin().GetString(0));

        using var second = new PairSocket();
        using SocketMonitor monitor = second.Monitor();
        second.Connect(endpoint);
        second.TrySend(new Message("second"));
        SocketEvent refused = await WaitForRefusalAsync(monitor);

        Assert.Contains("refused", refused.Detail);
        Assert.Equal(1, bound.PeerCount);
        first.Send("still first");
        Assert.Equal("still first", bound.ReceiveWithin().GetString(0));
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void Connect_AfterTheFirstPeerLeft_IsAccepted(TransportKind transport)
    {
        using var bound = new PairSocket();
        string endpoint = bound.Bind(TestEndpoints.ForBind(transport));
        using (var first = new PairSocket())
        {
            first.Connect(endpoint);
            first.Send("first");
            Assert.Equal("first", bound.ReceiveWithin().GetString(0));
        }

        using var second = new PairSocket();
        second.Connect(endpoint);
        second.Send("second");

        Assert.Equal("second", bound.ReceiveWithin().GetString(0));
    }

    private static async Task<SocketEvent> WaitForRefusalAsync(SocketMonitor monitor)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (SocketEvent socketEvent in monitor.Events.ReadAllAsync(timeout.Token))
        {
            if (socketEvent.Kind is SocketEventKind.Disconnected or SocketEventKind.HandshakeFailed)
            {
                return socketEvent;
            }
        }
        throw new InvalidOperationException("monitor closed");
    }
}
