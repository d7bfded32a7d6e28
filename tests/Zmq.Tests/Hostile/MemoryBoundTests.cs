using System.Text;
using Zmq.Tests.Sockets;
using Zmq.Tests.Support;

namespace Zmq.Tests.Hostile;

/// <summary>Tests that measure process memory run alone, so other tests' allocations do not blur them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "memory measurements";
}

/// <summary>
/// Floods that a peer controls: a 64 MiB subscription, a million subscriptions, a thousand
/// routers' peers that come and go. The publisher or router must stay correct, keep serving
/// well-behaved peers, and give the memory back when the flood ends.
/// </summary>
[Collection(MemoryCollection.Name)]
public sealed class MemoryBoundTests
{
    private static long SettledManagedBytes()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    [Fact(Timeout = 120000)]
    public async Task Publisher_HugeSubscriptionThenCancelRepeated_StaysHealthyAndDoesNotGrow()
    {
        using var pub = new PubSocket();
        string endpoint = pub.Bind("tcp://127.0.0.1:*");
        using var honest = new SubSocket();
        honest.Subscribe("news");
        honest.Connect(endpoint);
        PubSubTests.PublishUntilReceived(pub, honest, "news probe");
        byte[] topic = new byte[64 * 1024 * 1024];
        topic.AsSpan().Fill((byte)'a');
        using var attacker = await RawZmtpClient.ConnectAsync(endpoint);
        await attacker.HandshakeAsync("SUB");

        long afterFirstRound = 0;
        for (int round = 0; round < 3; round++)
        {
            await attacker.SendAsync(ZmtpWire.Command("SUBSCRIBE", topic));
            await Eventually.TrueAsync(() => pub.SubscriptionCount == 2, "the 64 MiB subscription to be applied", TimeSpan.FromSeconds(60));
            pub.Send("news during the flood");
            Assert.Equal("news during the flood", honest.ReceiveWithin().GetString(0));
            await attacker.SendAsync(ZmtpWire.Command("CANCEL", topic));
            await Eventually.TrueAsync(() => pub.SubscriptionCount == 1, "the 64 MiB subscription to be cancelled", TimeSpan.FromSeconds(60));
            if (round == 0)
            {
                afterFirstRound = SettledManagedBytes();
            }
        }

        long growth = SettledManagedBytes() - afterFirstRound;
        Assert.True(growth < 16 * 1024 * 1024, $"managed memory grew by {growth / 1024 / 1024} MiB over two more rounds");
    }

    [Fact(Timeout = 120000)]
    public async Task PingFlood_FromAPeerThatNeverReads_KeepsOnePongPendingNotAQueue()
    {
        // Each PING asks for a PONG; a peer that does not read fills the kernel's buffers, the
        // write loop stops, and the PONGs must not pile up behind it.
        using var pull = new PullSocket { Linger = TimeSpan.Zero };
        string endpoint = pull.Bind("tcp://127.0.0.1:*");
        using var attacker = await RawZmtpClient.ConnectAsync(endpoint);
        await attacker.HandshakeAsync("PUSH");
        byte[] ping = ZmtpWire.Command("PING", [0, 0, .. new byte[16]]);
        byte[] burst = [.. Enumerable.Range(0, 100_000).SelectMany(_ => ping)];
        long before = SettledManagedBytes();

        for (int round = 0; round < 20; round++)
        {
            await attacker.SendAsync(burst); // 2,000,000 PINGs in all, 54 MB
        }
        await attacker.SendAsync(ZmtpWire.MessageFrame("after the flood"));
        Assert.Equal("after the flood", pull.ReceiveWithin(TimeSpan.FromSeconds(60)).GetString(0));

        long growth = SettledManagedBytes() - before;
        Assert.True(growth < 16 * 1024 * 1024, $"managed memory grew by {growth / 1024 / 1024} MiB during a PING flood");
    }

    [Fact(Timeout = 180000)]
    public async Task Publisher_MillionSubscriptions_BoundedPerTopicAndReleasedOnDisconnect()
    {
        const int Topics = 1_000_000;
        using var pub = new PubSocket();
        string endpoint = pub.Bind("tcp://127.0.0.1:*");
        long baseline = SettledManagedBytes();
        var attacker = await RawZmtpClient.ConnectAsync(endpoint);
        await attacker.HandshakeAsync("SUB");

        // A PUB applies subscriptions when the application uses it (as libzmq does); until then the
        // subscriber's connection waits at the high-water mark. So flood in batches, using the socket between them.
        var batch = new MemoryStream();
        for (int i = 0; i < Topics; i++)
        {
            batch.Write(ZmtpWire.Command("SUBSCRIBE", Encoding.ASCII.GetBytes("topic/" + i)));
            if (batch.Length > 256 * 1024 || i == Topics - 1)
            {
                await attacker.SendAsync(batch.ToArray());
                batch.SetLength(0);
                int sent = i + 1;
                await Eventually.TrueAsync(() => pub.SubscriptionCount == sent, $"{sent} subscriptions applied", TimeSpan.FromSeconds(60));
            }
        }

        long perTopic = (SettledManagedBytes() - baseline) / Topics;
        Assert.True(perTopic < 400, $"{perTopic} bytes of managed memory per subscription");
        using var honest = new SubSocket();
        honest.Subscribe("topic/999999");
        honest.Connect(endpoint);
        PubSubTests.PublishUntilReceived(pub, honest, "topic/999999 still served");

        attacker.Dispose();
        await Eventually.TrueAsync(() => pub.SubscriptionCount == 1, "the flood's subscriptions to be dropped", TimeSpan.FromSeconds(60));
        long left = SettledManagedBytes() - baseline;
        Assert.True(left < 64 * 1024 * 1024, $"{left / 1024 / 1024} MiB still held after the subscriber left");
    }

    [Fact(Timeout = 120000)]
    public async Task Router_ThousandPeersComingAndGoing_LeaveNothingBehind()
    {
        using var router = new RouterSocket();
        string endpoint = router.Bind("tcp://127.0.0.1:*");
        await ChurnAsync(router, endpoint, 100);
        long warm = SettledManagedBytes();

        await ChurnAsync(router, endpoint, 1000);

        await Eventually.TrueAsync(() => router.PeerCount == 0 && router.RoutedPeerCount == 0, "every departed peer to be forgotten", TimeSpan.FromSeconds(30));
        long growth = SettledManagedBytes() - warm;
        Assert.True(growth < 4 * 1024 * 1024, $"managed memory grew by {growth / 1024} KiB after 1,000 peers came and went");
    }

    [Fact(Timeout = 240000)]
    public async Task Bound_FiveThousandIdleTcpConnections_CostUnderTenKiBEach()
    {
        const int Connections = 5000;
        using var pull = new PullSocket();
        string endpoint = pull.Bind("tcp://127.0.0.1:*");
        long baseline = SettledManagedBytes();

        // The clients live in another process, so only the bound socket's side is measured here.
        await using PythonPeer clients = PythonPeer.Start(IdleClientsScript, endpoint, Connections.ToString());
        await clients.ExpectLineAsync("READY", TimeSpan.FromSeconds(180));
        await Eventually.TrueAsync(() => pull.PeerCount == Connections, $"{Connections} handshakes", TimeSpan.FromSeconds(60));

        long perConnection = (SettledManagedBytes() - baseline) / Connections;
        TestContext.Current.TestOutputHelper?.WriteLine($"{perConnection} bytes of managed memory per idle tcp connection");
        Assert.True(perConnection < 10 * 1024, $"{perConnection} bytes of managed memory per idle connection");
    }

    /// <summary>Opens N plain tcp connections that each send a ZMTP greeting and a READY as PUSH, then stay idle until stdin closes.</summary>
    private const string IdleClientsScript = """
        import resource, socket, struct, sys
        host, port = sys.argv[1][len("tcp://"):].rsplit(":", 1)
        count = int(sys.argv[2])
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, count + 100), hard))
        greeting = b"\xff" + bytes(8) + b"\x7f\x03\x01" + b"NULL" + bytes(16) + b"\x00" + bytes(31)
        body = b"\x05READY" + b"\x0bSocket-Type" + struct.pack(">I", 4) + b"PUSH"
        hello = greeting + bytes([0x04, len(body)]) + body
        clients = []
        for _ in range(count):
            s = socket.create_connection((host, int(port)))
            s.sendall(hello)
            clients.append(s)
        print("READY", flush=True)
        sys.stdin.read()
        """;

    private static async Task ChurnAsync(RouterSocket router, string endpoint, int peers)
    {
        for (int i = 0; i < peers; i++)
        {
            using (var peer = await RawZmtpClient.ConnectAsync(endpoint))
            {
                await peer.HandshakeAsync("DEALER");
                await peer.SendAsync(ZmtpWire.MessageFrame("hello " + i));
            }
            using Message received = router.ReceiveWithin();
            Assert.Equal("hello " + i, received.GetString(1));
        }
    }
}
