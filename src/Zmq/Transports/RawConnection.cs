using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Zmq.Pipes;

namespace Zmq.Transports;

/// <summary>
/// A plain tcp or ipc connection for a STREAM socket: no ZMTP, no handshake. Whatever bytes arrive
/// become one message; every message sent is written as its bytes. An empty message is queued to
/// the socket when the connection opens and another when it closes (libzmq's STREAM notifications).
/// </summary>
internal sealed class RawConnection : StreamConnection
{
    /// <summary>Wraps a connected stream socket.</summary>
    public RawConnection(Socket socket, ZmqSocket owner, SocketOptions options, string endpoint, string remoteAddress)
        : base(socket, owner, options, endpoint, remoteAddress)
    {
    }

    /// <inheritdoc/>
    protected override Task<PeerInfo> HandshakeAsync() =>
        Task.FromResult(new PeerInfo(ZmqSocketType.Stream, ReadOnlyMemory<byte>.Empty, RemoteAddress, -1));

    /// <inheritdoc/>
    protected override void OnAttached(Pipe pipe) => Notify(pipe);

    /// <inheritdoc/>
    protected override void OnDetaching(Pipe pipe) => Notify(pipe);

    /// <inheritdoc/>
    protected override bool DecodeNext(Message message)
    {
        ReadOnlySpan<byte> bytes = Buffered;
        if (bytes.IsEmpty)
        {
            return false;
        }
        message.Add(bytes);
        Consume(bytes.Length);
        return true;
    }

    /// <inheritdoc/>
    protected override bool TryEncodeWhole(Message message, Pipe pipe)
    {
        Span<byte> free = WriteSpace;
        if (message.TotalLength > free.Length)
        {
            return false;
        }
        int at = 0;
        foreach (ReadOnlyMemory<byte> frame in message)
        {
            frame.Span.CopyTo(free[at..]);
            at += frame.Length;
        }
        Advance(at);
        return true;
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected override async ValueTask EncodePiecewiseAsync(Message message, Pipe pipe)
    {
        foreach (ReadOnlyMemory<byte> frame in message)
        {
            await AppendBodyAsync(frame).ConfigureAwait(false);
        }
    }

    /// <summary>Queues the empty connect/disconnect notification (it bypasses the high-water mark: it must not be lost).</summary>
    private static void Notify(Pipe pipe)
    {
        Message notification = MessagePool.Rent();
        notification.Add(ReadOnlySpan<byte>.Empty);
        if (pipe.Inbound.TryWrite(notification, ignoreCapacity: true) == WriteResult.Written)
        {
            pipe.Inbound.Flush();
        }
        MessagePool.Return(notification);
    }
}
