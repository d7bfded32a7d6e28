using System.Diagnostics;
using Zmq.Tests.Support;

namespace Zmq.Tests.Hostile;

/// <summary>
/// PAIR takes one peer at a time, so a hostile peer must neither keep the slot after breaking the
/// protocol nor disturb the peer that holds it.
/// </summary>
public sealed class HostilePairTests : HostileTestBase
{
    private static void AssertExchange(PairSocket bound, PairSocket connected, string tag)
    {
        connected.Send(new Message($"{tag} up"));
        using (Message up = bound.ReceiveWithin())
        {
            Assert.Equal([$"{tag} up"], up.Strings());
        }
        bound.Send(new Message($"{tag} down"));
        using Message down = connected.ReceiveWithin();
        Assert.Equal([$"{tag} down"], down.Strings());
    }

    /// <summary>The next HandshakeFailed or Disconnected event (whichever the library reports a lost peer with).</summary>
    private static async Task<SocketEvent> WaitForFailureAsync(SocketMonitor monitor)
    {
        using var deadline = new CancellationTokenSource(Eventually.Soon);
        try
        {
            while (true)
            {
                SocketEvent next = await monitor.Events.ReadAsync(deadline.Token);
                if (next.Kind is SocketEventKind.HandshakeFailed or SocketEventKind.Disconnected)
                {
                    return next;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no HandshakeFailed or Disconnected event within {Eventually.Soon.TotalSeconds} s");
        }
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPair_RawPeerBreaksProtocol_IsDisconnectedAndSlotGoesToNextPeer(TransportKind transport)
    {
        await using var bound = new PairSocket { Linger = TimeSpan.Zero };
        using SocketMonitor monitor = bound.Monitor();
        string endpoint = bound.Bind(TestEndpoints.ForBind(transport));
        using RawZmtpClient raw = await RawZmtpClient.ConnectAsync(endpoint);

        Dictionary<string, string> serverMetadata = await raw.HandshakeAsync("PAIR");
        await monitor.WaitForAsync(SocketEventKind.HandshakeSucceeded, Eventually.Soon);
        bound.Send(new Message("to raw", "two"));
        RawFrame first = await raw.ReadFrameAsync();
        RawFrame second = await raw.ReadFrameAsync();
        await raw.SendAsync(ZmtpWire.MessageFrame("from raw"));
        using (Message fromRaw = bound.ReceiveWithin())
        {
            Assert.Equal(["from raw"], fromRaw.Strings());
        }

        Assert.Equal("PAIR", serverMetadata["Socket-Type"]);
        Assert.Equal(0x01, first.Flags);
        Assert.Equal(0x00, second.Flags);
        Assert.Equal("to raw"u8.ToArray(), first.Body);
        Assert.True(first.HasMore);
        Assert.Equal("two"u8.ToArray(), second.Body);
        Assert.False(second.HasMore);

        await raw.SendIgnoringResetAsync(ZmtpWire.LongHeader(0x00, 0x8000000000000000UL));

        SocketEvent disconnected = await monitor.WaitForAsync(SocketEventKind.Disconnected, Eventually.Soon);
        AssertReason(disconnected, "2^63");
        await raw.AssertClosedByServerAsync();

        await using var next = new PairSocket { Linger = TimeSpan.Zero };
        next.Connect(endpoint);
        await monitor.WaitForAsync(SocketEventKind.HandshakeSucceeded, Eventually.Soon);
        AssertExchange(bound, next, "after the attacker");
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPair_SecondRawPeer_IsRefusedWithErrorAndReasonWhileFirstKeepsWorking(TransportKind transport)
    {
        await using var bound = new PairSocket { Linger = TimeSpan.Zero };
        using SocketMonitor monitor = bound.Monitor();
        string endpoint = bound.Bind(TestEndpoints.ForBind(transport));
        await using var legit = new PairSocket { Linger = TimeSpan.Zero };
        legit.Connect(endpoint);
        await monitor.WaitForAsync(SocketEventKind.HandshakeSucceeded, Eventually.Soon);
        AssertExchange(bound, legit, "before");
        using RawZmtpClient raw = await RawZmtpClient.ConnectAsync(endpoint);

        await raw.HandshakeAsync("PAIR");
        RawFrame error = await raw.ReadCommandAsync("ERROR");

        Assert.True(error.CommandData.Length >= 2 && error.CommandData[0] == error.CommandData.Length - 1, "ERROR without a reason");
        await raw.AssertClosedByServerAsync();
        SocketEvent refused = await WaitForFailureAsync(monitor);
        AssertReason(refused, "refused");
        AssertExchange(bound, legit, "after");
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPair_GarbageFromSecondConnection_FirstPeerKeepsWorking(TransportKind transport)
    {
        await using var bound = new PairSocket { Linger = TimeSpan.Zero };
        using SocketMonitor monitor = bound.Monitor();
        string endpoint = bound.Bind(TestEndpoints.ForBind(transport));
        await using var legit = new PairSocket { Linger = TimeSpan.Zero };
        legit.Connect(endpoint);
        await monitor.WaitForAsync(SocketEventKind.HandshakeSucceeded, Eventually.Soon);
        AssertExchange(bound, legit, "before");
        using RawZmtpClient raw = await RawZmtpClient.ConnectAsync(endpoint);
        var garbage = new byte[2048];
        new Random(42).NextBytes(garbage);
        garbage[0] = 0x42;

        await raw.SendIgnoringResetAsync(garbage);

        SocketEvent failed = await monitor.WaitForAsync(SocketEventKind.HandshakeFailed, Eventually.Soon);
        AssertReason(failed, "0x42");
        await raw.AssertClosedByServerAsync();
        AssertExchange(bound, legit, "after");
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPair_RawPeerSilentForHandshakeInterval_IsClosedAndSlotStaysFree(TransportKind transport)
    {
        await using var bound = new PairSocket { Linger = TimeSpan.Zero, HandshakeInterval = TimeSpan.FromMilliseconds(500) };
        using SocketMonitor monitor = bound.Monitor();
        string endpoint = bound.Bind(TestEndpoints.ForBind(transport));
        var clock = Stopwatch.StartNew();
        using RawZmtpClient raw = await RawZmtpClient.ConnectAsync(endpoint);
        await raw.SendAsync(ZmtpWire.Greeting());

        SocketEvent failed = await monitor.WaitForAsync(SocketEventKind.HandshakeFailed, Eventually.Soon);
        AssertReason(failed, "handshake not completed");
        await raw.AssertClosedByServerAsync();
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(400), $"closed after {clock.Elapsed.TotalMilliseconds} ms");

        await using var legit = new PairSocket { Linger = TimeSpan.Zero };
        legit.Connect(endpoint);
        await monitor.WaitForAsync(SocketEventKind.HandshakeSucceeded, Eventually.Soon);
        AssertExchange(bound, legit, "after");
        AssertNoUnobservedTaskExceptions();
    }
}
