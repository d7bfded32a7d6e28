using System.Buffers;
using System.Text;
using Zmq.Zmtp;

namespace Zmq.Tests.Zmtp;

/// <summary>
/// <see cref="FrameDecoder"/> against byte vectors written from RFC 37 ("Formal Grammar", "Framing"),
/// however the input is split, and against malformed and hostile headers.
/// </summary>
public sealed class FrameDecoderTests
{
    /// <summary>A decoded frame copied out of the decoder (the decoder's span is only valid briefly).</summary>
    private sealed record Frame(bool IsCommand, bool HasMore, byte[] Body, bool WasAssembled)
    {
        public override string ToString() => $"{(IsCommand ? "command" : "message")}{(HasMore ? "+more" : "")} [{Body.Length}]";
    }

    // ---------------------------------------------------------------- RFC 37 vectors

    /// <summary>message-last = %x00 short-size message-body.</summary>
    private static readonly byte[] ShortFrame = [0x00, 0x05, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o'];

    /// <summary>An empty message frame: size zero, no body.</summary>
    private static readonly byte[] EmptyFrame = [0x00, 0x00];

    /// <summary>message-more = %x01 short-size message-body.</summary>
    private static readonly byte[] MoreFrame = [0x01, 0x03, (byte)'a', (byte)'b', (byte)'c'];

    /// <summary>
    /// The ROUTER's READY from the RFC 37 worked example: command = %x04 short-size command-body.
    /// </summary>
    private static readonly byte[] CommandFrame =
    [
        0x04, 28,
        5, (byte)'R', (byte)'E', (byte)'A', (byte)'D', (byte)'Y',
        11, (byte)'S', (byte)'o', (byte)'c', (byte)'k', (byte)'e', (byte)'t', (byte)'-', (byte)'T', (byte)'y', (byte)'p', (byte)'e',
        0, 0, 0, 6, (byte)'R', (byte)'O', (byte)'U', (byte)'T', (byte)'E', (byte)'R',
    ];

    private static byte[] Body(int length, int seed)
    {
        var body = new byte[length];
        new Random(seed).NextBytes(body);
        return body;
    }

    /// <summary>A long frame (flags | LONG, then 8-byte big-endian size) carrying <paramref name="body"/>.</summary>
    private static byte[] LongFrame(byte flags, byte[] body)
    {
        var frame = new byte[9 + body.Length];
        frame[0] = (byte)(flags | 0x02);
        ulong size = (ulong)body.Length;
        for (int i = 0; i < 8; i++)
        {
            frame[1 + i] = (byte)(size >> (56 - 8 * i));
        }
        body.CopyTo(frame, 9);
        return frame;
    }

    private static byte[] LongHeader(byte flags, ulong size)
    {
        var header = new byte[9];
        header[0] = (byte)(flags | 0x02);
        for (int i = 0; i < 8; i++)
        {
            header[1 + i] = (byte)(size >> (56 - 8 * i));
        }
        return header;
    }

    /// <summary>Every RFC vector in one stream, with the frames it must decode to.</summary>
    private static (byte[] Stream, Frame[] Expected) AllVectors()
    {
        byte[] longBody = Body(300, seed: 1);
        byte[] longMoreBody = Body(256, seed: 2);
        byte[] longCommandBody = [4, (byte)'P', (byte)'I', (byte)'N', (byte)'G', 0, 0, .. Body(16, seed: 3), .. Body(250, seed: 4)];
        byte[] stream =
        [
            .. ShortFrame,
            .. EmptyFrame,
            .. MoreFrame,
            .. EmptyFrame,
            .. LongFrame(0x01, longMoreBody),
            .. LongFrame(0x00, longBody),
            .. CommandFrame,
            .. LongFrame(0x04, longCommandBody),
            .. LongFrame(0x00, []),
            .. ShortFrame,
        ];
        Frame[] expected =
        [
            new(false, false, Encoding.ASCII.GetBytes("hello"), false),
            new(false, false, [], false),
            new(false, true, Encoding.ASCII.GetBytes("abc"), false),
            new(false, false, [], false),
            new(false, true, longMoreBody, false),
            new(false, false, longBody, false),
            new(true, false, CommandFrame[2..], false),
            new(true, false, longCommandBody, false),
            new(false, false, [], false),
            new(false, false, Encoding.ASCII.GetBytes("hello"), false),
        ];
        return (stream, expected);
    }

    /// <summary>Feeds <paramref name="chunks"/> in order, as a read loop would, and collects every frame.</summary>
    private static List<Frame> Decode(FrameDecoder decoder, params IEnumerable<byte[]> chunks)
    {
        var frames = new List<Frame>();
        foreach (byte[] chunk in chunks)
        {
            ReadOnlySpan<byte> rest = chunk;
            while (rest.Length > 0)
            {
                bool complete = decoder.TryDecode(rest, out int consumed, out DecodedFrame frame);
                Assert.InRange(consumed, 0, rest.Length);
                if (complete)
                {
                    frames.Add(new Frame(frame.IsCommand, frame.HasMore, frame.Body.ToArray(), frame.Rented is not null));
                    if (frame.Rented is { } rented)
                    {
                        Assert.True(frame.Body.Length <= rented.Length);
                        ArrayPool<byte>.Shared.Return(rented);
                    }
                }
                else
                {
                    Assert.Equal(rest.Length, consumed); // "false when all the input was consumed"
                }
                rest = rest[consumed..];
            }
        }
        return frames;
    }

    private static void AssertSameFrames(IReadOnlyList<Frame> expected, IReadOnlyList<Frame> actual, string how)
    {
        Assert.True(expected.Count == actual.Count, $"{how}: {actual.Count} frames instead of {expected.Count}");
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].IsCommand == actual[i].IsCommand, $"{how}: frame {i} IsCommand");
            Assert.True(expected[i].HasMore == actual[i].HasMore, $"{how}: frame {i} HasMore");
            Assert.True(expected[i].Body.AsSpan().SequenceEqual(actual[i].Body), $"{how}: frame {i} body differs");
        }
    }

    private static ZmtpProtocolException DecodeFails(FrameDecoder decoder, byte[] input)
    {
        var error = Assert.Throws<ZmtpProtocolException>(() => decoder.TryDecode(input, out _, out _));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    // ---------------------------------------------------------------- well-formed frames

    [Fact]
    public void TryDecode_ShortFrame_ReturnsBodyWithoutCopying()
    {
        var decoder = new FrameDecoder();

        Assert.True(decoder.TryDecode(ShortFrame, out int consumed, out DecodedFrame frame));

        Assert.Equal(ShortFrame.Length, consumed);
        Assert.False(frame.IsCommand);
        Assert.False(frame.HasMore);
        Assert.Equal("hello", Encoding.ASCII.GetString(frame.Body));
        Assert.Null(frame.Rented);
        Assert.True(frame.Body.Overlaps(ShortFrame), "a body that arrived whole is handed out in place");
        Assert.False(decoder.IsMidFrame);
    }

    [Fact]
    public void TryDecode_LongFrame_DecodesBigEndianSize()
    {
        byte[] body = Body(0x0102, seed: 7);
        byte[] input = [0x02, 0, 0, 0, 0, 0, 0, 0x01, 0x02, .. body];
        var decoder = new FrameDecoder();

        Assert.True(decoder.TryDecode(input, out int consumed, out DecodedFrame frame));

        Assert.Equal(input.Length, consumed);
        Assert.Equal(body, frame.Body.ToArray());
        Assert.False(frame.HasMore);
        Assert.False(frame.IsCommand);
    }

    [Fact]
    public void TryDecode_LongEncodingOfSmallBody_IsAccepted()
    {
        // RFC 37: short sizes "SHOULD" be used for 0-255 octets; a long size for a small body is still valid.
        byte[] input = [0x02, 0, 0, 0, 0, 0, 0, 0, 0x05, .. "hello"u8];
        var decoder = new FrameDecoder();

        Assert.True(decoder.TryDecode(input, out int consumed, out DecodedFrame frame));

        Assert.Equal(input.Length, consumed);
        Assert.Equal("hello", Encoding.ASCII.GetString(frame.Body));
    }

    [Fact]
    public void TryDecode_MoreFlag_SetsHasMore()
    {
        var decoder = new FrameDecoder();

        Assert.True(decoder.TryDecode(MoreFrame, out _, out DecodedFrame frame));

        Assert.True(frame.HasMore);
        Assert.False(frame.IsCommand);
        Assert.Equal("abc", Encoding.ASCII.GetString(frame.Body));
    }

    [Fact]
    public void TryDecode_LongFrameWithMore_SetsHasMore()
    {
        byte[] input = LongFrame(0x01, Body(256, seed: 9));
        Assert.Equal(0x03, input[0]);
        var decoder = new FrameDecoder();

        Assert.True(decoder.TryDecode(input, out _, out DecodedFrame frame));

        Assert.True(frame.HasMore);
        Assert.Equal(256, frame.Body.Length);
    }

    [Fact]
    public void TryDecode_EmptyFrame_CompletesWithEmptyBody()
    {
        var decoder = new FrameDecoder();

        Assert.True(decoder.TryDecode(EmptyFrame, out int consumed, out DecodedFrame frame));

        Assert.Equal(2, consumed);
        Assert.True(frame.Body.IsEmpty);
        Assert.False(frame.HasMore);
        Assert.False(decoder.IsMidFrame);
    }

    [Fact]
    public void TryDecode_EmptyFrameSplitAfterFlags_CompletesOnSizeByte()
    {
        var decoder = new FrameDecoder();

        Assert.False(decoder.TryDecode(EmptyFrame.AsSpan(0, 1), out int first, out _));
        Assert.True(decoder.IsMidFrame);
        Assert.True(decoder.TryDecode(EmptyFrame.AsSpan(1), out int second, out DecodedFrame frame));

        Assert.Equal(1, first);
        Assert.Equal(1, second);
        Assert.True(frame.Body.IsEmpty);
    }

    [Fact]
    public void TryDecode_CommandFrame_SetsIsCommand()
    {
        var decoder = new FrameDecoder();

        Assert.True(decoder.TryDecode(CommandFrame, out int consumed, out DecodedFrame frame));

        Assert.Equal(CommandFrame.Length, consumed);
        Assert.True(frame.IsCommand);
        Assert.False(frame.HasMore);
        Assert.Equal(28, frame.Body.Length);
        Assert.Equal(CommandFrame[2..], frame.Body.ToArray());
    }

    [Fact]
    public void TryDecode_LongCommandFrame_SetsIsCommand()
    {
        byte[] body = [5, .. "ERROR"u8, .. Body(400, seed: 5)];
        byte[] input = LongFrame(0x04, body);
        Assert.Equal(0x06, input[0]);
        var decoder = new FrameDecoder();

        Assert.True(decoder.TryDecode(input, out _, out DecodedFrame frame));

        Assert.True(frame.IsCommand);
        Assert.Equal(body, frame.Body.ToArray());
    }

    [Fact]
    public void TryDecode_TwoFramesInOneInput_StopsAfterTheFirst()
    {
        byte[] input = [.. ShortFrame, .. MoreFrame];
        var decoder = new FrameDecoder();

        Assert.True(decoder.TryDecode(input, out int consumed, out DecodedFrame first));
        Assert.Equal(ShortFrame.Length, consumed);
        Assert.Equal("hello", Encoding.ASCII.GetString(first.Body));

        Assert.True(decoder.TryDecode(input.AsSpan(consumed), out int consumed2, out DecodedFrame second));
        Assert.Equal(MoreFrame.Length, consumed2);
        Assert.Equal("abc", Encoding.ASCII.GetString(second.Body));
    }

    [Fact]
    public void TryDecode_IsMidFrame_TracksPartialHeaderAndBody()
    {
        var decoder = new FrameDecoder();
        Assert.False(decoder.IsMidFrame);

        Assert.False(decoder.TryDecode(ShortFrame.AsSpan(0, 1), out _, out _));
        Assert.True(decoder.IsMidFrame);
        Assert.False(decoder.TryDecode(ShortFrame.AsSpan(1, 3), out _, out _));
        Assert.True(decoder.IsMidFrame);
        Assert.True(decoder.TryDecode(ShortFrame.AsSpan(4), out _, out DecodedFrame frame));
        Assert.Equal("hello", Encoding.ASCII.GetString(frame.Body));
        Assert.False(decoder.IsMidFrame);
    }

    [Fact]
    public void TryDecode_AllVectorsWhole_DecodesEveryFrame()
    {
        (byte[] stream, Frame[] expected) = AllVectors();

        List<Frame> frames = Decode(new FrameDecoder(), stream);

        AssertSameFrames(expected, frames, "whole");
        Assert.All(frames, f => Assert.False(f.WasAssembled, "frames that arrived whole are not copied"));
    }

    [Fact]
    public void TryDecode_AllVectorsSplitAtEveryPosition_GivesTheSameFrames()
    {
        (byte[] stream, Frame[] expected) = AllVectors();

        for (int split = 0; split <= stream.Length; split++)
        {
            List<Frame> frames = Decode(new FrameDecoder(), stream[..split], stream[split..]);
            AssertSameFrames(expected, frames, $"split at {split}");
        }
    }

    [Fact]
    public void TryDecode_AllVectorsInThreePieces_GivesTheSameFrames()
    {
        (byte[] stream, Frame[] expected) = AllVectors();

        for (int a = 0; a <= stream.Length; a += 7)
        {
            for (int b = a; b <= stream.Length; b += 13)
            {
                List<Frame> frames = Decode(new FrameDecoder(), stream[..a], stream[a..b], stream[b..]);
                AssertSameFrames(expected, frames, $"split at {a} and {b}");
            }
        }
    }

    [Fact]
    public void TryDecode_AllVectorsOneByteAtATime_GivesTheSameFrames()
    {
        (byte[] stream, Frame[] expected) = AllVectors();

        List<Frame> frames = Decode(new FrameDecoder(), stream.Select(b => new[] { b }));

        AssertSameFrames(expected, frames, "one byte at a time");
    }

    [Fact]
    public void TryDecode_100KBodySplitAcrossReads_IsAssembledInRentedArray()
    {
        byte[] body = Body(100 * 1024, seed: 11);
        byte[] input = LongFrame(0x00, body);
        var decoder = new FrameDecoder();
        byte[]? rented = null;
        byte[]? assembled = null;

        int at = 0;
        int reads = 0;
        while (at < input.Length)
        {
            int length = Math.Min(7000, input.Length - at);
            bool complete = decoder.TryDecode(input.AsSpan(at, length), out int consumed, out DecodedFrame frame);
            Assert.Equal(length, consumed);
            at += consumed;
            reads++;
            if (complete)
            {
                Assert.Equal(input.Length, at);
                rented = frame.Rented;
                assembled = frame.Body.ToArray();
                Assert.False(frame.HasMore);
            }
            else
            {
                Assert.True(decoder.IsMidFrame);
            }
        }

        Assert.True(reads > 10);
        Assert.NotNull(rented);
        Assert.NotNull(assembled);
        Assert.Equal(body, assembled);
        Assert.False(decoder.IsMidFrame);
        ArrayPool<byte>.Shared.Return(rented);
    }

    [Fact]
    public void TryDecode_AfterAssembledFrame_NextFrameDecodesNormally()
    {
        byte[] big = Body(40_000, seed: 12);
        byte[] stream = [.. LongFrame(0x01, big), .. ShortFrame];
        var decoder = new FrameDecoder();

        List<Frame> frames = Decode(decoder, stream[..1000], stream[1000..20_000], stream[20_000..]);

        Assert.Equal(2, frames.Count);
        Assert.True(frames[0].WasAssembled);
        Assert.True(frames[0].HasMore);
        Assert.Equal(big, frames[0].Body);
        Assert.Equal("hello", Encoding.ASCII.GetString(frames[1].Body));
    }

    [Fact]
    public void Reset_MidBody_DecoderStartsAfresh()
    {
        var decoder = new FrameDecoder();
        byte[] partial = LongFrame(0x00, Body(50_000, seed: 13))[..20_000];
        Assert.False(decoder.TryDecode(partial, out _, out _));
        Assert.True(decoder.IsMidFrame);

        decoder.Reset();

        Assert.False(decoder.IsMidFrame);
        Assert.True(decoder.TryDecode(ShortFrame, out int consumed, out DecodedFrame frame));
        Assert.Equal(ShortFrame.Length, consumed);
        Assert.Equal("hello", Encoding.ASCII.GetString(frame.Body));
    }

    // ---------------------------------------------------------------- malformed frames

    [Theory]
    [InlineData(0x08)]
    [InlineData(0x10)]
    [InlineData(0x20)]
    [InlineData(0x40)]
    [InlineData(0x80)]
    [InlineData(0x09)]
    [InlineData(0x0E)]
    [InlineData(0xFF)]
    public void TryDecode_ReservedFlagBits_ThrowsOnTheFlagsByte(byte flags)
    {
        ZmtpProtocolException error = DecodeFails(new FrameDecoder(), [flags]);

        Assert.Contains("reserved", error.Message);
    }

    [Theory]
    [InlineData(0x05)] // COMMAND | MORE
    [InlineData(0x07)] // COMMAND | LONG | MORE
    public void TryDecode_CommandWithMore_Throws(byte flags)
    {
        ZmtpProtocolException error = DecodeFails(new FrameDecoder(), [flags, 0x00]);

        Assert.Contains("MORE", error.Message);
    }

    [Theory]
    [InlineData(0x8000000000000000UL)]
    [InlineData(0x8000000000000001UL)]
    [InlineData(ulong.MaxValue)]
    public void TryDecode_LongSizeAtLeast2Pow63_Throws(ulong size)
    {
        ZmtpProtocolException error = DecodeFails(new FrameDecoder(), LongHeader(0x00, size));

        Assert.Contains("2^63", error.Message);
    }

    [Theory]
    [InlineData(0x7FFFFFC8UL)] // Array.MaxLength + 1
    [InlineData(0x80000000UL)] // 2 GiB
    [InlineData(0x100000000UL)]
    [InlineData(0x7FFFFFFFFFFFFFFFUL)] // the largest size ZMTP allows
    public void TryDecode_LongSizeOverArrayMaxLength_Throws(ulong size)
    {
        Assert.True(size > (ulong)Array.MaxLength);

        ZmtpProtocolException error = DecodeFails(new FrameDecoder(), LongHeader(0x00, size));

        Assert.Contains(size.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message);
    }

    [Fact]
    public void TryDecode_LongSizeArrayMaxLength_IsAcceptedAndWaitsForBody()
    {
        var decoder = new FrameDecoder();

        Assert.False(decoder.TryDecode(LongHeader(0x00, (ulong)Array.MaxLength), out int consumed, out _));

        Assert.Equal(9, consumed);
        Assert.True(decoder.IsMidFrame);
        decoder.Reset();
    }

    [Fact]
    public void TryDecode_SizeOverLimit_ThrowsFromTheHeaderAlone()
    {
        var decoder = new FrameDecoder { Limit = 1000 };

        ZmtpProtocolException error = DecodeFails(decoder, LongHeader(0x00, 1001));

        Assert.Contains("1001", error.Message);
        Assert.Contains("1000", error.Message);
    }

    [Fact]
    public void TryDecode_ShortSizeOverLimit_Throws()
    {
        var decoder = new FrameDecoder { Limit = 4 };

        DecodeFails(decoder, [0x00, 0x05]);
    }

    [Fact]
    public void TryDecode_SizeEqualToLimit_IsAccepted()
    {
        var decoder = new FrameDecoder { Limit = 5 };

        Assert.True(decoder.TryDecode(ShortFrame, out _, out DecodedFrame frame));
        Assert.Equal(5, frame.Body.Length);
    }

    [Fact]
    public void TryDecode_LimitZero_AcceptsOnlyEmptyFrames()
    {
        var decoder = new FrameDecoder { Limit = 0 };

        Assert.True(decoder.TryDecode(EmptyFrame, out _, out _));
        DecodeFails(decoder, [0x00, 0x01, 0x41]);
    }

    [Fact]
    public void TryDecode_LimitMinusOne_IsUnlimited()
    {
        byte[] body = Body(100 * 1024, seed: 14);
        var decoder = new FrameDecoder { Limit = -1 };

        List<Frame> frames = Decode(decoder, LongFrame(0x00, body));

        Assert.Single(frames);
        Assert.Equal(body, frames[0].Body);
    }

    [Fact]
    public void TryDecode_NearlyTwoGigabyteHeaderThenFewBytes_DoesNotAllocateTheDeclaredSize()
    {
        // 2 GiB itself is over Array.MaxLength (refused above); this is the largest size accepted.
        var decoder = new FrameDecoder();
        byte[] header = LongHeader(0x00, (ulong)Array.MaxLength);
        byte[] someBody = Body(100, seed: 15);
        long before = GC.GetAllocatedBytesForCurrentThread();

        Assert.False(decoder.TryDecode(header, out _, out _));
        Assert.False(decoder.TryDecode(someBody, out int consumed, out _));
        Assert.False(decoder.TryDecode(someBody, out _, out _));

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(someBody.Length, consumed);
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes for 209 bytes of input");
        decoder.Reset();
    }

    [Fact]
    public void TryDecode_NearlyTwoGigabyteHeaderAndBodyInOneInput_DoesNotAllocateTheDeclaredSize()
    {
        var decoder = new FrameDecoder();
        byte[] input = [.. LongHeader(0x01, (ulong)Array.MaxLength), .. Body(1000, seed: 16)];
        long before = GC.GetAllocatedBytesForCurrentThread();

        Assert.False(decoder.TryDecode(input, out int consumed, out _));

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(input.Length, consumed);
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes for {input.Length} bytes of input");
        decoder.Reset();
    }

    // ---------------------------------------------------------------- direct reads into the body

    /// <summary>
    /// Decodes <paramref name="stream"/> as the read loop does with direct reads: whatever a "read"
    /// returns goes first into the body room the decoder lends (when it lends one), the rest through
    /// <see cref="FrameDecoder.TryDecode"/>. Reads are <paramref name="readSize"/> bytes at most.
    /// </summary>
    private static List<Frame> DecodeWithDirectReads(FrameDecoder decoder, byte[] stream, int readSize, int minimum)
    {
        var frames = new List<Frame>();
        int position = 0;
        while (position < stream.Length || decoder.HasWholeBody)
        {
            ArraySegment<byte> room = decoder.ReserveBodyRoom(minimum);
            int read = Math.Min(readSize, stream.Length - position);
            int direct = Math.Min(read, room.Count);
            stream.AsSpan(position, direct).CopyTo(room);
            decoder.CommitBodyRoom(direct);
            position += direct;
            ReadOnlySpan<byte> rest = stream.AsSpan(position, read - direct);
            position += rest.Length;
            while (rest.Length > 0 || decoder.HasWholeBody)
            {
                bool complete = decoder.TryDecode(rest, out int consumed, out DecodedFrame frame);
                rest = rest[consumed..];
                if (!complete)
                {
                    break;
                }
                frames.Add(new Frame(frame.IsCommand, frame.HasMore, frame.Body.ToArray(), frame.Rented is not null));
            }
        }
        return frames;
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(4096)]
    [InlineData(65545)]
    [InlineData(200_000)]
    public void ReserveBodyRoom_LargeFramesReceivedIntoTheirBodies_DecodeToTheSameFrames(int readSize)
    {
        byte[] large = Body(65536, seed: 20);
        byte[] larger = Body(300_000, seed: 21);
        byte[] small = Body(100, seed: 22);
        byte[] stream = [.. LongFrame(0x01, large), .. ShortFrame, .. LongFrame(0x00, larger), .. LongFrame(0x00, small), .. LongFrame(0x00, large)];
        Frame[] expected =
        [
            new(false, true, large, true), new(false, false, "hello"u8.ToArray(), false),
            new(false, false, larger, true), new(false, false, small, false), new(false, false, large, true),
        ];

        List<Frame> frames = DecodeWithDirectReads(new FrameDecoder(), stream, readSize, minimum: 16 * 1024);

        AssertSameFrames(expected, frames, $"reads of {readSize} bytes");
    }

    [Fact]
    public void ReserveBodyRoom_NoHeaderSmallFrameOrWholeBody_LendsNothing()
    {
        var decoder = new FrameDecoder();
        Assert.Equal(0, decoder.ReserveBodyRoom(16 * 1024).Count);

        Assert.False(decoder.TryDecode([.. LongHeader(0x00, 10_000), .. Body(10, seed: 23)], out _, out _));
        Assert.Equal(0, decoder.ReserveBodyRoom(16 * 1024).Count);
        Assert.Equal(9_990, decoder.ReserveBodyRoom(1024).Count);

        decoder.Reset();
        Assert.False(decoder.TryDecode(LongHeader(0x00, 20_000), out _, out _));
        ArraySegment<byte> room = decoder.ReserveBodyRoom(16 * 1024);
        Assert.Equal(20_000, room.Count);
        decoder.CommitBodyRoom(room.Count);
        Assert.True(decoder.HasWholeBody);
        Assert.Equal(0, decoder.ReserveBodyRoom(16 * 1024).Count);
        Assert.True(decoder.TryDecode([], out int consumed, out DecodedFrame frame));
        Assert.Equal(0, consumed);
        Assert.Equal(20_000, frame.Body.Length);
        Assert.False(decoder.HasWholeBody);
    }

    [Fact]
    public void ReserveBodyRoom_NearlyTwoGigabyteHeader_LendsAtMostSixtyFourKiBOrTwiceWhatArrived()
    {
        var decoder = new FrameDecoder();
        Assert.False(decoder.TryDecode(LongHeader(0x00, (ulong)Array.MaxLength), out _, out _));
        long arrived = 0;

        for (int read = 0; read < 6; read++)
        {
            ArraySegment<byte> room = decoder.ReserveBodyRoom(16 * 1024);
            Assert.Equal(arrived, room.Offset);
            Assert.True(room.Array!.Length <= Math.Max(64 * 1024, 2 * arrived),
                $"after {arrived} bytes arrived the body's array is {room.Array.Length} bytes");
            decoder.CommitBodyRoom(room.Count);
            arrived += room.Count;
        }
        Assert.Equal(2 * 1024 * 1024, arrived);
        decoder.Reset();
    }
}
