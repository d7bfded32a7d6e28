using System.Buffers.Binary;
using Zmq.Tests.Support;

namespace Zmq.Tests.Sockets;

/// <summary>The broker (<see cref="Proxy"/>) for the three classic pairs, with capture and steering.</summary>
public sealed class ProxyTests
{
    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public async Task XSubXPub_EventBroker_CarriesDataDownAndSubscriptionsUp(TransportKind transport)
    {
        using var frontend = new XSubSocket();
        using var backend = new XPubSocket();
        string publishers = frontend.Bind(TestEndpoints.ForBind(transport));
        string subscribers = backend.Bind(TestEndpoints.ForBind(transport));
        var proxy = new Proxy(frontend, backend);
        using var stop = new CancellationTokenSource();
        Task running = proxy.RunAsync(stop.Token);

        using var pub = new PubSocket();
        pub.Connect(publishers);
        using var sub = new SubSocket();
        sub.Subscribe("events");
        sub.Connect(subscribers);
        PubSubTests.PublishUntilReceived(pub, sub, "events probe");
        pub.Send(new Message("other", "filtered upstream"));
        pub.Send(new Message("events", "through the broker"));

        Assert.Equal(["events", "through the broker"], sub.ReceiveWithin().Strings());
        stop.Cancel();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public async Task RouterDealer_ServiceBroker_RoutesRepliesToTheRightClient(TransportKind transport)
    {
        using var frontend = new RouterSocket();
        using var backend = new DealerSocket();
        string clients = frontend.Bind(TestEndpoints.ForBind(transport));
        string workers = backend.Bind(TestEndpoints.ForBind(transport));
        var proxy = new Proxy(frontend, backend);
        using var stop = new CancellationTokenSource();
        Task running = proxy.RunAsync(stop.Token);
        using var worker = new RepSocket();
        worker.Connect(workers);
        Task serving = Task.Run(() =>
        {
            for (int i = 0; i < 4; i++)
            {
                using Message request = worker.ReceiveWithin();
                worker.Send("re: " + request.GetString(0));
            }
        });

        using var alice = new ReqSocket();
        using var bob = new ReqSocket();
        alice.Connect(clients);
        bob.Connect(clients);
        for (int i = 0; i < 2; i++)
        {
            alice.Send("alice " + i);
            bob.Send("bob " + i);
            Assert.Equal("re: alice " + i, alice.ReceiveWithin().GetString(0));
            Assert.Equal("re: bob " + i, bob.ReceiveWithin().GetString(0));
        }

        await serving.WaitAsync(TimeSpan.FromSeconds(10));
        stop.Cancel();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact(Timeout = 30000)]
    public async Task PullPush_StreamerWithCapture_ForwardsAndCopiesAndCounts()
    {
        using var frontend = new PullSocket();
        using var backend = new PushSocket();
        using var capture = new PushSocket();
        string input = frontend.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        string output = backend.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        string captured = capture.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        using var tap = new PullSocket();
        tap.Connect(captured);
        var proxy = new Proxy(frontend, backend, capture);
        Task running = proxy.RunAsync();
        using var source = new PushSocket();
        source.Connect(input);
        using var sink = new PullSocket();
        sink.Connect(output);

        for (int i = 0; i < 10; i++)
        {
            source.Send(new Message("job", i.ToString()));
        }

        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(["job", i.ToString()], sink.ReceiveWithin().Strings());
            Assert.Equal(["job", i.ToString()], tap.ReceiveWithin().Strings());
        }
        await Eventually.TrueAsync(() => proxy.Statistics.BackendMessagesOut == 10, "ten messages counted out");
        ProxyStatistics statistics = proxy.Statistics;
        Assert.Equal(10, statistics.FrontendMessagesIn);
        Assert.Equal(10 * 4, statistics.FrontendBytesIn);
        Assert.Equal(10 * 4, statistics.BackendBytesOut);
        proxy.Terminate();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact(Timeout = 30000)]
    public async Task Pause_HoldsMessagesUntilResume()
    {
        using var frontend = new PullSocket();
        using var backend = new PushSocket();
        string input = frontend.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        string output = backend.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        var proxy = new Proxy(frontend, backend);
        Task running = proxy.RunAsync();
        using var source = new PushSocket();
        source.Connect(input);
        using var sink = new PullSocket();
        sink.Connect(output);

        proxy.Pause();
        source.Send("held");
        Assert.False(sink.TryReceive(TimeSpan.FromMilliseconds(200), out _), "a paused proxy forwarded");
        proxy.Resume();

        Assert.Equal("held", sink.ReceiveWithin().GetString(0));
        proxy.Terminate();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact(Timeout = 30000)]
    public async Task ControlSocket_StatisticsAndTerminate_AsLibzmqDefinesThem()
    {
        using var frontend = new PullSocket();
        using var backend = new PushSocket();
        using var control = new RepSocket();
        string input = frontend.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        string output = backend.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        string steering = control.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        var proxy = new Proxy(frontend, backend, control: control);
        Task running = proxy.RunAsync();
        using var source = new PushSocket();
        source.Connect(input);
        using var sink = new PullSocket();
        sink.Connect(output);
        using var steer = new ReqSocket();
        steer.Connect(steering);
        source.Send("abc");
        sink.ReceiveWithin();
        await Eventually.TrueAsync(() => proxy.Statistics.BackendMessagesOut == 1, "the message counted");

        steer.Send("STATISTICS");
        using Message reply = steer.ReceiveWithin();

        Assert.Equal(8, reply.Count);
        long[] values = [.. reply.Select(frame => (long)BinaryPrimitives.ReadUInt64LittleEndian(frame.Span))];
        Assert.Equal([1, 3, 0, 0, 0, 0, 1, 3], values);
        steer.Send("TERMINATE");
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact(Timeout = 30000)]
    public async Task ControlSocket_Rep_GetsAnEmptyReplyToEachCommand()
    {
        using var frontend = new PullSocket();
        using var backend = new PushSocket();
        using var control = new RepSocket();
        frontend.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        backend.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        string steering = control.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        var proxy = new Proxy(frontend, backend, control: control);
        Task running = proxy.RunAsync();
        using var steer = new ReqSocket();
        steer.Connect(steering);

        foreach (string command in new[] { "PAUSE", "RESUME", "NONSENSE", "TERMINATE" })
        {
            steer.Send(command);
            Assert.Equal([""], steer.ReceiveWithin(TimeSpan.FromSeconds(5)).Strings());
        }

        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Constructor_FrontendThatCannotReceive_IsRejected()
    {
        using var push = new PushSocket();
        using var pull = new PullSocket();

        var error = Assert.Throws<ArgumentException>(() => new Proxy(push, pull));

        Assert.Contains("frontend", error.Message);
    }
}
