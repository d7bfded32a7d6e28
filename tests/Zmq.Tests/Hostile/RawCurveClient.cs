using System.Buffers.Binary;
using Zmq.Security;

namespace Zmq.Tests.Hostile;

/// <summary>
/// A CURVE client written from RFC 26 on top of <see cref="RawZmtpClient"/>, one command at a
/// time, so that a test can send each command right or wrong. Boxes come from the library's
/// <see cref="CurveCrypto"/>, which its own tests check against libsodium.
/// </summary>
internal sealed class RawCurveClient
{
    private readonly byte[] _serverKey;
    private readonly CurveKeyPair _transient = CurveKeyPair.Generate();
    private byte[] _sessionKey = [];

    private RawCurveClient(RawZmtpClient raw, byte[] serverKey)
    {
        Raw = raw;
        _serverKey = serverKey;
    }

    public RawZmtpClient Raw { get; }

    /// <summary>The client's long-term keys (a fresh pair).</summary>
    public CurveKeyPair Keys { get; } = CurveKeyPair.Generate();

    /// <summary>Connects to the arena and exchanges CURVE greetings (the server's says as-server 1).</summary>
    public static async Task<RawCurveClient> GreetAsync(PullArena arena, ReadOnlyMemory<byte> serverKey)
    {
        RawZmtpClient raw = await arena.ConnectRawAsync();
        await raw.SendAsync(ZmtpWire.Greeting("CURVE"));
        await raw.ReadGreetingAsync("CURVE", asServer: 1);
        return new RawCurveClient(raw, serverKey.ToArray());
    }

    /// <summary>HELLO: version, padding, C', the short nonce, Box[64 zeros](C'->S) (or <paramref name="signature"/>).</summary>
    public byte[] Hello(ulong nonce = 1, byte major = 1, byte[]? signature = null, int padding = 72, byte paddingByte = 0)
    {
        signature ??= Box(SharedKey(_serverKey, _transient), CurveCrypto.Nonce("CurveZMQHELLO---"u8, nonce), new byte[64]);
        return ZmtpWire.Command("HELLO", [major, 0, .. Enumerable.Repeat(paddingByte, padding), .. _transient.PublicKey.Span, .. ShortNonce(nonce), .. signature]);
    }

    /// <summary>Reads WELCOME and opens it: the server's transient key and the cookie.</summary>
    public async Task<(byte[] ServerTransient, byte[] Cookie)> ReadWelcomeAsync()
    {
        RawFrame welcome = await Raw.ReadCommandAsync("WELCOME");
        byte[] data = welcome.CommandData;
        byte[] opened = Open(SharedKey(_serverKey, _transient), CurveCrypto.Nonce("WELCOME-"u8, data.AsSpan(0, 16)), data.AsSpan(16));
        return (opened[..32], opened[32..]);
    }

    /// <summary>INITIATE: the cookie, the short nonce, Box[C + vouch + metadata](C'->S'); the vouch names <paramref name="vouchedServerKey"/> (default the real one).</summary>
    public byte[] Initiate(byte[] serverTransient, byte[] cookie, ulong nonce = 2, byte[]? vouchedServerKey = null, byte[]? metadata = null)
    {
        _sessionKey = SharedKey(serverTransient, _transient);
        byte[] vouchNonce = new byte[16];
        Random.Shared.NextBytes(vouchNonce);
        byte[] vouch = [.. vouchNonce, .. Box(SharedKey(serverTransient, Keys), CurveCrypto.Nonce("VOUCH---"u8, vouchNonce), [.. _transient.PublicKey.Span, .. vouchedServerKey ?? _serverKey])];
        metadata ??= ZmtpWire.Property("Socket-Type", "PUSH");
        byte[] box = Box(_sessionKey, CurveCrypto.Nonce("CurveZMQINITIATE"u8, nonce), [.. Keys.PublicKey.Span, .. vouch, .. metadata]);
        return ZmtpWire.Command("INITIATE", [.. cookie, .. ShortNonce(nonce), .. box]);
    }

    /// <summary>Reads READY and checks its box opens with the session key.</summary>
    public async Task ReadReadyAsync()
    {
        RawFrame ready = await Raw.ReadCommandAsync("READY");
        ulong nonce = BinaryPrimitives.ReadUInt64BigEndian(ready.CommandData);
        Open(_sessionKey, CurveCrypto.Nonce("CurveZMQREADY---"u8, nonce), ready.CommandData.AsSpan(8));
    }

    /// <summary>A whole handshake with default (correct) commands.</summary>
    public async Task HandshakeAsync()
    {
        await Raw.SendAsync(Hello());
        (byte[] serverTransient, byte[] cookie) = await ReadWelcomeAsync();
        await Raw.SendAsync(Initiate(serverTransient, cookie));
        await ReadReadyAsync();
    }

    /// <summary>A MESSAGE carrying <paramref name="payload"/> with payload <paramref name="flags"/>, framed as libzmq frames it.</summary>
    public byte[] Message(ulong nonce, byte flags, ReadOnlySpan<byte> payload)
    {
        byte[] box = Box(_sessionKey, CurveCrypto.Nonce("CurveZMQMESSAGEC"u8, nonce), [flags, .. payload]);
        return ZmtpWire.MessageFrame([7, .. "MESSAGE"u8.ToArray(), .. ShortNonce(nonce), .. box]);
    }

    private static byte[] SharedKey(ReadOnlySpan<byte> publicKey, CurveKeyPair own)
    {
        var key = new byte[32];
        Assert.True(CurveCrypto.TryPrecompute(publicKey, own.SecretKey.Span, key));
        return key;
    }

    private static byte[] Box(byte[] key, byte[] nonce, ReadOnlySpan<byte> plaintext)
    {
        var box = new byte[plaintext.Length + CurveCrypto.Overhead];
        CurveCrypto.Seal(key, nonce, plaintext, box);
        return box;
    }

    private static byte[] Open(byte[] key, byte[] nonce, ReadOnlySpan<byte> box)
    {
        var plaintext = new byte[box.Length - CurveCrypto.Overhead];
        Assert.True(CurveCrypto.Open(key, nonce, box, plaintext), "a box from the server does not open");
        return plaintext;
    }

    private static byte[] ShortNonce(ulong value)
    {
        var nonce = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(nonce, value);
        return nonce;
    }
}
