using Zmq.Pipes;

namespace Zmq.Sockets;

/// <summary>
/// The message form of a subscription change (RFC 29, and the ZMTP 3.0 wire form): one frame,
/// <c>\x01</c> or <c>\x00</c> followed by the topic.
/// </summary>
internal static class SubscriptionMessage
{
    /// <summary>A pooled subscription message, flagged so connections send it as a command to ZMTP 3.1 peers.</summary>
    public static Message Create(bool subscribe, ReadOnlySpan<byte> topic)
    {
        Message message = MessagePool.Rent();
        Write(message, subscribe, topic);
        message.IsSubscription = true;
        return message;
    }

    /// <summary>Fills the empty <paramref name="message"/> with a subscription change, unflagged (as received from a peer).</summary>
    public static void Write(Message message, bool subscribe, ReadOnlySpan<byte> topic)
    {
        Span<byte> frame = message.AllocateFrame(topic.Length + 1);
        frame[0] = subscribe ? (byte)1 : (byte)0;
        topic.CopyTo(frame[1..]);
    }

    /// <summary>True when <paramref name="message"/> has the subscription form; <paramref name="subscribe"/> and <paramref name="topic"/> say which and what.</summary>
    public static bool TryParse(Message message, out bool subscribe, out ReadOnlySpan<byte> topic)
    {
        ReadOnlySpan<byte> first = message[0].Span;
        if (message.Count == 1 && first.Length > 0 && first[0] <= 1)
        {
            subscribe = first[0] == 1;
            topic = first[1..];
            return true;
        }
        subscribe = false;
        topic = default;
        return false;
    }
}
