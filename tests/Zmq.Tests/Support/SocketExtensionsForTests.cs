namespace Zmq.Tests.Support;

/// <summary>Test conveniences on sockets.</summary>
public static class SocketTestExtensions
{
    /// <summary>Receives a message within <paramref name="timeout"/> (default 10 s) or fails the test.</summary>
    public static Message ReceiveWithin(this IReceivingSocket socket, TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? TimeSpan.FromSeconds(10);
        Assert.True(socket.TryReceive(limit, out Message? message), $"no message within {limit.TotalSeconds} s");
        return message;
    }

    /// <summary>The frames of a message as UTF-8 strings.</summary>
    public static string[] Strings(this Message message) => [.. Enumerable.Range(0, message.Count).Select(message.GetString)];
}
