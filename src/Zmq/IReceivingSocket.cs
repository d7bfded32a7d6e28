using System.Diagnostics.CodeAnalysis;

namespace Zmq;

/// <summary>A socket that can receive messages (PULL, SUB, PAIR, REQ, REP, DEALER, ROUTER, XPUB, XSUB, STREAM).</summary>
/// <remarks>The receive methods are the extension methods of <see cref="ReceivingSocketExtensions"/>.</remarks>
public interface IReceivingSocket
{
    /// <summary>The socket type.</summary>
    ZmqSocketType Type { get; }
}

/// <summary>
/// Receiving on any <see cref="IReceivingSocket"/>: <c>Receive</c> blocks up to the socket's
/// <see cref="ZmqSocket.ReceiveTimeout"/>, <c>TryReceive</c> never blocks (or waits at most a given
/// time), <c>ReceiveAsync</c> waits asynchronously and honours its <see cref="CancellationToken"/>.
/// </summary>
/// <remarks>
/// The overloads that take a <see cref="Message"/> fill it (clearing it first) and allocate
/// nothing: reuse one message object in a receive loop. The overloads that return a message
/// create a new one each time.
/// </remarks>
public static class ReceivingSocketExtensions
{
    [ThreadStatic]
    private static Message? t_spare;

    /// <summary>Receives the next whole message, blocking until one arrives.</summary>
    /// <exception cref="TimeoutException">Nothing arrived within <see cref="ZmqSocket.ReceiveTimeout"/>.</exception>
    /// <exception cref="ObjectDisposedException">The socket is or was disposed while waiting.</exception>
    public static Message Receive(this IReceivingSocket socket)
    {
        var message = new Message();
        socket.Receive(message);
        return message;
    }

    /// <summary>Receives the next whole message into <paramref name="message"/> (cleared first), blocking until one arrives.</summary>
    /// <exception cref="TimeoutException">Nothing arrived within <see cref="ZmqSocket.ReceiveTimeout"/>.</exception>
    public static void Receive(this IReceivingSocket socket, Message message)
    {
        ZmqSocket core = Core(socket);
        TimeSpan timeout = core.ReceiveTimeout;
        if (!socket.TryReceive(message, timeout))
        {
            throw new TimeoutException($"nothing received within the receive timeout of {timeout.TotalMilliseconds:0} ms");
        }
    }

    /// <summary>Receives the next message and returns its first frame as UTF-8 text (for one-frame messages).</summary>
    public static string ReceiveString(this IReceivingSocket socket)
    {
        Message message = t_spare ??= new Message();
        try
        {
            socket.Receive(message);
            return message.GetString(0);
        }
        finally
        {
            message.Clear();
        }
    }

    /// <summary>Receives a message if one is waiting; never blocks.</summary>
    public static bool TryReceive(this IReceivingSocket socket, [NotNullWhen(true)] out Message? message) =>
        socket.TryReceive(TimeSpan.Zero, out message);

    /// <summary>Receives a message, waiting up to <paramref name="timeout"/>; false when none arrived in time.</summary>
    public static bool TryReceive(this IReceivingSocket socket, TimeSpan timeout, [NotNullWhen(true)] out Message? message)
    {
        // A failed attempt keeps its candidate for the next one, so polling allocates nothing.
        Message candidate = t_spare ??= new Message();
        if (socket.TryReceive(candidate, timeout))
        {
            t_spare = null;
            message = candidate;
            return true;
        }
        message = null;
        return false;
    }

    /// <summary>Receives into <paramref name="message"/> (cleared first) if a message is waiting; never blocks.</summary>
    public static bool TryReceive(this IReceivingSocket socket, Message message) =>
        socket.TryReceive(message, TimeSpan.Zero);

    /// <summary>Receives into <paramref name="message"/> (cleared first), waiting up to <paramref name="timeout"/>.</summary>
    public static bool TryReceive(this IReceivingSocket socket, Message message, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Clear();
        return Core(socket).Receive(message, timeout);
    }

    /// <summary>Receives the next whole message, waiting asynchronously.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public static async ValueTask<Message> ReceiveAsync(this IReceivingSocket socket, CancellationToken cancellationToken = default)
    {
        var message = new Message();
        await Core(socket).ReceiveAsync(message, cancellationToken).ConfigureAwait(false);
        return message;
    }

    /// <summary>Receives the next whole message into <paramref name="message"/> (cleared first), waiting asynchronously.</summary>
    public static ValueTask ReceiveAsync(this IReceivingSocket socket, Message message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Clear();
        return Core(socket).ReceiveAsync(message, cancellationToken);
    }

    private static ZmqSocket Core(IReceivingSocket socket) =>
        socket as ZmqSocket ?? throw new ArgumentException("not a Zmq socket", nameof(socket));
}
