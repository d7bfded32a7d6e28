using System.Text;

namespace Zmq.Tests.Interop;

/// <summary>
/// The traffic every interop test sends and checks, defined once here and once (identically) in
/// <see cref="PyZmqScripts.Prelude"/>: <c>count</c> numbered messages, then a few fixed ones.
/// </summary>
/// <remarks>
/// <para>Numbered message <c>i</c> is one frame holding <c>i</c> in ASCII decimal, except that every
/// sixteenth one (<c>i % 16 == 5</c>) is three frames: <c>[i, "", "tail"]</c>, so multipart
/// messages with empty frames are interleaved with single-frame ones. A receiver checks each message
/// against its index, so a lost, duplicated, reordered or torn message is caught where it happens.</para>
/// <para>After them come <see cref="Specials"/>: <c>["topic", "", "hello"]</c>, a message that is a
/// single empty frame, three empty frames, a 70,000-byte frame (the long-size encoding), and
/// <c>["end"]</c>.</para>
/// </remarks>
internal static class InteropTraffic
{
    /// <summary>Numbered messages in the libzmq (pyzmq) tests.</summary>
    public const int LibzmqCount = 100_000;

    /// <summary>Numbered messages in the NetMQ tests.</summary>
    public const int NetMqCount = 10_000;

    /// <summary>How long a receiver waits for any one message before reporting it lost.</summary>
    public static readonly TimeSpan PerMessage = TimeSpan.FromSeconds(10);

    /// <summary>How long a receiver that got the whole run watches for a message too many.</summary>
    public static readonly TimeSpan ExtraMessageWait = TimeSpan.FromMilliseconds(100);

    private static readonly byte[] s_empty = [];
    private static readonly byte[] s_tail = "tail"u8.ToArray();

    /// <summary>A 70,000-byte frame: byte j is j mod 251.</summary>
    public static readonly byte[] Big = [.. Enumerable.Range(0, 70_000).Select(j => (byte)(j % 251))];

    /// <summary>The fixed messages sent after the numbered ones, in order.</summary>
    public static readonly byte[][][] Specials =
    [
        ["topic"u8.ToArray(), s_empty, "hello"u8.ToArray()],
        [s_empty],
        [s_empty, s_empty, s_empty],
        ["big"u8.ToArray(), Big],
        ["end"u8.ToArray()],
    ];

    /// <summary>How many messages a run with <paramref name="count"/> numbered messages sends.</summary>
    public static int Total(int count) => count + Specials.Length;

    /// <summary>The frames of message <paramref name="index"/> in a run of <paramref name="count"/> numbered messages.</summary>
    public static byte[][] Expected(int index, int count)
    {
        if (index >= count)
        {
            return Specials[index - count];
        }
        byte[] head = Encoding.ASCII.GetBytes(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return index % 16 == 5 ? [head, s_empty, s_tail] : [head];
    }

    /// <summary>Sends the whole run on a Zmq socket; null when every message was queued, else where it got stuck (past the socket's send timeout).</summary>
    public static string? SendAll(ISendingSocket socket, int count)
    {
        using var message = new Message();
        int total = Total(count);
        for (int i = 0; i < total; i++)
        {
            foreach (byte[] frame in Expected(i, count))
            {
                message.Add((ReadOnlySpan<byte>)frame);
            }
            try
            {
                socket.Send(message);
            }
            catch (TimeoutException error)
            {
                return $"message {i} of {total}: {error.Message}";
            }
        }
        return null;
    }

    /// <summary>Receives and checks the whole run on a Zmq socket; null when all arrived intact and in order, else what went wrong first.</summary>
    public static string? ReceiveAll(IReceivingSocket socket, int count)
    {
        using var message = new Message();
        int total = Total(count);
        for (int i = 0; i < total; i++)
        {
            if (!socket.TryReceive(message, PerMessage))
            {
                return $"nothing received for {PerMessage.TotalSeconds} s at message {i} of {total}";
            }
            if (Mismatch(i, count, [.. message]) is { } error)
            {
                return error;
            }
        }
        return socket.TryReceive(message, ExtraMessageWait) ? $"an extra message after all {total}: {Show(message)}" : null;
    }

    /// <summary>Null when <paramref name="frames"/> are message <paramref name="index"/>, else a description of the difference.</summary>
    public static string? Mismatch(int index, int count, IReadOnlyList<ReadOnlyMemory<byte>> frames)
    {
        byte[][] expected = Expected(index, count);
        bool same = frames.Count == expected.Length;
        for (int k = 0; same && k < expected.Length; k++)
        {
            same = frames[k].Span.SequenceEqual(expected[k]);
        }
        return same ? null : $"message {index}: expected {Show(expected.Select(f => (ReadOnlyMemory<byte>)f))}, got {Show(frames)}";
    }

    /// <summary>Frames for an assertion message: short ones as text, long ones abbreviated.</summary>
    public static string Show(IEnumerable<ReadOnlyMemory<byte>> frames) =>
        "[" + string.Join(", ", frames.Select(static f => f.Length <= 16
            ? $"\"{Encoding.ASCII.GetString(f.Span)}\""
            : $"\"{Encoding.ASCII.GetString(f.Span[..16])}...\" ({f.Length} bytes)")) + "]";
}
