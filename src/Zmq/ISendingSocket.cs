namespace Zmq;

/// <summary>A socket that can send messages (PUSH, PUB, PAIR, REQ, REP, DEALER, ROUTER, XPUB, XSUB, STREAM).</summary>
/// <remarks>The send methods are the extension methods of <see cref="SendingSocketExtensions"/>.</remarks>
public interface ISendingSocket
{
    /// <summary>The socket type.</summary>
    ZmqSocketType Type { get; }
}

/// <summary>
/// Sending on any <see cref="ISendingSocket"/>: <c>Send</c> blocks up to the socket's
/// <see cref="ZmqSocket.SendTimeout"/>, <c>TrySend</c> never blocks (or waits at most a given
/// time), <c>SendAsync</c> waits asynchronously and honours its <see cref="CancellationToken"/>.
/// </summary>
/// <remarks>
/// A sent <see cref="Message"/> is left empty: its frames now belong to the socket, and the
/// object can be filled again. When a send fails or times out the message is unchanged. None of
/// these methods allocates in steady state (the one-frame overloads use a per-thread message).
/// </remarks>
public static class SendingSocketExtensions
{
    [ThreadStatic]
    private static Message? t_scratch;

    /// <summary>Sends a whole message, blocking while every peer is at its high-water mark.</summary>
    /// <exception cref="TimeoutException">The message could not be queued within <see cref="ZmqSocket.SendTimeout"/>.</exception>
    /// <exception cref="ObjectDisposedException">The socket is or was disposed while waiting.</exception>
    public static void Send(this ISendingSocket socket, Message message)
    {
        ZmqSocket core = Core(socket);
        TimeSpan timeout = core.SendTimeout;
        if (!core.Send(message, timeout))
        {
            throw new TimeoutException($"could not send within the send timeout of {timeout.TotalMilliseconds:0} ms");
        }
    }

    /// <summary>Sends a one-frame message holding a copy of <paramref name="frame"/>.</summary>
    public static void Send(this ISendingSocket socket, ReadOnlySpan<byte> frame)
    {
        Message message = Scratch().Add(frame);
        try
        {
            socket.Send(message);
        }
        finally
        {
            message.Clear();
        }
    }

    /// <summary>Sends a one-frame message holding <paramref name="text"/> in UTF-8.</summary>
    public static void Send(this ISendingSocket socket, string text)
    {
        Message message = Scratch().Add(text);
        try
        {
            socket.Send(message);
        }
        finally
        {
            message.Clear();
        }
    }

    /// <summary>Sends a whole message if it can be queued at once; false otherwise (the message is unchanged).</summary>
    public static bool TrySend(this ISendingSocket socket, Message message) =>
        Core(socket).Send(message, TimeSpan.Zero);

    /// <summary>Sends a whole message, waiting up to <paramref name="timeout"/>; false if it could not be queued in time.</summary>
    public static bool TrySend(this ISendingSocket socket, Message message, TimeSpan timeout) =>
        Core(socket).Send(message, timeout);

    /// <summary>Sends a one-frame copy of <paramref name="frame"/> if it can be queued at once.</summary>
    public static bool TrySend(this ISendingSocket socket, ReadOnlySpan<byte> frame)
    {
        Message message = Scratch().Add(frame);
        try
        {
            return socket.TrySend(message);
        }
        finally
        {
            message.Clear();
        }
    }

    /// <summary>Sends a whole message, waiting asynchronously while every peer is at its high-water mark.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first (the message is unchanged).</exception>
    public static ValueTask SendAsync(this ISendingSocket socket, Message message, CancellationToken cancellationToken = default) =>
        Core(socket).SendAsync(message, cancellationToken);

    /// <summary>Sends a one-frame message holding <paramref name="text"/> in UTF-8, waiting asynchronously.</summary>
    public static async ValueTask SendAsync(this ISendingSocket socket, string text, CancellationToken cancellationToken = default)
    {
        using var message = new Message();
        await socket.SendAsync(message.Add(text), cancellationToken).ConfigureAwait(false);
    }

    internal static ZmqSocket Core(ISendingSocket socket) =>
        socket as ZmqSocket ?? throw new ArgumentException("not a Zmq socket", nameof(socket));

    /// <summary>This thread's empty scratch message (left empty after every use).</summary>
    private static Message Scratch() => t_scratch ??= new Message();
}
