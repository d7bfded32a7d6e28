using System.Net.Sockets;
using Zmq.Pipes;
using Zmq.Security;
using Zmq.Transports;

namespace Zmq.Zmtp;

/// <summary>
/// The handshake half of <see cref="ZmtpConnection"/>: greetings, then the security mechanism's
/// command exchange (<see cref="SecurityMechanism"/>), for which the connection is the
/// <see cref="IHandshakeChannel"/>.
/// </summary>
internal sealed partial class ZmtpConnection : IHandshakeChannel
{
    private const int HandshakeFrameLimit = 64 * 1024;

    private int _peerGreetingMinor;
    private string? _userId;

    /// <inheritdoc/>
    protected override string HandshakeDetail => _userId is null ? RemoteAddress : $"{RemoteAddress}: user {ZmtpText.Printable(_userId)}";

    /// <inheritdoc/>
    SocketOptions IHandshakeChannel.Options => Options;

    /// <inheritdoc/>
    ZmqContext IHandshakeChannel.Context => Owner.Context;

    /// <inheritdoc/>
    string IHandshakeChannel.PeerAddress => StreamAddress.PeerIp(Socket);

    /// <inheritdoc/>
    protected override async Task<PeerInfo> HandshakeAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
        timeout.CancelAfter(Options.HandshakeInterval);
        _decoder.Limit = HandshakeFrameLimit;
        PeerInfo peer = await HandshakeAsync(timeout.Token).ConfigureAwait(false);
        _decoder.Limit = FrameLimit(Options.MaxMessageSize);
        _peerMinor = peer.ZmtpMinor;
        return peer;
    }

    /// <inheritdoc/>
    protected override Task RefuseAsync() =>
        _curve is null ? SendErrorAsync("peer refused", CancellationToken.None) : Task.CompletedTask; // ERROR is clear text: not once CURVE has begun

    /// <summary>RFC 37: both sides send a greeting naming the same mechanism, which then runs its exchange up to READY.</summary>
    private async Task<PeerInfo> HandshakeAsync(CancellationToken cancellationToken)
    {
        SecurityMechanism mechanism = SecurityMechanism.For(Options);
        byte[] greeting = new byte[Greeting.Size];
        Greeting.Write(greeting, mechanism.Name, mechanism.AsServer);
        await Socket.SendAsync(greeting, SocketFlags.None, cancellationToken).ConfigureAwait(false);

        PeerGreeting peerGreeting = await ReadGreetingAsync(cancellationToken).ConfigureAwait(false);
        if (peerGreeting.Mechanism != mechanism.Name)
        {
            throw new ZmtpProtocolException($"security mechanism mismatch: the peer uses {ZmtpText.Printable(peerGreeting.Mechanism)}, this socket uses {mechanism.Name}");
        }
        if (!mechanism.AcceptsPeerRole(peerGreeting.AsServer))
        {
            throw new ZmtpProtocolException($"both peers are {mechanism.Name} servers: one side must be a client");
        }
        _peerGreetingMinor = peerGreeting.Minor;
        PeerInfo peer = await mechanism.HandshakeAsync(this, cancellationToken).ConfigureAwait(false);
        _curve = (mechanism as CurveMechanism)?.Session;
        _userId = mechanism.UserId;
        return peer;
    }

    /// <inheritdoc/>
    Task IHandshakeChannel.SendCommandAsync(string name, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        Socket.SendAsync(ZmtpCommand.EncodeFrame(name, data.Span), SocketFlags.None, cancellationToken).AsTask();

    /// <inheritdoc/>
    async Task<(string Name, byte[] Data)> IHandshakeChannel.ReadCommandAsync(CancellationToken cancellationToken)
    {
        (string name, byte[] data) = await ReadHandshakeCommandAsync(cancellationToken).ConfigureAwait(false);
        if (name == "ERROR")
        {
            throw new ZmtpProtocolException($"peer refused the handshake: {DescribeRefusal(ErrorReason(data))}");
        }
        return (name, data);
    }

    /// <inheritdoc/>
    Task<PeerInfo> IHandshakeChannel.AcceptPeerAsync(byte[] metadata, bool tellPeer, CancellationToken cancellationToken) =>
        CheckPeerMetadataAsync(metadata, _peerGreetingMinor, tellPeer, cancellationToken);

    /// <inheritdoc/>
    Task IHandshakeChannel.SendErrorAsync(string reason, CancellationToken cancellationToken) => SendErrorAsync(reason, cancellationToken);

    /// <summary>
    /// libzmq 4.3's PLAIN server sends its ERROR with the name-length octet and the E merged into
    /// one wrong octet (<c>^RROR</c>, then the reason): read as the ERROR it means, so that a client
    /// refused by such a server reports the ZAP status instead of a malformed command.
    /// </summary>
    private static bool IsLibzmqPlainError(ReadOnlySpan<byte> body) =>
        body.StartsWith(LibzmqPlainErrorName) && body.Length > LibzmqPlainErrorName.Length && body[LibzmqPlainErrorName.Length] == body.Length - LibzmqPlainErrorName.Length - 1;

    private static ReadOnlySpan<byte> LibzmqPlainErrorName => "^RROR"u8;

    /// <summary>An ERROR reason of three digits is a ZAP status code (how libzmq servers report a failed authentication).</summary>
    private static string DescribeRefusal(string reason) =>
        reason.Length == 3 && reason[0] is '3' or '4' or '5' && char.IsAsciiDigit(reason[1]) && char.IsAsciiDigit(reason[2])
            ? $"authentication failed (ZAP status {reason})"
            : ZmtpText.Printable(reason, limit: 255);

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
            if (IsLibzmqPlainError(frame.Body))
            {
                name = "ERROR";
                data = frame.Body[LibzmqPlainErrorName.Length..].ToArray();
                return true;
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

    /// <inheritdoc/>
    public byte[] OurMetadata()
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

    private async Task<PeerInfo> CheckPeerMetadataAsync(byte[] data, int minor, bool tellPeer, CancellationToken cancellationToken)
    {
        Dictionary<string, byte[]> metadata = ZmtpMetadata.Parse(data);
        if (!metadata.TryGetValue(ZmtpMetadata.SocketType, out byte[]? typeName))
        {
            throw new ZmtpProtocolException("the peer's READY has no Socket-Type");
        }
        if (!SocketTypeRules.TryParseWireName(typeName, out ZmqSocketType peerType))
        {
            throw new ZmtpProtocolException($"the peer announced an unknown socket type {ZmtpText.Printable(System.Text.Encoding.ASCII.GetString(typeName))}");
        }
        if (!SocketTypeRules.AreCompatible(Owner.Type, peerType))
        {
            if (tellPeer)
            {
                await SendErrorAsync("Invalid socket type", cancellationToken).ConfigureAwait(false);
            }
            throw new ZmtpProtocolException($"incompatible peer: a {Owner.Type} socket cannot talk to {peerType}");
        }
        byte[] identity = metadata.TryGetValue(ZmtpMetadata.Identity, out byte[]? id) ? id : [];
        if (identity.Length > 255)
        {
            throw new ZmtpProtocolException($"the peer's Identity is {identity.Length} bytes; at most 255 are allowed");
        }
        return new PeerInfo(peerType, identity, RemoteAddress, minor);
    }

    private async Task SendErrorAsync(string reason, CancellationToken cancellationToken)
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
}
