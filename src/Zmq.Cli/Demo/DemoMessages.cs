using System.Buffers.Binary;

namespace Zmq.Cli.Demo;

/// <summary>
/// The messages of a demo run: the two-frame <c>topic</c>/<c>hello</c> message, then a burst of
/// one-frame messages holding their number (4 bytes, big-endian), and bounded sends and receives
/// so a run that goes wrong fails instead of hanging.
/// </summary>
internal static class DemoMessages
{
    /// <summary>The first frame of the greeting, unless a subscriber's topic replaces it.</summary>
    public const string Topic = "topic";

    /// <summary>The longest any one send or receive of a run may wait (it covers a peer process starting up).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>A new <paramref name="topic"/>/hello message.</summary>
    public static Message Greeting(string topic = Topic) => new(topic, "hello");

    /// <summary>True when <paramref name="message"/> is exactly the two frames <paramref name="topic"/>, <c>hello</c>.</summary>
    public static bool IsGreeting(Message message, string topic = Topic) =>
        message.Count == 2 && message.GetString(0) == topic && message.GetString(1) == "hello";

    /// <summary>The number a burst message carries, or -1 when it is not a burst message.</summary>
    public static int NumberOf(Message message) =>
        message.Count == 1 && message[0].Length == sizeof(int) ? BinaryPrimitives.ReadInt32BigEndian(message[0].Span) : -1;

    /// <summary>Fills <paramref name="message"/> (empty) with burst message number <paramref name="number"/> and returns it.</summary>
    public static Message Numbered(Message message, int number)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, number);
        return message.Add(bytes);
    }

    /// <summary>Sends burst messages 0 to <paramref name="count"/> - 1, reusing one message object.</summary>
    public static void SendBurst(ISendingSocket socket, int count)
    {
        using var message = new Message();
        for (int i = 0; i < count; i++)
        {
            Send(socket, Numbered(message, i));
        }
    }

    /// <summary>Sends <paramref name="message"/>, waiting at most <see cref="Patience"/>.</summary>
    /// <exception cref="TimeoutException">The other side took nothing for that long.</exception>
    public static void Send(ISendingSocket socket, Message message)
    {
        if (!socket.TrySend(message, Patience))
        {
            throw new TimeoutException($"could not send for {Seconds.Format(Patience)} s: the other side took nothing");
        }
    }

    /// <summary>Receives into <paramref name="message"/>, waiting at most <see cref="Patience"/>.</summary>
    /// <exception cref="TimeoutException">Nothing arrived for that long.</exception>
    public static void Receive(IReceivingSocket socket, Message message)
    {
        if (!socket.TryReceive(message, Patience))
        {
            throw new TimeoutException($"nothing arrived for {Seconds.Format(Patience)} s");
        }
    }
}
