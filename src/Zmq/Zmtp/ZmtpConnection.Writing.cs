using System.Buffers;
using System.Net.Sockets;
using Zmq.Pipes;

namespace Zmq.Zmtp;

/// <summary>The write loop of <see cref="ZmtpConnection"/>: drain the queue, encode a batch, write it once.</summary>
internal sealed partial class ZmtpConnection
{
    /// <summary>Bodies at least this large are written straight from the message instead of being copied into the batch.</summary>
    private const int DirectWriteThreshold = 32 * 1024;

    private byte[]? _writeBuffer;
    private int _writeFilled;

    private async Task<string> WriteLoopAsync(Pipe pipe)
    {
        StreamPipeEnd end = pipe.StreamEnd!;
        MessageQueue outbound = end.Outbound;
        _writeBuffer = ArrayPool<byte>.Shared.Rent(WriteBufferSize);
        try
        {
            while (!IsClosing)
            {
                end.SetWriterIdle(false);
                while (_control.TryDequeue(out byte[]? command))
                {
                    await AppendAsync(command).ConfigureAwait(false);
                }
                while (outbound.TryRead(out Message message))
                {
                    try
                    {
                        if (message.IsSubscription && pipe.Peer.ZmtpMinor >= 1)
                        {
                            await AppendAsync(SubscriptionCommand(message)).ConfigureAwait(false);
                        }
                        else if (!TryEncodeWhole(message))
                        {
                            await EncodePiecewiseAsync(message).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        MessagePool.Return(message);
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
                end.SetWriterIdle(true);
                if (outbound.TryParkReader() && _control.IsEmpty)
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
            ArrayPool<byte>.Shared.Return(_writeBuffer);
            _writeBuffer = null;
        }
    }

    /// <summary>ZMTP 3.1 sends a subscription message as a SUBSCRIBE or CANCEL command carrying the topic.</summary>
    private static byte[] SubscriptionCommand(Message message)
    {
        ReadOnlySpan<byte> frame = message[0].Span;
        return ZmtpCommand.EncodeFrame(frame[0] == 1 ? "SUBSCRIBE" : "CANCEL", frame[1..]);
    }

    /// <summary>Encodes a message that fits in the rest of the batch buffer; false (nothing written) when it does not.</summary>
    private bool TryEncodeWhole(Message message)
    {
        Span<byte> free = _writeBuffer.AsSpan(_writeFilled);
        int needed = 0;
        int count = message.Count;
        for (int i = 0; i < count; i++)
        {
            int length = message[i].Length;
            needed += FrameHeader.SizeFor(length) + length;
        }
        if (needed > free.Length)
        {
            return false;
        }
        int at = 0;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> body = message[i].Span;
            at += FrameHeader.WriteMessage(free[at..], body.Length, more: i < count - 1);
            body.CopyTo(free[at..]);
            at += body.Length;
        }
        _writeFilled += at;
        return true;
    }

    private async ValueTask EncodePiecewiseAsync(Message message)
    {
        int count = message.Count;
        for (int i = 0; i < count; i++)
        {
            ReadOnlyMemory<byte> body = message[i];
            if (_writeBuffer!.Length - _writeFilled < FrameHeader.MaxSize)
            {
                await FlushWritesAsync().ConfigureAwait(false);
            }
            _writeFilled += FrameHeader.WriteMessage(_writeBuffer.AsSpan(_writeFilled), body.Length, more: i < count - 1);
            if (body.Length >= DirectWriteThreshold)
            {
                await FlushWritesAsync().ConfigureAwait(false);
                await SendAllAsync(body).ConfigureAwait(false);
            }
            else
            {
                await AppendAsync(body).ConfigureAwait(false);
            }
        }
    }

    private async ValueTask AppendAsync(ReadOnlyMemory<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            int room = _writeBuffer!.Length - _writeFilled;
            if (room == 0)
            {
                await FlushWritesAsync().ConfigureAwait(false);
                continue;
            }
            int take = Math.Min(room, bytes.Length);
            bytes.Span[..take].CopyTo(_writeBuffer.AsSpan(_writeFilled));
            _writeFilled += take;
            bytes = bytes[take..];
        }
    }

    private ValueTask FlushWritesAsync()
    {
        int length = _writeFilled;
        _writeFilled = 0;
        return SendAllAsync(_writeBuffer.AsMemory(0, length));
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            int sent = await _socket.SendAsync(bytes, SocketFlags.None).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }
}
