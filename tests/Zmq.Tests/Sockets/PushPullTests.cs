using Zmq.Tests.Support;

namespace Zmq.Tests.Sockets;

/// <summary>PUSH/PULL semantics (RFC 30), written once and run over inproc, ipc and tcp.</summary>
public sealed class PushPullTests
{
    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void Send_ThreeConnectedPeers_RoundRobinsInTurn(TransportKind transport)
    {
        using var pulls = new DisposableList<PullSocket>();
        using var push = new PushSocket();
        for (int i = 0; i < 3; i++)
        {
            PullSocket pull = pulls.Add(new PullSocket());
            push.Connect(pull.Bind(TestEndpoints.ForBind(transport)));
        }

        for (int i = 0; i < 30; i++)
        {
            push.Send(i.ToString());
        }

        // Pipes are created at connect, in order, so message i goes to peer i % 3.
        for (int peer = 0; peer < 3; peer++)
        {
            int[] received = [.. Enumerable.Range(0, 10).Select(_ => int.Parse(pulls[peer].ReceiveWithin().GetString(0)))];
            Assert.Equal(Enumerable.Range(0, 10).Select(k => peer + 3 * k), received);
        }
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public async Task Receive_ThreePeersWithQueuedMessages_TakesOneFromEachInTurn(TransportKind transport)
    {
        using var pull = new PullSocket();
        string endpoint = pull.Bind(TestEndpoints.ForBind(transport));
        using var pushes = new DisposableList<PushSocket>();
        for (int sender = 0; sender < 3; sender++)
        {
            PushSocket push = pushes.Add(new PushSocket());
            push.Connect(endpoint);
            for (int i = 0; i < 10; i++)
            {
                push.Send(new Message(sender.ToString(), i.ToString()));
            }
        }
        await Eventually.TrueAsync(() => pull.QueuedInbound == 30, "all 30 messages queued at the PULL socket");

        var senders = new List<int>();
        for (int i = 0; i < 30; i++)
        {
            senders.Add(int.Parse(pull.ReceiveWithin().GetString(0)));
        }

        for (int window = 0; window < 30; window += 3)
        {
            Assert.Equal([0, 1, 2], senders.Skip(window).Take(3).Order());
        }
    }

    [Fact(Timeout = 30000)]
    public void TrySend_InprocPeerNotReading_AcceptsSendPlusReceiveHighWatermarkThenRefuses()
    {
        using var pull = new PullSocket { ReceiveHighWatermark = 7 };
        string endpoint = pull.Bind(TestEndpoints.ForBind(TransportKind.Inproc));
        using var push = new PushSocket { SendHighWatermark = 5 };
        push.Connect(endpoint);

        int accepted = 0;
        while (push.TrySend(new Message("x")))
        {
            accepted++;
            Assert.True(accepted <= 12, "more messages accepted than the two high-water marks allow");
        }

        Assert.Equal(12, accepted);
    }

    [Theory(Timeout = 60000)]
    [MemberData(nameof(TestEndpoints.Streams), MemberType = typeof(TestEndpoints))]
    public async Task Send_PeerStopsReading_BlocksAtHighWatermarkAndResumesWhenItReads(TransportKind transport)
    {
        using var pull = new PullSocket { ReceiveHighWatermark = 4 };
        string endpoint = pull.Bind(TestEndpoints.ForBind(transport));
        using var push = new PushSocket { SendHighWatermark = 4, SendTimeout = TimeSpan.FromMilliseconds(200) };
        using SocketMonitor monitor = push.Monitor();
        push.Connect(endpoint);
        await monitor.WaitForAsync(SocketEventKind.HandshakeSucceeded, TimeSpan.FromSeconds(10));
        byte[] payload = new byte[256 * 1024];

        // Kernel buffers absorb some messages too, but a few tens of 256 KiB messages fill them.
        int accepted = 0;
        while (push.TrySend(new Message().Add(payload), TimeSpan.FromMilliseconds(500)))
        {
            accepted++;
            Assert.True(accepted < 400, "the sender never blocked");
        }

        // At least the sender's own high-water mark; how many more sit in the connection and the
        // receiver's queue depends on timing and kernel buffers.
        Assert.True(accepted >= 4, $"only {accepted} messages were accepted");
        Assert.Throws<TimeoutException>(() => push.Send(new Message().Add(payload)));
        for (int i = 0; i < accepted; i++)
        {
            pull.ReceiveWithin().Dispose();
        }
        Assert.True(push.TrySend(new Message().Add(payload), TimeSpan.FromSeconds(10)), "sending did not resume after the peer read");
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void Send_BeforeThePeerBinds_IsDeliveredOnceItDoes(TransportKind transport)
    {
        string endpoint = TestEndpoints.Reusable(transport);
        using var push = new PushSocket();
        push.Connect(endpoint);
        for (int i = 0; i < 5; i++)
        {
            push.Send(i.ToString());
        }

        using var pull = new PullSocket();
        pull.Bind(endpoint);

        Assert.Equal(["0", "1", "2", "3", "4"], Enumerable.Range(0, 5).Select(_ => pull.ReceiveWithin().GetString(0)));
    }

    [Theory(Timeout = 60000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public async Task Send_WhileTheBinderRestarts_QueuedMessagesReachTheNewBinder(TransportKind transport)
    {
        string endpoint = TestEndpoints.Reusable(transport);
        using var push = new PushSocket();
        using SocketMonitor monitor = push.Monitor();
        push.Connect(endpoint);
        using (var first = new PullSocket())
        {
            first.Bind(endpoint);
            push.Send("before");
            Assert.Equal("before", first.ReceiveWithin().GetString(0));
        }
        await monitor.WaitForAsync(SocketEventKind.Disconnected, TimeSpan.FromSeconds(10));

        for (int i = 0; i < 5; i++)
        {
            push.Send("queued " + i);
        }
        using var second = new PullSocket();
        second.Bind(endpoint);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => "queued " + i), Enumerable.Range(0, 5).Select(_ => second.ReceiveWithin().GetString(0)));
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void Send_MultipartMessagesWithEmptyFrames_ArriveWhole(TransportKind transport)
    {
        using var pull = new PullSocket();
        using var push = new PushSocket();
        push.Connect(pull.Bind(TestEndpoints.ForBind(transport)));
        string[][] messages =
        [
            ["topic", "hello"],
            [""],
            ["", "", "x", ""],
            [.. Enumerable.Range(0, 50).Select(i => new string('a', i))],
            ["last"],
        ];

        foreach (string[] frames in messages)
        {
            push.Send(new Message(frames));
        }

        foreach (string[] frames in messages)
        {
            Assert.Equal(frames, pull.ReceiveWithin().Strings());
        }
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public void Send_FourMebibyteMessage_ArrivesIntact(TransportKind transport)
    {
        using var pull = new PullSocket();
        using var push = new PushSocket();
        push.Connect(pull.Bind(TestEndpoints.ForBind(transport)));
        byte[] big = new byte[4 * 1024 * 1024];
        new Random(42).NextBytes(big);

        push.Send(new Message().Add("header").Add(big));

        using Message received = pull.ReceiveWithin();
        Assert.Equal("header", received.GetString(0));
        Assert.True(received[1].Span.SequenceEqual(big), "the 4 MiB frame differs");
    }

    [Theory(Timeout = 60000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public async Task SendAndReceive_FromSeveralThreadsAtOnce_LosesAndDuplicatesNothing(TransportKind transport)
    {
        const int Senders = 4;
        const int PerSender = 5000;
        using var pull = new PullSocket();
        using var push = new PushSocket();
        push.Connect(pull.Bind(TestEndpoints.ForBind(transport)));
        var received = new System.Collections.Concurrent.ConcurrentBag<(int Sender, int Sequence)>();

        Task[] receivers = [.. Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var message = new Message();
            while (pull.TryReceive(message, TimeSpan.FromSeconds(5)))
            {
                if (message.GetString(0) == "stop")
                {
                    return;
                }
                received.Add((int.Parse(message.GetString(0)), int.Parse(message.GetString(1))));
            }
        }))];
        Task[] senders = [.. Enumerable.Range(0, Senders).Select(sender => Task.Run(() =>
        {
            var message = new Message();
            for (int i = 0; i < PerSender; i++)
            {
                push.Send(message.Add(sender.ToString()).Add(i.ToString()));
            }
        }))];
        await Task.WhenAll(senders);
        push.Send("stop");
        push.Send("stop");
        await Task.WhenAll(receivers);

        Assert.Equal(Senders * PerSender, received.Count);
        Assert.Equal(Senders * PerSender, received.Distinct().Count());
    }

    [Fact(Timeout = 30000)]
    public async Task Dispose_WithQueuedMessagesAndLinger_DeliversThemBeforeClosing()
    {
        string endpoint = TestEndpoints.Reusable(TransportKind.Tcp);
        var push = new PushSocket { Linger = TimeSpan.FromSeconds(20) };
        push.Connect(endpoint);
        push.Send("one");
        push.Send("two");
        Task disposing = Task.Run(push.Dispose);

        using var pull = new PullSocket();
        pull.Bind(endpoint);

        Assert.Equal(["one", "two"], new[] { pull.ReceiveWithin().GetString(0), pull.ReceiveWithin().GetString(0) });
        await disposing.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory(Timeout = 60000)]
    [MemberData(nameof(TestEndpoints.All), MemberType = typeof(TestEndpoints))]
    public async Task Send_SmallAndLargeFramesMixed_ArriveIntactAndInOrder(TransportKind transport)
    {
        // Sizes on both sides of the batch buffer (64 KiB) and of the direct-write threshold (32 KiB),
        // so that large bodies leave with the batched headers before them in one gathering send.
        int[][] shapes = [[16], [40_000], [5, 70_000], [100_000, 3, 33_000], [65_527], [1 << 20], [0, 32 * 1024]];
        using var pull = new PullSocket();
        string endpoint = pull.Bind(TestEndpoints.ForBind(transport));
        using var push = new PushSocket();
        push.Connect(endpoint);

        const int rounds = 20;
        var sender = Task.Run(() =>
        {
            for (int round = 0; round < rounds; round++)
            {
                foreach (int[] shape in shapes)
                {
                    var message = new Message();
                    for (int f = 0; f < shape.Length; f++)
                    {
                        Fill(message.AddFrame(shape[f]), round, f);
                    }
                    push.Send(message);
                }
            }
        });

        for (int round = 0; round < rounds; round++)
        {
            foreach (int[] shape in shapes)
            {
                Message received = pull.ReceiveWithin();
                Assert.Equal(shape, Enumerable.Range(0, received.Count).Select(f => received[f].Length));
                for (int f = 0; f < shape.Length; f++)
                {
                    byte[] expected = new byte[shape[f]];
                    Fill(expected, round, f);
                    Assert.True(received[f].Span.SequenceEqual(expected), $"round {round}, frame {f} of {shape.Length}: contents differ");
                }
            }
        }
        await sender.WaitAsync(TimeSpan.FromSeconds(30));

        static void Fill(Span<byte> frame, int round, int index)
        {
            for (int i = 0; i < frame.Length; i++)
            {
                frame[i] = (byte)(i * 31 + round * 7 + index);
            }
        }
    }

    [Fact(Timeout = 30000)]
    public async Task Dispose_WithZeroLingerAndNoPeer_ReturnsAtOnce()
    {
        var push = new PushSocket { Linger = TimeSpan.Zero };
        push.Connect(TestEndpoints.Reusable(TransportKind.Tcp));
        push.Send("never delivered");

        await Task.Run(push.Dispose).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact(Timeout = 30000)]
    public async Task Dispose_WithDefaultLingerAndNoPeer_GivesUpAfterAboutOneSecond()
    {
        var push = new PushSocket();
        push.Connect(TestEndpoints.Reusable(TransportKind.Tcp));
        push.Send("never delivered");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Task.Run(push.Dispose).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(5));
    }
}
