using System.Text;
using Zmq.Tests.Support;

namespace Zmq.Tests.Hostile;

/// <summary>
/// The read path takes small one-frame messages straight from the read buffer and decodes every
/// other message frame by frame: these raw clients mix both kinds and split them anywhere, and
/// check that every message arrives whole, in order, and that the limits still hold.
/// </summary>
public sealed class ReadPathTests : HostileTestBase
{
    private static readonly string[] Mixed =
    [
        "a", "", "short one", new string('x', 255), new string('y', 256), "multi|part|message", "", "after",
        new string('z', 3000), "b|", "last",
    ];

    /// <summary>The wire bytes of <see cref="Mixed"/>: '|' separates the frames of a multipart message.</summary>
    private static byte[] MixedWire() =>
        [.. Mixed.SelectMany(message =>
        {
            string[] frames = message.Split('|');
            return frames.SelectMany((frame, i) => ZmtpWire.MessageFrame(frame, more: i < frames.Length - 1));
        })];

    public static TheoryData<TransportKind, int> Splits
    {
        get
        {
            var data = new TheoryData<TransportKind, int>();
            foreach (TransportKind transport in new[] { TransportKind.Tcp, TransportKind.Ipc })
            {
                foreach (int piece in new[] { 1, 2, 3, 7, 100, int.MaxValue })
                {
                    data.Add(transport, piece);
                }
            }
            return data;
        }
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Splits))]
    public async Task BoundPull_SmallAndLargeMessagesSplitAnywhere_ArriveWholeAndInOrder(TransportKind transport, int piece)
    {
        await using PullArena arena = await PullArena.StartAsync(transport);
        using RawZmtpClient raw = await HandshakenRawAsync(arena);
        if (transport == TransportKind.Tcp)
        {
            raw.Socket.NoDelay = true; // each piece its own segment, as far as the kernel allows
        }
        byte[] wire = MixedWire();

        for (int at = 0; at < wire.Length; at += piece)
        {
            await raw.SendAsync(wire.AsMemory(at, Math.Min(piece, wire.Length - at)));
        }

        foreach (string expected in Mixed)
        {
            using Message message = arena.Pull.ReceiveWithin();
            Assert.Equal(expected, string.Join('|', message.Select(frame => Encoding.ASCII.GetString(frame.Span))));
        }
        Assert.False(arena.Pull.TryReceive(TimeSpan.Zero, out Message? extra), $"an extra message arrived: {extra}");
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_SmallFrameOverMaxMessageSize_DisconnectsAfterDeliveringTheOnesWithin(TransportKind transport)
    {
        await using PullArena arena = await PullArena.StartAsync(transport, pull => pull.MaxMessageSize = 20); // the arena's own messages are 14 bytes
        RawZmtpClient raw = await HandshakenRawAsync(arena);

        await raw.SendAsync([.. ZmtpWire.MessageFrame("01234567890123456789"), .. ZmtpWire.MessageFrame("")]);
        Assert.Equal("01234567890123456789", arena.Pull.ReceiveWithin().GetString(0));
        Assert.Equal(0, arena.Pull.ReceiveWithin()[0].Length);
        await raw.SendIgnoringResetAsync(ZmtpWire.MessageFrame("01234567890123456789A"));

        SocketEvent disconnected = await arena.WaitForEventAsync(SocketEventKind.Disconnected, raw);
        AssertReason(disconnected, "21", "20");
        await raw.AssertClosedByServerAsync();
        Assert.False(arena.Pull.TryReceive(TimeSpan.Zero, out Message? leftover), $"the oversized message was delivered: {leftover}");
        arena.AssertPushDelivers();
        AssertNoUnobservedTaskExceptions();
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(Streams))]
    public async Task BoundPull_SmallMessagesBeyondTheHighWaterMark_WaitInTheConnectionAndAllArrive(TransportKind transport)
    {
        const int Count = 5000;
        await using PullArena arena = await PullArena.StartAsync(transport, pull => pull.ReceiveHighWatermark = 10);
        using RawZmtpClient raw = await HandshakenRawAsync(arena);

        byte[] wire = [.. Enumerable.Range(0, Count).SelectMany(i => ZmtpWire.MessageFrame(i.ToString()))];
        Task sending = raw.SendAsync(wire);

        for (int i = 0; i < Count; i++)
        {
            Assert.Equal(i.ToString(), arena.Pull.ReceiveWithin().GetString(0));
        }
        await sending;
        AssertNoUnobservedTaskExceptions();
    }

    public static TheoryData<TransportKind, int> LargeSplits
    {
        get
        {
            var data = new TheoryData<TransportKind, int>();
            foreach (TransportKind transport in new[] { TransportKind.Tcp, TransportKind.Ipc })
            {
                foreach (int piece in new[] { 997, 16 * 1024 + 3, 65545, int.MaxValue })
                {
                    data.Add(transport, piece);
                }
            }
            return data;
        }
    }

    [Theory(Timeout = 30000)]
    [MemberData(nameof(LargeSplits))]
    public async Task BoundPull_LargeFramesAmongSmallOnesSplitAnywhere_ArriveWholeAndInOrder(TransportKind transport, int piece)
    {
        // Frames from 16 KiB up are received straight into the frame, the bytes after them into the read buffer.
        var random = new Random(piece);
        byte[][][] messages =
        [
            [Filled(random, 65536)], [Filled(random, 5)], [Filled(random, 16 * 1024), Filled(random, 70_000)],
            [Filled(random, 16 * 1024 - 1)], [Filled(random, 300_000)], [Filled(random, 0)], [Filled(random, 65536)],
        ];
        await using PullArena arena = await PullArena.StartAsync(transport);
        using RawZmtpClient raw = await HandshakenRawAsync(arena);
        byte[] wire = [.. messages.SelectMany(frames => frames.SelectMany((frame, i) => ZmtpWire.MessageFrame(frame, more: i < frames.Length - 1)))];

        Task sending = Task.Run(async () =>
        {
            for (int at = 0; at < wire.Length; at += piece)
            {
                await raw.SendAsync(wire.AsMemory(at, Math.Min(piece, wire.Length - at)));
            }
        });

        foreach (byte[][] expected in messages)
        {
            using Message message = arena.Pull.ReceiveWithin();
            Assert.Equal(expected.Length, message.Count);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.True(expected[i].AsSpan().SequenceEqual(message[i].Span), $"frame {i} of a {expected[i].Length}-byte message differs");
            }
        }
        await sending;
        Assert.False(arena.Pull.TryReceive(TimeSpan.Zero, out Message? extra), $"an extra message arrived: {extra}");
        AssertNoUnobservedTaskExceptions();
    }

    private static byte[] Filled(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
