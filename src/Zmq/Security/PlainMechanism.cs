using System.Text;
using Zmq.Pipes;
using Zmq.Zmtp;

namespace Zmq.Security;

/// <summary>
/// PLAIN security, the client side (RFC 24): HELLO with a username and password, then, once the
/// server says WELCOME, INITIATE with our metadata and the server's READY with its own.
/// </summary>
internal sealed class PlainClientMechanism : SecurityMechanism
{
    /// <inheritdoc/>
    public override string Name => "PLAIN";

    /// <inheritdoc/>
    public override bool AsServer => false;

    /// <inheritdoc/>
    public override async Task<PeerInfo> HandshakeAsync(IHandshakeChannel channel, CancellationToken cancellationToken)
    {
        await channel.SendCommandAsync("HELLO", PlainHello.Encode(channel.Options.PlainUsername!, channel.Options.PlainPassword), cancellationToken).ConfigureAwait(false);
        (string welcome, _) = await channel.ReadCommandAsync(cancellationToken).ConfigureAwait(false);
        if (welcome == "HELLO")
        {
            throw new ZmtpProtocolException("both peers are PLAIN clients: one side must be the server (PlainServer)");
        }
        Expect("WELCOME", welcome);
        await channel.SendCommandAsync("INITIATE", channel.OurMetadata(), cancellationToken).ConfigureAwait(false);
        (string ready, byte[] metadata) = await channel.ReadCommandAsync(cancellationToken).ConfigureAwait(false);
        Expect("READY", ready);
        return await channel.AcceptPeerAsync(metadata, tellPeer: false, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// PLAIN security, the server side (RFC 24, with ZAP per RFC 27): the client's HELLO credentials
/// go to the ZAP handler; only if it answers 200 does the server send WELCOME, then READY after
/// the client's INITIATE.
/// </summary>
internal sealed class PlainServerMechanism : SecurityMechanism
{
    /// <inheritdoc/>
    public override string Name => "PLAIN";

    /// <inheritdoc/>
    public override bool AsServer => true;

    /// <inheritdoc/>
    public override async Task<PeerInfo> HandshakeAsync(IHandshakeChannel channel, CancellationToken cancellationToken)
    {
        (string hello, byte[] credentials) = await channel.ReadCommandAsync(cancellationToken).ConfigureAwait(false);
        Expect("HELLO", hello);
        (byte[] username, byte[] password) = PlainHello.Decode(credentials);
        await AuthenticateAsync(channel, Name, [username, password], cancellationToken).ConfigureAwait(false);
        await channel.SendCommandAsync("WELCOME", ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
        (string initiate, byte[] metadata) = await channel.ReadCommandAsync(cancellationToken).ConfigureAwait(false);
        Expect("INITIATE", initiate);
        PeerInfo peer = await channel.AcceptPeerAsync(metadata, tellPeer: true, cancellationToken).ConfigureAwait(false);
        await channel.SendCommandAsync("READY", channel.OurMetadata(), cancellationToken).ConfigureAwait(false);
        return peer;
    }
}

/// <summary>The HELLO body of PLAIN (RFC 24): <c>username = OCTET *VCHAR</c>, <c>password = OCTET *VCHAR</c>.</summary>
internal static class PlainHello
{
    /// <summary>The longest username or password: its length is one octet.</summary>
    public const int MaxLength = 255;

    /// <summary>Encodes the two length-prefixed UTF-8 fields (the lengths are checked when the options are set).</summary>
    public static byte[] Encode(string username, string password)
    {
        byte[] user = Encoding.UTF8.GetBytes(username);
        byte[] pass = Encoding.UTF8.GetBytes(password);
        return [(byte)user.Length, .. user, (byte)pass.Length, .. pass];
    }

    /// <summary>Splits a HELLO body into username and password.</summary>
    /// <exception cref="ZmtpProtocolException">The fields do not fill the body exactly.</exception>
    public static (byte[] Username, byte[] Password) Decode(ReadOnlySpan<byte> body)
    {
        // A username length, the username, and at least the password length after it.
        if (body.Length < 2 || 1 + body[0] + 1 > body.Length)
        {
            throw new ZmtpProtocolException("malformed HELLO: the username does not fit the command");
        }
        int userLength = body[0];
        ReadOnlySpan<byte> rest = body[(1 + userLength)..];
        if (rest.Length < 1 || rest[0] != rest.Length - 1)
        {
            throw new ZmtpProtocolException("malformed HELLO: the password does not fill the rest of the command");
        }
        return (body.Slice(1, userLength).ToArray(), rest[1..].ToArray());
    }
}
