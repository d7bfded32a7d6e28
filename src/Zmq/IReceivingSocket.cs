using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Zmq.Pipes;
using Zmq.Waiting;

namespace Zmq;

/// <summary>A socket that can receive messages (PULL, PAIR, and later SUB, REP, ROUTER, ...).</summary>
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
/// nothing in steady state: reuse one message object in a receive loop. The overloads that return
/// a message create a new one each time.
/// </remarks>
public static class ReceivingSocketExtensions
{
    /// <summary>Receives the next whole message, blocking until one arrives.</summary>
    /// <exception cref="TimeoutException">Nothing arrived within <see cref="ZmqSocket.ReceiveTimeout"/>.</exception>
    /// <exception cref="ObjectDisposedException">The socket is or was disposed while waiting.</exception>
    public static Message Receive(this IReceivingSocket socket)
    {
        ZmqSocket core = Core(socket);
        TimeSpan timeout = core.ReceiveTimeout;
        if (!core.Receive(timeout, out Message message))
        {
            throw new TimeoutException($"nothing received within the receive timeout of {timeout.TotalMilliseconds:0} ms");
        }
        return message;
    }

    /// <summary>Receives the next whole message into <paramref name="message"/> (cleared first), blocking until one arrives.</summary>
    /// <exception cref="TimeoutException">Nothing arrived within <see cref="ZmqSocket.ReceiveTimeout"/>.</exception>
    public static void Receive(this IReceivingSocket socket, Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Message received = socket.Receive();
        Fill(message, received);
    }

    /// <summary>Receives the next message and returns its first frame as UTF-8 text (for one-frame messages).</summary>
    public static string ReceiveString(this IReceivingSocket socket)
    {
        Message message = socket.Receive();
        string text = message.GetString(0);
        message.Dispose();
        return text;
    }

    /// <summary>Receives a message if one is waiting; never blocks.</summary>
    public static bool TryReceive(this IReceivingSocket socket, [NotNullWhen(true)] out Message? message) =>
        socket.TryReceive(TimeSpan.Zero, out message);

    /// <summary>Receives a message, waiting up to <paramref name="timeout"/>; false when none arrived in time.</summary>
    public static bool TryReceive(this IReceivingSocket socket, TimeSpan timeout, [NotNullWhen(true)] out Message? message)
    {
        if (Core(socket).Receive(timeout, out Message received))
        {
            message = received;
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
        if (!Core(socket).Receive(timeout, out Message received))
        {
            return false;
        }
        Fill(message, received);
        return true;
    }

    /// <summary>Receives the next whole message, waiting asynchronously.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired first.</exception>
    public static ValueTask<Message> ReceiveAsync(this IReceivingSocket socket, CancellationToken cancellationToken = default) =>
        Core(socket).ReceiveAsync(cancellationToken);

    /// <summary>Receives the next whole message into <paramref name="message"/> (cleared first), waiting asynchronously.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public static async ValueTask ReceiveAsync(this IReceivingSocket socket, Message message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        Message received = await Core(socket).ReceiveAsync(cancellationToken).ConfigureAwait(false);
        Fill(message, received);
    }

    private static void Fill(Message target, Message received)
    {
        target.Clear();
        target.SwapContents(received);
        MessagePool.Return(received);
    }

    private static ZmqSocket Core(IReceivingSocket socket) =>
        socket as ZmqSocket ?? throw new ArgumentException("not a Zmq socket", nameof(socket));
}
