using System.Net.Sockets;
using Zmq.Pipes;
using Zmq.Security;
using Zmq.Sockets;
using Zmq.Transports;

namespace Zmq.Zmtp;

/// <summary>
/// A ZMTP 3.x connection (RFC 37): greeting and NULL handshake, then frames decoded into whole
/// messages and messages encoded into frames. The loops themselves are <see cref="StreamConnection"/>'s.
/// </summary>
/// <remarks>
/// Commands after the handshake: PING is answered with PONG, PONG is ignored (both are taken even
/// between the frames of a message, where libzmq sends them), SUBSCRIBE and CANCEL
/// become subscription messages for a PUB or XPUB socket, ERROR ends the connection, and anything
/// else is a protocol error (the connection closes with that reason).
/// </remarks>
internal sealed partial class ZmtpConnection : StreamConnection
{
    private readonly FrameDecoder _decoder = new();
    private bool _midMessage;
    private long _assembledBytes;
    private int _peerMinor;
    private CurveSession? _curve;

    /// <summary>Wraps a connected stream socket.</summary>
    public ZmtpConnection(Socket socket, ZmqSocket owner, SocketOptions options, string endpoint, string remoteAddress)
        : base(socket, owner, options, endpoint, remoteAddress)
    {
    }

    /// <inheritdoc/>
    protected override string EndOfStreamReason => _decoder.IsMidFrame || _midMessage
        ? "peer closed the connection in the middle of a message"
        : "peer closed the connection";

    /// <inheritdoc/>
    protected override bool DecodeNext(Message message)
    {
        while (Buffered.Length > 0 || _decoder.HasWholeBody)
        {
            bool complete = _decoder.TryDecode(Buffered, out int consumed, out DecodedFrame frame);
            Consume(consumed);
            if (!complete)
            {
                return false;
            }
            if (_curve is not null)
            {
                frame = Unwrap(frame);
            }
            if (frame.IsCommand)
            {
                if (OnCommand(frame, message))
                {
                    return true;
                }
                continue;
            }
            AddFrame(frame, message);
            if (!frame.HasMore)
            {
                _midMessage = false;
                _assembledBytes = 0;
                _decoder.Limit = FrameLimit(Options.MaxMessageSize);
                return true;
            }
            _midMessage = true;
        }
        return false;
    }

    /// <inheritdoc/>
    protected override int PeekSmallMessage(out ReadOnlySpan<byte> body)
    {
        // A short final data frame: flags 0 (no MORE, LONG or COMMAND) and a one-octet size.
        ReadOnlySpan<byte> buffered = Buffered;
        body = default;
        if (buffered.Length < 2 || buffered[0] != 0 || _midMessage || _decoder.IsMidFrame || _curve is not null)
        {
            return 0;
        }
        int size = buffered[1];
        if (buffered.Length < 2 + size || size > MessageQueue.InlineLimit || (Options.MaxMessageSize >= 0 && size > Options.MaxMessageSize))
        {
            return 0;
        }
        body = buffered.Slice(2, size);
        return 2 + size;
    }

    /// <inheritdoc/>
    protected override ArraySegment<byte> ReserveDirectRead(int minimum) => _decoder.ReserveBodyRoom(minimum);

    /// <inheritdoc/>
    protected override void CommitDirectRead(int count) => _decoder.CommitBodyRoom(count);

    /// <inheritdoc/>
    protected override void ReleaseBuffers()
    {
        base.ReleaseBuffers();
        _decoder.Reset();
        _curve?.Dispose();
    }

    private void AddFrame(DecodedFrame frame, Message message)
    {
        if (frame.Rented is not null)
        {
            message.AddRented(frame.Rented, frame.Body.Length);
        }
        else
        {
            frame.Body.CopyTo(message.AllocateFrame(frame.Body.Length));
        }
        _assembledBytes += frame.Body.Length;
        if (Options.MaxMessageSize >= 0)
        {
            _decoder.Limit = FrameLimit(Options.MaxMessageSize - _assembledBytes);
        }
    }

    /// <summary>The largest frame to accept for <paramref name="payloadLimit"/> bytes of payload (-1: none): larger by the MESSAGE wrapping under CURVE.</summary>
    private long FrameLimit(long payloadLimit) =>
        payloadLimit < 0 || _curve is null ? payloadLimit : payloadLimit + CurveSession.Overhead;

    /// <summary>CURVE: the frame inside a MESSAGE (sent as a message frame by libzmq, as a command by RFC 37; either is taken): a message frame or a command such as SUBSCRIBE, its payload in a pooled array the frame owns.</summary>
    private DecodedFrame Unwrap(DecodedFrame outer)
    {
        try
        {
            if (outer.HasMore)
            {
                throw new ZmtpProtocolException("a CURVE MESSAGE frame with the MORE flag (it belongs inside the box)");
            }
            (byte flags, byte[] payload, int length) = _curve!.Decrypt(outer.Body);
            FrameFlags inner = (flags & CurveSession.Command) != 0 ? FrameFlags.Command
                : (flags & CurveSession.More) != 0 ? FrameFlags.More
                : FrameFlags.None;
            return new DecodedFrame(inner, payload.AsSpan(0, length), payload);
        }
        finally
        {
            if (outer.Rented is not null)
            {
                BufferPool.Return(outer.Rented);
            }
        }
    }

    /// <summary>Handles a command after the handshake; true when it stands for a message (a subscription), put into <paramref name="message"/>.</summary>
    private bool OnCommand(DecodedFrame frame, Message message)
    {
        try
        {
            var command = ZmtpCommand.Parse(frame.Body);
            // libzmq (4.3) sends its heartbeat PING and PONG between the frames of a multipart
            // message; any other command there would tear the message apart.
            if (_midMessage && !command.Is("PING") && !command.Is("PONG"))
            {
                throw new ZmtpProtocolException($"the command {ZmtpText.Printable(command.NameText)} arrived in the middle of a multipart message");
            }
            if (command.Is("PING"))
            {
                OnPing(command.Data);
            }
            else if (command.Is("PONG"))
            {
                // Any traffic is a sign of life; there is nothing else to do.
            }
            else if ((command.Is("SUBSCRIBE") || command.Is("CANCEL")) && Owner.Type is ZmqSocketType.Pub or ZmqSocketType.XPub)
            {
                SubscriptionMessage.Write(message, command.Is("SUBSCRIBE"), command.Data);
                return true;
            }
            else if (command.Is("ERROR"))
            {
                throw new ZmtpProtocolException($"peer sent ERROR: {ZmtpText.Printable(ErrorReason(command.Data), limit: 255)}");
            }
            else
            {
                throw new ZmtpProtocolException($"unexpected command {command.NameText} for a {Owner.Type} socket");
            }
            return false;
        }
        finally
        {
            if (frame.Rented is not null)
            {
                BufferPool.Return(frame.Rented);
            }
        }
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
}
