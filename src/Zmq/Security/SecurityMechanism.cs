using Zmq.Pipes;
using Zmq.Zmtp;

namespace Zmq.Security;

/// <summary>
/// A ZMTP security mechanism (RFC 37, "Authentication and Confidentiality"): its name in the
/// greeting, which side it plays, and the command exchange that ends with both sides' READY.
/// </summary>
/// <remarks>
/// Contract: one instance per connection, used once. <see cref="HandshakeAsync"/> runs after both
/// greetings have been exchanged and checked (same mechanism, compatible roles) and returns the
/// peer's description, or throws <see cref="ZmtpProtocolException"/> with the reason the handshake
/// failed (after telling the peer with ERROR where the mechanism says so).
/// </remarks>
internal abstract class SecurityMechanism
{
    /// <summary>The mechanism name in the greeting: NULL, PLAIN.</summary>
    public abstract string Name { get; }

    /// <summary>The greeting's as-server flag for this side.</summary>
    public abstract bool AsServer { get; }

    /// <summary>After a handshake that asked ZAP: the user id the handler gave the peer (null when ZAP was not asked or named nobody).</summary>
    public string? UserId { get; private set; }

    /// <summary>Chooses the mechanism the socket's options ask for: CURVE before PLAIN before NULL, server before client.</summary>
    public static SecurityMechanism For(SocketOptions options) =>
        options.CurveServer ? new CurveServerMechanism()
        : options.CurveServerKey is not null ? new CurveClientMechanism()
        : options.PlainServer ? new PlainServerMechanism()
        : options.PlainUsername is not null ? new PlainClientMechanism()
        : new NullMechanism();

    /// <summary>
    /// Whether a peer whose greeting announced <paramref name="peerAsServer"/> may be the other side:
    /// false only when both claim to be the server (NULL has no server, so it never is). libzmq (4.3) sends as-server 0 whatever its
    /// role, so a 0 proves nothing; two clients find out from each other's first command.
    /// </summary>
    public virtual bool AcceptsPeerRole(bool peerAsServer) => !(peerAsServer && AsServer);

    /// <summary>Runs the exchange after the greetings.</summary>
    public abstract Task<PeerInfo> HandshakeAsync(IHandshakeChannel channel, CancellationToken cancellationToken);

    /// <summary>
    /// Asks ZAP about the peer and, unless it succeeds, tells the peer with an ERROR carrying the
    /// ZAP status code (how libzmq peers recognise an authentication failure) and throws.
    /// </summary>
    protected async Task AuthenticateAsync(IHandshakeChannel channel, string mechanism, IReadOnlyList<byte[]> credentials, CancellationToken cancellationToken)
    {
        ZapReply reply = await ZapClient.AuthenticateAsync(
            channel.Context, channel.Options.ZapDomain, channel.PeerAddress, channel.Options.RoutingId, mechanism, credentials, cancellationToken).ConfigureAwait(false);
        if (reply.Succeeded)
        {
            UserId = reply.UserId.Length > 0 ? reply.UserId : null;
            return;
        }
        await channel.SendErrorAsync(reply.StatusCode, cancellationToken).ConfigureAwait(false);
        string text = reply.StatusText.Length > 0 ? $": {reply.StatusText}" : "";
        throw new ZmtpProtocolException($"authentication failed (ZAP status {reply.StatusCode}{text})");
    }

    /// <summary>Throws unless <paramref name="name"/> is <paramref name="expected"/>.</summary>
    protected static void Expect(string expected, string name)
    {
        if (name != expected)
        {
            throw new ZmtpProtocolException($"expected {expected}, got {name}");
        }
    }
}
