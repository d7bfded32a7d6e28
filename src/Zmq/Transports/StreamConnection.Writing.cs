using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Zmq.Pipes;

namespace Zmq.Transports;

/// <summary>The write side of <see cref="StreamConnection"/>: drain the queue, encode a batch, write it once.</summary>
internal abstract partial class StreamConnection
{
    private const int WriteBufferSize = 64 * 1024;

    /// <summary>Bodies at least this large are written straight from the message instead of being copied into the batch.</summary>
    protected const int DirectWriteThreshold = 32 * 1024;

    private byte[]? _writeBuffer;
    private int _writeFilled;
    private Message? _outgoing;
    private VectoredOperation? _gather;

    /// <summary>The free part of the batch buffer (rented when a batch starts, given back when the loop goes idle).</summary>
    protected Span<byte> WriteSpace => BatchBuffer.AsSpan(_writeFilled);

    private byte[] BatchBuffer => _writeBuffer ??= BufferPool.RentLoopBuffer(WriteBufferSize);

    /// <summary>True when the subclass has something of its own to write (a reply to a PING, say).</summary>
    protected virtual bool HasPendingControl => false;

    /// <summary>Marks <paramref name="count"/> bytes of <see cref="WriteSpace"/> as filled.</summary>
    protected void Advance(int count) => _writeFilled += count;

    /// <summary>Writes what the subclass has of its own, before queued messages.</summary>
    protected virtual ValueTask WriteControlAsync() => ValueTask.CompletedTask;

    /// <summary>Encodes <paramref name="message"/> into <see cref="WriteSpace"/> if it fits whole; false (nothing written) otherwise.</summary>
    protected abstract bool TryEncodeWhole(Message message, Pipe pipe);

    /// <summary>Encodes <paramref name="message"/> in pieces, flushing the batch as needed (large or unusual messages).</summary>
    protected abstract ValueTask EncodePiecewiseAsync(Message message, Pipe pipe);

    /// <summary>Appends bytes to the batch, flushing whenever it fills.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected async ValueTask AppendAsync(ReadOnlyMemory<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            byte[] buffer = BatchBuffer;
            int room = buffer.Length - _writeFilled;
            if (room == 0)
            {
                await FlushWritesAsync().ConfigureAwait(false);
                continue;
            }
            int take = Math.Min(room, bytes.Length);
            bytes.Span[..take].CopyTo(buffer.AsSpan(_writeFilled));
            _writeFilled += take;
            bytes = bytes[take..];
        }
    }

    /// <summary>Appends <paramref name="body"/>, or for a large one flushes the batch and writes it straight from the message.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected async ValueTask AppendBodyAsync(ReadOnlyMemory<byte> body)
    {
        if (body.Length >= DirectWriteThreshold)
        {
            await SendBatchAndAsync(body).ConfigureAwait(false);
        }
        else
        {
            await AppendAsync(body).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the batch to the socket.</summary>
    protected ValueTask FlushWritesAsync()
    {
        int length = _writeFilled;
        _writeFilled = 0;
        return SendAllAsync(_writeBuffer.AsMemory(0, length));
    }

    /// <summary>
    /// Writes the batch and then <paramref name="body"/> with one gathering send where possible, so
    /// that a large frame and the header before it leave in one system call and one segment.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendBatchAndAsync(ReadOnlyMemory<byte> body)
    {
        int batched = _writeFilled;
        if (batched > 0 && MemoryMarshal.TryGetArray(body, out ArraySegment<byte> bodyArray))
        {
            _writeFilled = 0;
            VectoredOperation gather = _gather ??= new VectoredOperation();
            int sent = await gather.SendAsync(Socket, new ArraySegment<byte>(_writeBuffer!, 0, batched), bodyArray).ConfigureAwait(false);
            if (sent < batched)
            {
                await SendAllAsync(_writeBuffer.AsMemory(sent, batched - sent)).ConfigureAwait(false);
                sent = batched;
            }
            await SendAllAsync(body[(sent - batched)..]).ConfigureAwait(false);
            return;
        }
        await FlushWritesAsync().ConfigureAwait(false);
        await SendAllAsync(body).ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            int sent = await Socket.SendAsync(bytes, SocketFlags.None).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    private async Task<string> WriteLoopAsync(Pipe pipe)
    {
        StreamPipeEnd end = pipe.StreamEnd!;
        MessageQueue outbound = end.Outbound;
        try
        {
            while (!IsClosing)
            {
                end.SetWriterIdle(false);
                await WriteControlAsync().ConfigureAwait(false);
                Message message = _outgoing ??= new Message();
                while (outbound.TryRead(message))
                {
                    try
                    {
                        if (!TryEncodeWhole(message, pipe))
                        {
                            await EncodeAfterFullBatchAsync(message, pipe).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        message.Clear();
                    }
                }
                if (_writeFilled > 0)
                {
                    await FlushWritesAsync().ConfigureAwait(false);
                    continue;
                }
                if (outbound.IsCompleted)
                {
                    return "socket closed";
                }
                ReturnWriteBuffer();
                end.SetWriterIdle(true);
                if (outbound.TryParkReader() && !HasPendingControl)
                {
                    await end.OutboundReady.WaitAsync().ConfigureAwait(false);
                }
            }
            return "closed";
        }
        catch (Exception error)
        {
            return Describe(error, handshook: true);
        }
        finally
        {
            end.SetWriterIdle(true);
            ReturnWriteBuffer();
            _gather?.Dispose();
        }
    }

    /// <summary>A message that did not fit in the batch: flush the batch and try it whole in an empty one, else encode it in pieces.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask EncodeAfterFullBatchAsync(Message message, Pipe pipe)
    {
        if (_writeFilled > 0)
        {
            await FlushWritesAsync().ConfigureAwait(false);
            if (TryEncodeWhole(message, pipe))
            {
                return;
            }
        }
        await EncodePiecewiseAsync(message, pipe).ConfigureAwait(false);
    }

    private void ReturnWriteBuffer()
    {
        if (_writeBuffer is not null)
        {
            BufferPool.ReturnLoopBuffer(_writeBuffer);
            _writeBuffer = null;
        }
    }
}
