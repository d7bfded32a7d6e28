using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Zmq.Pipes;

namespace Zmq.Transports;

/// <summary>The read side of <see cref="StreamConnection"/>: fill a buffer, decode whole messages, queue them with back-pressure.</summary>
internal abstract partial class StreamConnection
{
    private const int ReadBufferSize = 64 * 1024;

    /// <summary>Frames at least this large are received straight into the frame, after the part that came with the read buffer.</summary>
    private const int DirectReadMinimum = 16 * 1024;

    /// <summary>How much of the read buffer a direct read also fills: the next header and the start of what follows.</summary>
    private const int DirectReadTail = 4 * 1024;

    private byte[]? _readBuffer;
    private int _readStart;
    private int _readEnd;
    private bool _streaming;
    private Message? _decoded;
    private bool _blocked;
    private VectoredOperation? _scatter;

    /// <summary>The bytes received and not yet decoded.</summary>
    protected ReadOnlySpan<byte> Buffered => _readBuffer.AsSpan(_readStart, _readEnd - _readStart);

    /// <summary>Why the read loop ended when the peer closed its side (a subclass may say it happened mid-message).</summary>
    protected virtual string EndOfStreamReason => "peer closed the connection";

    /// <summary>Marks <paramref name="count"/> buffered bytes as decoded.</summary>
    protected void Consume(int count) => _readStart += count;

    /// <summary>
    /// Decodes from <see cref="Buffered"/> (consuming what it uses) into <paramref name="message"/>,
    /// which keeps a partly decoded message between calls. Returns true when <paramref name="message"/>
    /// holds a whole message, false once the buffered bytes are used up without completing one.
    /// Throws <see cref="ZmqException"/> with <see cref="ZmqError.Protocol"/> when the bytes are invalid.
    /// </summary>
    protected abstract bool DecodeNext(Message message);

    /// <summary>
    /// Looks at <see cref="Buffered"/> for a whole message that is one frame of at most
    /// <see cref="MessageQueue.InlineLimit"/> bytes, with nothing partly decoded before it, so that
    /// it can be queued straight from the read buffer. Returns the buffered bytes it spans and sets
    /// <paramref name="body"/> to the frame; 0 when the next message is not such a one or has not
    /// all arrived (<see cref="DecodeNext"/> then handles it). Consumes nothing.
    /// </summary>
    protected virtual int PeekSmallMessage(out ReadOnlySpan<byte> body)
    {
        body = default;
        return 0;
    }

    /// <summary>
    /// When everything buffered has been decoded and a frame of at least <paramref name="minimum"/>
    /// bytes is partly received, the place where its next bytes go, so that they can be received
    /// there without a copy; an empty segment otherwise.
    /// </summary>
    protected virtual ArraySegment<byte> ReserveDirectRead(int minimum) => default;

    /// <summary>The read loop stops reading while the socket's queue is full (back-pressure), and starts again: silence meanwhile is ours, not the peer's.</summary>
    protected virtual void OnReadingPaused(bool paused)
    {
    }

    /// <summary>Bytes arrived from the peer (called by the read loop after every receive that returned some).</summary>
    protected virtual void OnBytesReceived()
    {
    }

    /// <summary>Counts <paramref name="count"/> bytes received into the segment from <see cref="ReserveDirectRead"/>.</summary>
    protected virtual void CommitDirectRead(int count)
    {
    }

    /// <summary>
    /// Receives more bytes after those buffered; false when the peer closed its side. When nothing is
    /// buffered and the last read did not fill the buffer (the peer is not streaming), it first waits
    /// for data with a zero-byte receive and no buffer, so an idle connection holds no read buffer.
    /// When a large frame body is in progress, its bytes are received straight into the frame and
    /// only what follows it into the read buffer, in one scattering receive.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    protected async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_readStart == _readEnd)
        {
            _readStart = _readEnd = 0;
            if (!_streaming)
            {
                ReturnReadBuffer();
                await Socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            // The scattering receive takes no token, so only the read loop (stopped by closing the socket) uses it.
            ArraySegment<byte> direct = cancellationToken.CanBeCanceled ? default : ReserveDirectRead(DirectReadMinimum);
            if (direct.Count > 0)
            {
                return await ScatterAsync(direct).ConfigureAwait(false);
            }
        }
        _readBuffer ??= BufferPool.RentLoopBuffer(ReadBufferSize);
        if (_readEnd == _readBuffer.Length)
        {
            Buffer.BlockCopy(_readBuffer, _readStart, _readBuffer, 0, _readEnd - _readStart);
            _readEnd -= _readStart;
            _readStart = 0;
        }
        int room = _readBuffer.Length - _readEnd;
        int received = await Socket.ReceiveAsync(_readBuffer.AsMemory(_readEnd), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        if (received == 0)
        {
            return false;
        }
        OnBytesReceived();
        _streaming = received == room;
        _readEnd += received;
        return true;
    }

    /// <summary>Receives into <paramref name="direct"/> and then the start of the (empty) read buffer.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ScatterAsync(ArraySegment<byte> direct)
    {
        _readBuffer ??= BufferPool.RentLoopBuffer(ReadBufferSize);
        VectoredOperation scatter = _scatter ??= new VectoredOperation();
        int received = await scatter.ReceiveAsync(Socket, direct, new ArraySegment<byte>(_readBuffer, 0, DirectReadTail)).ConfigureAwait(false);
        if (received == 0)
        {
            return false;
        }
        OnBytesReceived();
        int intoFrame = Math.Min(received, direct.Count);
        CommitDirectRead(intoFrame);
        _readEnd = received - intoFrame;
        _streaming = received == direct.Count + DirectReadTail;
        return true;
    }

    /// <summary>Gives pooled buffers back once the loops have stopped.</summary>
    protected virtual void ReleaseBuffers()
    {
        ReturnReadBuffer();
        _scatter?.Dispose();
        _decoded?.Clear();
    }

    private void ReturnReadBuffer()
    {
        if (_readBuffer is not null)
        {
            BufferPool.ReturnLoopBuffer(_readBuffer);
            _readBuffer = null;
        }
    }

    private async Task<string> ReadLoopAsync(StreamPipeEnd end)
    {
        try
        {
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
                        OnReadingPaused(true);
                        await end.InboundSpace.WaitAsync().ConfigureAwait(false);
                        OnReadingPaused(false);
                    }
                    if (IsClosing)
                    {
                        return "closed";
                    }
                    continue;
                }
                if (!await FillAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    return EndOfStreamReason;
                }
            }
        }
        catch (Exception error)
        {
            return Describe(error, handshook: true);
        }
    }

    /// <summary>
    /// Decodes what is buffered and queues complete messages, stopping at the high-water mark. Small
    /// one-frame messages go from the read buffer straight into the queue; any other is decoded into
    /// the one <c>_decoded</c> object, which the queue empties as it takes the frames. A decoded
    /// message that met a full queue stays there (<c>_blocked</c>) until it can be delivered; a small
    /// one simply stays in the read buffer.
    /// </summary>
    private ReadProgress DeliverBuffered(MessageQueue inbound)
    {
        Message decoded = _decoded ??= new Message();
        if (_blocked)
        {
            ReadProgress retry = Deliver(inbound, decoded);
            if (retry != ReadProgress.NeedData)
            {
                return retry;
            }
            _blocked = false;
        }
        bool direct = Owner.ReceivesFromPeers;
        while (true)
        {
            int span;
            if (direct && (span = PeekSmallMessage(out ReadOnlySpan<byte> body)) > 0)
            {
                WriteResult written = inbound.TryWriteFrame(body);
                if (written != WriteResult.Written)
                {
                    return written == WriteResult.Full ? ReadProgress.Blocked : ReadProgress.SocketGone;
                }
                Consume(span);
                continue;
            }
            if (!DecodeNext(decoded))
            {
                return ReadProgress.NeedData;
            }
            ReadProgress delivered = Deliver(inbound, decoded);
            if (delivered != ReadProgress.NeedData)
            {
                _blocked = delivered == ReadProgress.Blocked;
                return delivered;
            }
        }
    }

    /// <summary>Queues one message for the socket (or discards it if the socket type reads nothing), leaving it empty unless the queue was full.</summary>
    private ReadProgress Deliver(MessageQueue inbound, Message message)
    {
        if (!Owner.ReceivesFromPeers)
        {
            message.Clear();
            return ReadProgress.NeedData;
        }
        switch (inbound.TryWrite(message))
        {
            case WriteResult.Written:
                return ReadProgress.NeedData;
            case WriteResult.Full:
                return ReadProgress.Blocked;
            default:
                message.Clear();
                return ReadProgress.SocketGone;
        }
    }

    private enum ReadProgress
    {
        NeedData,
        Blocked,
        SocketGone,
    }
}
