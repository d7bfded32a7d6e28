using Zmq.Tests.Support;

namespace Zmq.Tests.Sockets;

/// <summary>ZMQ_IMMEDIATE: queue only to peers whose connection is complete.</summary>
public sealed class ImmediateTests
{
    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public async Task Immediate_PeerNotThereYet_GetsNothingQueued(TransportKind transport)
    {
        using var present = new PullSocket();
        string presentEndpoint = present.Bind(TestEndpoints.ForBind(transport));
        string absentEndpoint = TestEndpoints.Reusable(transport);
        using var push = new PushSocket { Immediate = true };
        using SocketMonitor monitor = push.Monitor();
        push.Connect(absentEndpoint);
        push.Connect(presentEndpoint);
        await monitor.WaitForAsync(SocketEventKind.HandshakeSucceeded, TimeSpan.FromSeconds(10));

        for (int i = 0; i < 6; i++)
        {
            push.Send(i.ToString());
        }
        using var late = new PullSocket();
        late.Bind(absentEndpoint);

        Assert.Equal(["0", "1", "2", "3", "4", "5"], Enumerable.Range(0, 6).Select(_ => present.ReceiveWithin().GetString(0)));
        Assert.False(late.TryReceive(TimeSpan.FromMilliseconds(300), out _), "a message was queued for a peer that was not connected");
    }

    [Fact(Timeout = 30000)]
    public void Immediate_NoCompletedConnection_SendCannotQueue()
    {
        using var push = new PushSocket { Immediate = true };
        push.Connect(TestEndpoints.Reusable(TransportKind.Tcp));

        Assert.False(push.TrySend(new Message("nowhere to go")));
    }

    [Fact(Timeout = 30000)]
    public void WithoutImmediate_ConnectingPeer_QueuesMessages()
    {
        using var push = new PushSocket();
        push.Connect(TestEndpoints.Reusable(TransportKind.Tcp));

        Assert.True(push.TrySend(new Message("queued for later")));
    }
}
