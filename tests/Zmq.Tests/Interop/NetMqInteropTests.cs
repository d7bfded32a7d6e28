namespace Zmq.Tests.Interop;

/// <summary>
/// Zmq and NetMQ (a managed ZeroMQ speaking ZMTP 3.0) in the same process over tcp, either side
/// binding: PUSH/PULL both ways round and PAIR with traffic both ways at once, 10,000 numbered
/// messages (multipart ones with empty frames among them) and the fixed messages of
/// <see cref="InteropTraffic"/> arriving intact and in order.
/// </summary>
/// <remarks>
/// Receivers are checked first: a receiver that finds a problem stops, and the sender then only
/// times out, which says less.
/// </remarks>
public sealed class NetMqInteropTests
{
    private const int Count = InteropTraffic.NetMqCount;

    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PushPull_NetMqPushToZmqPull_AllMessagesArriveIntactAndInOrder(bool netMqBinds)
    {
        using var pull = new PullSocket();
        using var push = new NetMQ.Sockets.PushSocket();
        push.Options.Linger = TimeSpan.FromSeconds(5);
        NetMqLink.Link(push, pull, netMqBinds);

        Task<string?> sending = Task.Run(() => NetMqLink.SendAll(push, Count), TestContext.Current.CancellationToken);
        string? received = await Task.Run(() => InteropTraffic.ReceiveAll(pull, Count), TestContext.Current.CancellationToken);

        Assert.True(received is null, $"Zmq PULL: {received}");
        string? sent = await sending;
        Assert.True(sent is null, sent);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PushPull_ZmqPushToNetMqPull_AllMessagesArriveIntactAndInOrder(bool netMqBinds)
    {
        using var pull = new NetMQ.Sockets.PullSocket();
        using var push = new PushSocket { SendTimeout = TimeSpan.FromSeconds(20) };
        NetMqLink.Link(pull, push, netMqBinds);

        Task<string?> sending = Task.Run(() => InteropTraffic.SendAll(push, Count), TestContext.Current.CancellationToken);
        string? received = await Task.Run(() => NetMqLink.ReceiveAll(pull, Count), TestContext.Current.CancellationToken);

        Assert.True(received is null, received);
        string? sent = await sending;
        Assert.True(sent is null, $"Zmq PUSH: {sent}");
    }

    [Theory(Timeout = 60_000)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Pair_TrafficBothWaysAtOnce_AllMessagesArriveIntactAndInOrder(bool netMqBinds)
    {
        using var zmqPair = new PairSocket { SendTimeout = TimeSpan.FromSeconds(20) };
        using var netMqPair = new NetMQ.Sockets.PairSocket();
        netMqPair.Options.Linger = TimeSpan.FromSeconds(5);
        NetMqLink.Link(netMqPair, zmqPair, netMqBinds);

        // A NetMQ socket is used from one thread: it sends its whole run, then receives Zmq's,
        // while Zmq sends and receives at the same time on two threads.
        Task<string?> netMqSide = Task.Run(() => NetMqLink.SendAll(netMqPair, Count) ?? NetMqLink.ReceiveAll(netMqPair, Count), TestContext.Current.CancellationToken);
        Task<string?> zmqSending = Task.Run(() => InteropTraffic.SendAll(zmqPair, Count), TestContext.Current.CancellationToken);
        string? zmqReceived = await Task.Run(() => InteropTraffic.ReceiveAll(zmqPair, Count), TestContext.Current.CancellationToken);

        Assert.True(zmqReceived is null, $"Zmq PAIR: {zmqReceived}");
        string? netMqProblem = await netMqSide;
        Assert.True(netMqProblem is null, netMqProblem);
        string? zmqSent = await zmqSending;
        Assert.True(zmqSent is null, $"Zmq PAIR: {zmqSent}");
    }
}
