using System.Runtime.CompilerServices;
using Zmq.Pipes;
using Zmq.Security;

namespace Zmq.Zmtp;

/// <summary>The encoding half of <see cref="ZmtpConnection"/>: messages into frames, subscriptions into commands.</summary>
internal sealed partial class ZmtpConnection
{
    private readonly byte[] _piecewiseHeader = new byte[FrameHeader.MaxSize];

    private Pipe? _attached;

    /// <inheritdoc/>
    protected override bool HasPendingControl => Volatile.Read(ref _pendingPing) is not null || Volatile.Read(ref _pendingPong) is not null;

    /// <inheritdoc/>
    protected override void OnAttached(Pipe pipe)
    {
        _attached = pipe;
        StartHeartbeat();
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected override async ValueTask WriteControlAsync()
    {
        if (Interlocked.Exchange(ref _pendingPong, null) is { } pong)
        {
            await AppendCommandAsync(pong).ConfigureAwait(false);
        }
        if (Interlocked.Exchange(ref _pendingPing, null) is { } ping)
        {
            await AppendCommandAsync(ping).ConfigureAwait(false);
        }
    }

    /// <summary>Appends a whole command frame (header and body): as it is, or under CURVE inside a MESSAGE.</summary>
    private ValueTask AppendCommandAsync(byte[] commandFrame)
    {
        if (_curve is null)
        {
            return AppendAsync(commandFrame);
        }
        int header = ((FrameFlags)commandFrame[0] & FrameFlags.Long) != 0 ? 9 : 2;
        return AppendEncryptedAsync(CurveSession.Command, commandFrame.AsMemory(header));
    }

    /// <summary>CURVE: appends <paramref name="payload"/> inside a MESSAGE command.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask AppendEncryptedAsync(byte flags, ReadOnlyMemory<byte> payload)
    {
        byte[] encrypted = BufferPool.Rent(CurveSession.FrameLength(payload.Length));
        try
        {
            int length = _curve!.Encrypt(flags, payload.Span, encrypted);
            await AppendAsync(encrypted.AsMemory(0, length)).ConfigureAwait(false);
        }
        finally
        {
            BufferPool.Return(encrypted);
        }
    }

    /// <summary>CURVE: <see cref="TryEncodeWhole"/> with every frame inside a MESSAGE command (sizes checked first, so no nonce is spent on a message that does not fit).</summary>
    private bool TryEncodeWholeEncrypted(Message message)
    {
        Span<byte> free = WriteSpace;
        int count = message.Count;
        long needed = 0;
        for (int i = 0; i < count; i++)
        {
            needed += CurveSession.FrameLength(message.FrameLength(i));
        }
        if (needed > free.Length)
        {
            return false;
        }
        int at = 0;
        for (int i = 0; i < count; i++)
        {
            at += _curve!.Encrypt(i < count - 1 ? CurveSession.More : (byte)0, message.FrameSpan(i), free[at..]);
        }
        Advance(at);
        return true;
    }

    /// <inheritdoc/>
    protected override bool TryEncodeWhole(Message message, Pipe pipe)
    {
        if (message.IsSubscription)
        {
            return false;
        }
        if (_curve is not null)
        {
            return TryEncodeWholeEncrypted(message);
        }
        // One pass: write frames while they fit; if one does not, report false without advancing.
        Span<byte> free = WriteSpace;
        int count = message.Count;
        int at = 0;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> body = message.FrameSpan(i);
            if (free.Length - at < FrameHeader.SizeFor(body.Length) + body.Length)
            {
                return false;
            }
            at += FrameHeader.WriteMessage(free[at..], body.Length, more: i < count - 1);
            body.CopyTo(free[at..]);
            at += body.Length;
        }
        Advance(at);
        return true;
    }

    /// <inheritdoc/>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    protected override async ValueTask EncodePiecewiseAsync(Message message, Pipe pipe)
    {
        if (message.IsSubscription && _peerMinor >= 1)
        {
            // ZMTP 3.1 sends a subscription as a SUBSCRIBE or CANCEL command; 3.0 peers get the message form.
            ReadOnlySpan<byte> frame = message[0].Span;
            await AppendCommandAsync(ZmtpCommand.EncodeFrame(frame[0] == 1 ? "SUBSCRIBE" : "CANCEL", frame[1..])).ConfigureAwait(false);
            return;
        }
        int count = message.Count;
        byte[] header = _piecewiseHeader;
        for (int i = 0; i < count; i++)
        {
            ReadOnlyMemory<byte> body = message[i];
            if (_curve is not null)
            {
                await AppendEncryptedAsync(i < count - 1 ? CurveSession.More : (byte)0, body).ConfigureAwait(false);
                continue;
            }
            int headerLength = FrameHeader.WriteMessage(header, body.Length, more: i < count - 1);
            await AppendAsync(header.AsMemory(0, headerLength)).ConfigureAwait(false);
            await AppendBodyAsync(body).ConfigureAwait(false);
        }
    }

    private void WakeWriter() => _attached?.StreamEnd?.OutboundReady.Notify();
}
