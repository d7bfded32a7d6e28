using System.Net.Sockets;
using Zmq.Pipes;
using Zmq.Transports;

namespace Zmq.Zmtp;

/// <summary>The handshake half of <see cref="ZmtpConnection"/>: greeting, then the NULL mechanism's READY exchange.</summary>
internal sealed partial class ZmtpConnection
{
    private const string NullMechanism = "NULL";
    private const int HandshakeFrameLimit = 64 * 1024;

    /// <inheritdoc/>
    protected override async Task<PeerInfo> HandshakeAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
        timeout.CancelAfter(Options.HandshakeInterval);
        _decoder.Limit = HandshakeFrameLimit;
        PeerInfo peer = await HandshakeAsync(timeout.Token).ConfigureAwait(false);
        _decoder.Limit = Options.MaxMessageSize;
        _peerMinor = peer.ZmtpMinor;
        return peer;
    }

    /// <inheritdoc/>
    protected override Task RefuseAsync() => SendErrorAsync("peer refused");

    /// <summary>RFC 37: both sides send a greeting; with NULL security both then send READY with their metadata.</summary>
    private async Task<PeerInfo> HandshakeAsync(CancellationToken cancellationToken)
    {
        byte[] greeting = new byte[Greeting.Size];
        Greeting.Write(greeting, NullMechanism, asServer: false);
        await Socket.SendAsync(greeting, SocketFlags.None, cancellationToken).ConfigureAwait(false);

        PeerGreeting peerGreeting = await ReadGreetingAsync(cancellationToken).ConfigureAwait(false);
        if (peerGreeting.Mechanism != NullMechanism)
        {
            throw new ZmtpProtocolException($"security mechanism mismatch: the peer uses {Printable(peerGreeting.Mechanism)}, this socket uses {NullMechanism}");
        }

        await Socket.SendAsync(ZmtpCommand.EncodeFrame("READY", OurMetadata()), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        (string name, byte[] data) = await ReadHandshakeCommandAsync(cancellationToken).ConfigureAwait(false);
        if (name == "ERROR")
        {
            throw new ZmtpProtocolException($"peer refused the handshake: {ErrorReason(data)}");
        }
        if (name != "READY")
        {
            throw new ZmtpProtocolException($"expected READY, got {name}");
        }
        return await CheckPeerMetadataAsync(data, peerGreeting.Minor, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PeerGreeting> ReadGreetingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadOnlySpan<byte> buffered = Buffered;
            if (Greeting.TryParse(buffered[..Math.Min(buffered.Length, Greeting.Size)], out PeerGreeting greeting))
            {
                Consume(Greeting.Size);
                return greeting;
            }
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new EndOfStreamException();
            }
        }
    }

    private async Task<(string Name, byte[] Data)> ReadHandshakeCommandAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTakeHandshakeCommand(out string name, out byte[] data))
            {
                return (name, data);
            }
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new EndOfStreamException();
            }
        }
    }

    private bool TryTakeHandshakeCommand(out string name, out byte[] data)
    {
        name = "";
        data = [];
        if (Buffered.IsEmpty)
        {
            return false;
        }
        bool complete = _decoder.TryDecode(Buffered, out int consumed, out DecodedFrame frame);
        Consume(consumed);
        if (!complete)
        {
            return false;
        }
        try
        {
            if (!frame.IsCommand)
            {
                throw new ZmtpProtocolException("expected a command during the handshake, got a message frame");
            }
            var command = ZmtpCommand.Parse(frame.Body);
            name = command.NameText;
            data = command.Data.ToArray();
            return true;
        }
        finally
        {
            if (frame.Rented is not null)
            {
                BufferPool.Return(frame.Rented);
            }
        }
    }

    private byte[] OurMetadata()
    {
        var properties = new List<KeyValuePair<string, ReadOnlyMemory<byte>>>
        {
            new(ZmtpMetadata.SocketType, System.Text.Encoding.ASCII.GetBytes(SocketTypeRules.WireName(Owner.Type))),
        };
        if (Owner.Type is ZmqSocketType.Req or ZmqSocketType.Dealer or ZmqSocketType.Router)
        {
            properties.Add(new(ZmtpMetadata.Identity, Options.RoutingId));
        }
        return ZmtpMetadata.Encode(properties);
    }

    private async Task<PeerInfo> CheckPeerMetadataAsync(byte[] data, int minor, CancellationToken cancellationToken)
    {
        Dictionary<string, byte[]> metadata = ZmtpMetadata.Parse(data);
        if (!metadata.TryGetValue(ZmtpMetadata.SocketType, out byte[]? typeName))
        {
            throw new ZmtpProtocolException("the peer's READY has no Socket-Type");
        }
        if (!SocketTypeRules.TryParseWireName(typeName, out ZmqSocketType peerType))
        {
            throw new ZmtpProtocolException($"the peer announced an unknown socket type {Printable(System.Text.Encoding.ASCII.GetString(typeName))}");
        }
        if (!SocketTypeRules.AreCompatible(Owner.Type, peerType))
        {
            await SendErrorAsync("Invalid socket type", cancellationToken).ConfigureAwait(false);
            throw new ZmtpProtocolException($"incompatible peer: a {Owner.Type} socket cannot talk to {peerType}");
        }
        byte[] identity = metadata.TryGetValue(ZmtpMetadata.Identity, out byte[]? id) ? id : [];
        if (identity.Length > 255)
        {
            throw new ZmtpProtocolException($"the peer's Identity is {identity.Length} bytes; at most 255 are allowed");
        }
        return new PeerInfo(peerType, identity, RemoteAddress, minor);
    }

    private async Task SendErrorAsync(string reason, CancellationToken cancellationToken = default)
    {
        byte[] text = System.Text.Encoding.ASCII.GetBytes(reason);
        byte[] data = new byte[1 + text.Length];
        data[0] = (byte)text.Length;
        text.CopyTo(data, 1);
        try
        {
            await Socket.SendAsync(ZmtpCommand.EncodeFrame("ERROR", data), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Best effort: the connection closes either way.
        }
    }

    private static string Printable(string text)
    {
        string trimmed = text.Length > 40 ? text[..40] + "..." : text;
        return "'" + string.Concat(trimmed.Select(c => char.IsControl(c) ? '?' : c)) + "'";
    }
}
