using System.Buffers.Binary;
using System.Security.Cryptography;
using Zmq.Pipes;
using Zmq.Zmtp;

namespace Zmq.Security;

/// <summary>
/// What the two CURVE roles share (RFC 25 and 26): command layouts, nonce prefixes, and the
/// session the handshake leaves behind for the data phase.
/// </summary>
internal abstract class CurveMechanism : SecurityMechanism
{
    /// <summary>HELLO: name (6), version (2), padding (72), C' (32), short nonce (8), signature box (80).</summary>
    protected const int HelloLength = 200;

    /// <summary>WELCOME: name (8), long nonce (16), box of S' and the cookie (144).</summary>
    protected const int WelcomeLength = 168;

    /// <summary>A cookie: long nonce (16), box of C' and s' (80).</summary>
    protected const int CookieLength = 96;

    /// <summary>A vouch: long nonce (16), box of C' and S (80).</summary>
    protected const int VouchLength = 96;

    /// <summary>INITIATE before its box: name (9), cookie (96), short nonce (8).</summary>
    protected const int InitiateHeadLength = 9 + CookieLength + 8;

    /// <inheritdoc/>
    public override string Name => "CURVE";

    /// <summary>After the handshake: the keys and nonces of the data phase.</summary>
    public CurveSession? Session { get; protected set; }

    /// <inheritdoc/>
    public sealed override async Task<PeerInfo> HandshakeAsync(IHandshakeChannel channel, CancellationToken cancellationToken)
    {
        var secrets = new List<byte[]>();
        try
        {
            return await HandshakeAsync(channel, secrets, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Transient secrets and the keys made from them live only as long as the handshake.
            foreach (byte[] secret in secrets)
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }

    /// <summary>The handshake; every secret it makes goes into <paramref name="secrets"/>, which are wiped when it ends.</summary>
    protected abstract Task<PeerInfo> HandshakeAsync(IHandshakeChannel channel, List<byte[]> secrets, CancellationToken cancellationToken);

    /// <summary>A new transient key pair (secret, public) for this connection only; the secret goes into <paramref name="secrets"/>.</summary>
    protected static (byte[] Secret, byte[] Public) TransientPair(List<byte[]> secrets)
    {
        CurveKeyPair pair = CurveKeyPair.Generate();
        byte[] secret = pair.SecretKey.ToArray();
        secrets.Add(secret);
        return (secret, pair.PublicKey.ToArray());
    }

    /// <summary><see cref="BoxKey"/> for a key that is wiped with <paramref name="secrets"/>.</summary>
    protected static byte[] TemporaryBoxKey(List<byte[]> secrets, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> secret, string whose)
    {
        byte[] key = BoxKey(publicKey, secret, whose);
        secrets.Add(key);
        return key;
    }

    /// <summary>The box key between <paramref name="secret"/> and <paramref name="publicKey"/>; a protocol error for a key that yields none.</summary>
    protected static byte[] BoxKey(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> secret, string whose)
    {
        var key = new byte[CurveCrypto.KeyLength];
        if (!CurveCrypto.TryPrecompute(publicKey, secret, key))
        {
            throw new ZmtpProtocolException($"invalid CURVE key: {whose} is a point of small order");
        }
        return key;
    }

    /// <summary>Boxes <paramref name="plaintext"/> into a new array.</summary>
    protected static byte[] Seal(byte[] key, byte[] nonce, ReadOnlySpan<byte> plaintext)
    {
        var box = new byte[plaintext.Length + CurveCrypto.Overhead];
        CurveCrypto.Seal(key, nonce, plaintext, box);
        return box;
    }

    /// <summary>Opens <paramref name="box"/> into a new array; a protocol error naming <paramref name="what"/> when it does not open.</summary>
    protected static byte[] Open(byte[] key, byte[] nonce, ReadOnlySpan<byte> box, string what)
    {
        if (box.Length < CurveCrypto.Overhead)
        {
            throw new ZmtpProtocolException($"malformed CURVE {what}: the box is too short");
        }
        var plaintext = new byte[box.Length - CurveCrypto.Overhead];
        if (!CurveCrypto.Open(key, nonce, box, plaintext))
        {
            throw new ZmtpProtocolException($"CURVE {what} does not open: wrong keys, or forged or altered data");
        }
        return plaintext;
    }

    /// <summary>An 8-byte big-endian short nonce.</summary>
    protected static byte[] ShortNonce(ulong value)
    {
        var nonce = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(nonce, value);
        return nonce;
    }

    /// <summary>This socket's long-term key pair: the configured one, or (a client without one) a fresh one.</summary>
    protected static CurveKeyPair OwnKeys(SocketOptions options, bool required) =>
        options.CurveKeys ?? (required
            ? throw new ZmtpProtocolException("CurveServer is set but CurveKeys is not: a CURVE server needs its long-term key pair")
            : CurveKeyPair.Generate());
}

/// <summary>
/// CURVE, the client side: HELLO with a transient key, WELCOME with the server's transient key and
/// cookie, INITIATE with our long-term key vouched for, and READY with the server's metadata.
/// </summary>
internal sealed class CurveClientMechanism : CurveMechanism
{
    /// <inheritdoc/>
    public override bool AsServer => false;

    /// <inheritdoc/>
    protected override async Task<PeerInfo> HandshakeAsync(IHandshakeChannel channel, List<byte[]> secrets, CancellationToken cancellationToken)
    {
        CurveKeyPair own = OwnKeys(channel.Options, required: false);
        byte[] serverKey = channel.Options.CurveServerKey!;
        (byte[] transientSecret, byte[] transientPublic) = TransientPair(secrets);
        byte[] helloKey = TemporaryBoxKey(secrets, serverKey, transientSecret, "the server key");

        // HELLO: version 1.0, anti-amplification padding, C', nonce 1, Box[64 zeros](C'->S).
        byte[] signature = Seal(helloKey, CurveCrypto.Nonce("CurveZMQHELLO---"u8, 1), new byte[64]);
        await channel.SendCommandAsync("HELLO", (byte[])[1, 0, .. new byte[72], .. transientPublic, .. ShortNonce(1), .. signature], cancellationToken).ConfigureAwait(false);

        (string name, byte[] welcome) = await channel.ReadCommandAsync(cancellationToken).ConfigureAwait(false);
        Expect("WELCOME", name);
        if (welcome.Length != WelcomeLength - 8)
        {
            throw new ZmtpProtocolException($"malformed WELCOME: {welcome.Length + 8} bytes instead of {WelcomeLength}");
        }
        byte[] opened = Open(helloKey, CurveCrypto.Nonce("WELCOME-"u8, welcome.AsSpan(0, 16)), welcome.AsSpan(16), "WELCOME");
        byte[] serverTransient = opened[..32];
        byte[] cookie = opened[32..];

        // INITIATE: the cookie, nonce 2, Box[C + vouch + metadata](C'->S'), vouch = Box[C' + S](C->S').
        byte[] sessionKey = BoxKey(serverTransient, transientSecret, "the server's transient key");
        byte[] vouchNonce = RandomNumberGenerator.GetBytes(16);
        byte[] vouchKey = TemporaryBoxKey(secrets, serverTransient, own.SecretKey.Span, "the server's transient key");
        byte[] vouch = [.. vouchNonce, .. Seal(vouchKey, CurveCrypto.Nonce("VOUCH---"u8, vouchNonce), [.. transientPublic, .. serverKey])];
        byte[] initiateBox = Seal(sessionKey, CurveCrypto.Nonce("CurveZMQINITIATE"u8, 2), [.. own.PublicKey.Span, .. vouch, .. channel.OurMetadata()]);
        await channel.SendCommandAsync("INITIATE", (byte[])[.. cookie, .. ShortNonce(2), .. initiateBox], cancellationToken).ConfigureAwait(false);

        (name, byte[] ready) = await channel.ReadCommandAsync(cancellationToken).ConfigureAwait(false);
        Expect("READY", name);
        if (ready.Length < 8 + CurveCrypto.Overhead)
        {
            throw new ZmtpProtocolException("malformed READY: too short for its nonce and box");
        }
        ulong readyNonce = BinaryPrimitives.ReadUInt64BigEndian(ready);
        byte[] metadata = Open(sessionKey, CurveCrypto.Nonce("CurveZMQREADY---"u8, readyNonce), ready.AsSpan(8), "READY");
        PeerInfo peer = await channel.AcceptPeerAsync(metadata, tellPeer: false, cancellationToken).ConfigureAwait(false);
        Session = new CurveSession(sessionKey, asServer: false, lastSent: 2, lastReceived: readyNonce);
        return peer;
    }
}

/// <summary>
/// CURVE, the server side: checks HELLO's signature, answers WELCOME with a transient key and a
/// cookie only it can open, then checks INITIATE's cookie and vouch, asks ZAP about the client's
/// long-term key (when a handler is bound) and answers READY.
/// </summary>
internal sealed class CurveServerMechanism : CurveMechanism
{
    /// <inheritdoc/>
    public override bool AsServer => true;

    /// <inheritdoc/>
    protected override async Task<PeerInfo> HandshakeAsync(IHandshakeChannel channel, List<byte[]> secrets, CancellationToken cancellationToken)
    {
        CurveKeyPair own = OwnKeys(channel.Options, required: true);

        (string name, byte[] hello) = await channel.ReadCommandAsync(cancellationToken).ConfigureAwait(false);
        Expect("HELLO", name);
        if (hello.Length != HelloLength - 6)
        {
            throw new ZmtpProtocolException($"malformed HELLO: {hello.Length + 6} bytes instead of {HelloLength}");
        }
        if (hello[0] != 1 || hello[1] != 0)
        {
            throw new ZmtpProtocolException($"CURVE HELLO version {hello[0]}.{hello[1]}: only 1.0 is known");
        }
        if (hello.AsSpan(2, 72).IndexOfAnyExcept((byte)0) >= 0)
        {
            throw new ZmtpProtocolException("malformed HELLO: the anti-amplification padding is not all zeros");
        }
        byte[] clientTransient = hello[74..106];
        ulong helloNonce = BinaryPrimitives.ReadUInt64BigEndian(hello.AsSpan(106));
        byte[] helloKey = TemporaryBoxKey(secrets, clientTransient, own.SecretKey.Span, "the client's transient key");
        byte[] signature = Open(helloKey, CurveCrypto.Nonce("CurveZMQHELLO---"u8, helloNonce), hello.AsSpan(114), "HELLO signature");
        if (signature.AsSpan().IndexOfAnyExcept((byte)0) >= 0)
        {
            throw new ZmtpProtocolException("malformed HELLO: the signature box does not hold 64 zeros");
        }

        // WELCOME: Box[S' + cookie](S->C'), cookie = Box[C' + s'](K) with a key for this connection only.
        (byte[] transientSecret, byte[] transientPublic) = TransientPair(secrets);
        byte[] cookieKey = RandomNumberGenerator.GetBytes(CurveCrypto.KeyLength);
        secrets.Add(cookieKey);
        byte[] cookieNonce = RandomNumberGenerator.GetBytes(16);
        byte[] cookie = [.. cookieNonce, .. Seal(cookieKey, CurveCrypto.Nonce("COOKIE--"u8, cookieNonce), [.. clientTransient, .. transientSecret])];
        byte[] welcomeNonce = RandomNumberGenerator.GetBytes(16);
        byte[] welcomeBox = Seal(helloKey, CurveCrypto.Nonce("WELCOME-"u8, welcomeNonce), [.. transientPublic, .. cookie]);
        await channel.SendCommandAsync("WELCOME", (byte[])[.. welcomeNonce, .. welcomeBox], cancellationToken).ConfigureAwait(false);

        (name, byte[] initiate) = await channel.ReadCommandAsync(cancellationToken).ConfigureAwait(false);
        Expect("INITIATE", name);
        if (initiate.Length < InitiateHeadLength - 9 + CurveCrypto.Overhead + 32 + VouchLength)
        {
            throw new ZmtpProtocolException("malformed INITIATE: too short for its cookie, nonce and box");
        }
        byte[] returned = Open(cookieKey, CurveCrypto.Nonce("COOKIE--"u8, initiate.AsSpan(0, 16)), initiate.AsSpan(16, CookieLength - 16), "INITIATE cookie");
        if (!CryptographicOperations.FixedTimeEquals(returned.AsSpan(0, 32), clientTransient))
        {
            throw new ZmtpProtocolException("CURVE INITIATE cookie is for another client transient key");
        }
        ulong initiateNonce = BinaryPrimitives.ReadUInt64BigEndian(initiate.AsSpan(CookieLength));
        if (initiateNonce <= helloNonce)
        {
            throw new ZmtpProtocolException($"CURVE INITIATE nonce {initiateNonce} does not increase after HELLO's {helloNonce}");
        }
        byte[] sessionKey = BoxKey(clientTransient, transientSecret, "the client's transient key");
        byte[] content = Open(sessionKey, CurveCrypto.Nonce("CurveZMQINITIATE"u8, initiateNonce), initiate.AsSpan(CookieLength + 8), "INITIATE");
        byte[] clientKey = content[..32];
        byte[] vouch = content[32..(32 + VouchLength)];
        byte[] vouchKey = TemporaryBoxKey(secrets, clientKey, transientSecret, "the client's long-term key");
        byte[] vouched = Open(vouchKey, CurveCrypto.Nonce("VOUCH---"u8, vouch.AsSpan(0, 16)), vouch.AsSpan(16), "INITIATE vouch");
        if (!CryptographicOperations.FixedTimeEquals(vouched.AsSpan(0, 32), clientTransient)
            || !CryptographicOperations.FixedTimeEquals(vouched.AsSpan(32, 32), own.PublicKey.Span))
        {
            throw new ZmtpProtocolException("CURVE INITIATE vouch is not for this connection and this server");
        }

        if (channel.Context.Inproc.IsBound(ZapClient.HandlerName) || channel.Options.ZapDomain.Length > 0)
        {
            await AuthenticateAsync(channel, Name, [clientKey], cancellationToken).ConfigureAwait(false);
        }
        PeerInfo peer = await channel.AcceptPeerAsync(content[(32 + VouchLength)..], tellPeer: true, cancellationToken).ConfigureAwait(false);
        byte[] readyBox = Seal(sessionKey, CurveCrypto.Nonce("CurveZMQREADY---"u8, 1), channel.OurMetadata());
        await channel.SendCommandAsync("READY", (byte[])[.. ShortNonce(1), .. readyBox], cancellationToken).ConfigureAwait(false);
        Session = new CurveSession(sessionKey, asServer: true, lastSent: 1, lastReceived: initiateNonce);
        return peer;
    }
}
