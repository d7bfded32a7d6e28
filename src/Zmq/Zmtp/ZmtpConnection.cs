using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using Zmq.Pipes;
using Zmq.Sockets;

namespace Zmq.Zmtp;

/// <summary>
/// One ZMTP connection over a stream socket (tcp or ipc): the handshake, then a read loop and a
/// write loop, until either side closes or the peer breaks the protocol.
/// </summary>
/// <remarks>
/// <para>Contract: <see cref="RunAsync"/> is called once, on the thread pool, and never throws:
/// every failure becomes a reason, reported as a <see cref="SocketEventKind.HandshakeFailed"/> or
/// <see cref="SocketEventKind.Disconnected"/> event. <see cref="Close"/> may be called from any
/// thread at any time. The connection never takes the socket lock except through
/// <see cref="IPipeProvider"/> and never blocks a thread.</para>
/// <para>Read loop: receive into a buffer, decode frames, assemble whole messages, queue them to
/// the socket; when the queue is at the high-water mark, stop reading until it has room (TCP
/// back-pressure). Write loop: take every queued message, encode them into one buffer, write it
/// with one call, and wait when the queue is empty.</para>
/// </remarks>
internal sealed partial class ZmtpConnection
{
    private const int ReadBufferSize = 64 * 1024;
    private const int WriteBufferSize = 64 * 1024;
    private const int HandshakeFrameLimit = 64 * 1024;

    private readonly Socket _socket;
    private readonly ZmqSocket _owner;
    private readonly SocketOptions _options;
    private readonly string _endpoint;
    private readonly FrameDecoder _decoder = new();
    private readonly ConcurrentQueue<byte[]> _control = new();
    private readonly CancellationTokenSource _stop = new();
    private byte[] _readBuffer;
    private int _readStart;
    private int _readEnd;
    private Pipe? _pipe;
    private Message? _assembling;
    private long _assembledBytes;
    private Message? _blocked;
    private int _shutdown;

    /// <summary>Wraps a connected stream socket.</summary>
    public ZmtpConnection(Socket socket, ZmqSocket owner, SocketOptions options, string endpoint, string remoteAddress)
    {
        _socket = socket;
        _owner = owner;
        _options = options;
        _endpoint = endpoint;
        RemoteAddress = remoteAddress;
        _readBuffer = ArrayPool<byte>.Shared.Rent(ReadBufferSize);
    }

    /// <summary>The peer's address, for events.</summary>
    public string RemoteAddress { get; }

    /// <summary>
    /// Runs the connection to its end. Returns true when the handshake succeeded (the connector
    /// uses this to reset its backoff).
    /// </summary>
    public async Task<bool> RunAsync(IPipeProvider provider)
    {
        bool handshook = false;
        Pipe? pipe = null;
        string reason = "closed";
        try
        {
            PeerInfo peer = await HandshakeWithTimeoutAsync().ConfigureAwait(false);
            handshook = true;
            pipe = provider.Attach(peer);
            if (pipe is null)
            {
                reason = $"peer refused: this {_owner.Type} socket takes no more peers";
                await SendErrorAsync("peer refused").ConfigureAwait(false);
                return true;
            }
            _pipe = pipe;
            _owner.Raise(SocketEventKind.HandshakeSucceeded, _endpoint, RemoteAddress);
            Task<string> reading = ReadLoopAsync(pipe);
            Task<string> writing = WriteLoopAsync(pipe);
            reason = await (await Task.WhenAny(reading, writing).ConfigureAwait(false)).ConfigureAwait(false);
            Shutdown();
            await Task.WhenAll(reading, writing).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            reason = Describe(error, handshook);
            if (!handshook)
            {
                _owner.Raise(SocketEventKind.HandshakeFailed, _endpoint, $"{RemoteAddress}: {reason}");
            }
        }
        finally
        {
            Shutdown();
            ReleaseBuffers();
            if (pipe is not null)
            {
                provider.Detach(pipe);
                _owner.Raise(SocketEventKind.Disconnected, _endpoint, $"{RemoteAddress}: {reason}");
            }
        }
        return handshook;
    }

    /// <summary>Closes the connection; the loops end and <see cref="RunAsync"/> completes.</summary>
    public void Close() => Shutdown();

    private string Describe(Exception error, bool handshook) => error switch
    {
        ZmtpProtocolException protocol => protocol.Message,
        OperationCanceledException when !handshook && !_stop.IsCancellationRequested =>
            $"handshake not completed within {_options.HandshakeInterval.TotalSeconds:0.###} s (ZMQ_HANDSHAKE_IVL)",
        OperationCanceledException or ObjectDisposedException => "closed",
        SocketException socketError => $"socket error: {socketError.SocketErrorCode}",
        EndOfStreamException => "peer closed the connection during the handshake",
        _ => $"{error.GetType().Name}: {error.Message}",
    };

    private void Shutdown()
    {
        if (Interlocked.Exchange(ref _shutdown, 1) != 0)
        {
            return;
        }
        _stop.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception)
        {
            // Not connected any more: nothing to shut down.
        }
        _socket.Dispose();
        if (_pipe?.StreamEnd is { } end)
        {
            end.OutboundReady.Notify();
            end.InboundSpace.Notify();
        }
    }

    private bool IsClosing => Volatile.Read(ref _shutdown) != 0;

    private void ReleaseBuffers()
    {
        _decoder.Reset();
        _assembling?.Clear();
        _blocked?.Clear();
    }

    // ---------------------------------------------------------------- reading

    private async Task<string> ReadLoopAsync(Pipe pipe)
    {
        try
        {
            StreamPipeEnd end = pipe.StreamEnd!;
            MessageQueue inbound = end.Inbound;
            while (true)
            {
                ReadProgress progress = DeliverBuffered(inbound);
                inbound.Flush();
                if (progress == ReadProgress.SocketGone)
                {
                    return "socket closed";
                }
                if (progress == ReadProgress.Blocked)
                {
                    if (inbound.TryParkWriter())
                    {
                        await end.InboundSpace.WaitAsync().ConfigureAwait(false);
                    }
                    if (IsClosing)
                    {
                        return "closed";
                    }
                    continue;
                }
                if (!await FillAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    return _decoder.IsMidFrame || _assembling is not null
                        ? "peer closed the connection in the middle of a message"
                        : "peer closed the connection";
                }
            }
        }
        catch (Exception error)
        {
            return Describe(error, handshook: true);
        }
    }

    /// <summary>Decodes what is buffered and queues complete messages, stopping at the high-water mark.</summary>
    private ReadProgress DeliverBuffered(MessageQueue inbound)
    {
        if (_blocked is not null)
        {
            ReadProgress retry = Deliver(inbound, _blocked);
            if (retry != ReadProgress.NeedData)
            {
                return retry;
            }
            _blocked = null;
        }
        while (_readStart < _readEnd)
        {
            bool complete = _decoder.TryDecode(_readBuffer.AsSpan(_readStart, _readEnd - _readStart), out int consumed, out DecodedFrame frame);
            _readStart += consumed;
            if (!complete)
            {
                break;
            }
            Message? message;
            if (frame.IsCommand)
            {
                message = OnCommand(frame);
                if (message is null)
                {
                    continue;
                }
            }
            else
            {
                message = AddFrame(frame);
                if (frame.HasMore)
                {
                    continue;
                }
                _assembling = null;
                _assembledBytes = 0;
                _decoder.Limit = _options.MaxMessageSize;
            }
            ReadProgress delivered = Deliver(inbound, message);
            if (delivered != ReadProgress.NeedData)
            {
                _blocked = delivered == ReadProgress.Blocked ? message : null;
                return delivered;
            }
        }
        _readStart = _readEnd = 0;
        return ReadProgress.NeedData;
    }

    private Message AddFrame(DecodedFrame frame)
    {
        Message message = _assembling ??= MessagePool.Rent();
        if (frame.Rented is not null)
        {
            message.AddRented(frame.Rented, frame.Body.Length);
        }
        else
        {
            frame.Body.CopyTo(message.AllocateFrame(frame.Body.Length));
        }
        _assembledBytes += frame.Body.Length;
        if (_options.MaxMessageSize >= 0)
        {
            _decoder.Limit = _options.MaxMessageSize - _assembledBytes;
        }
        return message;
    }

    private ReadProgress Deliver(MessageQueue inbound, Message message)
    {
        if (!_owner.ReceivesFromPeers)
        {
            MessagePool.Return(message);
            return ReadProgress.NeedData;
        }
        switch (inbound.TryWrite(message))
        {
            case WriteResult.Written:
                return ReadProgress.NeedData;
            case WriteResult.Full:
                return ReadProgress.Blocked;
            default:
                MessagePool.Return(message);
                return ReadProgress.SocketGone;
        }
    }

    /// <summary>Handles a command after the handshake; returns the message it stands for (a subscription), or null.</summary>
    private Message? OnCommand(DecodedFrame frame)
    {
        try
        {
            if (_assembling is not null)
            {
                throw new ZmtpProtocolException("a command arrived in the middle of a multipart message");
            }
            var command = ZmtpCommand.Parse(frame.Body);
            if (command.Is("PING"))
            {
                if (command.Data.Length < 2 || command.Data.Length > 2 + 16)
                {
                    throw new ZmtpProtocolException("malformed PING: expected a 2-byte TTL and at most 16 bytes of context");
                }
                _control.Enqueue(ZmtpCommand.EncodeFrame("PONG", command.Data[2..]));
                _pipe?.StreamEnd?.OutboundReady.Notify();
            }
            else if (command.Is("PONG"))
            {
                // Any traffic is a sign of life; there is nothing else to do.
            }
            else if ((command.Is("SUBSCRIBE") || command.Is("CANCEL")) && _owner.Type is SocketType.Pub or SocketType.XPub)
            {
                return SubscriptionMessage.Create(command.Is("SUBSCRIBE"), command.Data);
            }
            else if (command.Is("ERROR"))
            {
                throw new ZmtpProtocolException($"peer sent ERROR: {ErrorReason(command.Data)}");
            }
            else
            {
                throw new ZmtpProtocolException($"unexpected command {command.NameText} for a {_owner.Type} socket");
            }
            return null;
        }
        finally
        {
            if (frame.Rented is not null)
            {
                ArrayPool<byte>.Shared.Return(frame.Rented);
            }
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_readStart == _readEnd)
        {
            _readStart = _readEnd = 0;
        }
        else if (_readEnd == _readBuffer.Length)
        {
            Buffer.BlockCopy(_readBuffer, _readStart, _readBuffer, 0, _readEnd - _readStart);
            _readEnd -= _readStart;
            _readStart = 0;
        }
        int received = await _socket.ReceiveAsync(_readBuffer.AsMemory(_readEnd), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        if (received == 0)
        {
            return false;
        }
        _readEnd += received;
        return true;
    }

    private static string ErrorReason(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            return "(no reason)";
        }
        int length = Math.Min(data[0], data.Length - 1);
        return System.Text.Encoding.ASCII.GetString(data.Slice(1, length));
    }

    private enum ReadProgress
    {
        NeedData,
        Blocked,
        SocketGone,
    }
}
