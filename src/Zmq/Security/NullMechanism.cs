using Zmq.Pipes;

namespace Zmq.Security;

/// <summary>
/// NULL security (RFC 37): both sides send READY with their metadata. With a ZAP domain set, this
/// side first asks ZAP about the peer's address (no credentials) and refuses it unless ZAP agrees.
/// </summary>
internal sealed class NullMechanism : SecurityMechanism
{
    /// <inheritdoc/>
    public override string Name => "NULL";

    /// <inheritdoc/>
    public override bool AsServer => false;

    /// <inheritdoc/>
    public override async Task<PeerInfo> HandshakeAsync(IHandshakeChannel channel, CancellationToken cancellationToken)
    {
        if (channel.Options.ZapDomain.Length > 0)
        {
            await AuthenticateAsync(channel, Name, [], cancellationToken).ConfigureAwait(false);
        }
        await channel.SendCommandAsync("READY", channel.OurMetadata(), cancellationToken).ConfigureAwait(false);
        (string name, byte[] data) = await channel.ReadCommandAsync(cancellationToken).ConfigureAwait(false);
        Expect("READY", name);
        return await channel.AcceptPeerAsync(data, tellPeer: true, cancellationToken).ConfigureAwait(false);
    }
}
