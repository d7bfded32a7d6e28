using System.Buffers.Binary;
using Zmq.Pipes;
using Zmq.Zmtp;

namespace Zmq.Security;

/// <summary>
/// The data phase of a CURVE connection (RFC 26, "The MESSAGE Command"): every ZMTP frame, message
/// or command, travels inside a MESSAGE command, boxed with the connection's transient keys and a
/// short nonce that increases with each command.
/// </summary>
/// <remarks>
/// <para>Payload flags: bit 0 is MORE, as RFC 26 says; bit 1 marks a ZMTP command (SUBSCRIBE,
/// PING, ...) carried the same way, as libzmq does.</para>
/// <para>Framing: RFC 37 has encrypted data sent as commands, but libzmq 4.3 sends each MESSAGE as
/// a final message frame (flags 0, the real MORE inside the box) and takes nothing else, so that is
/// what <see cref="Encrypt"/> writes; the reader accepts either.</para>
/// <para>Contract: <see cref="Encrypt"/> is called by the write loop only and
/// <see cref="Decrypt"/> by the read loop only; each direction keeps its own nonce. A MESSAGE
/// whose nonce does not increase (a replay), whose box does not open (forged or altered data), or
/// whose flags are unknown is a <see cref="ZmtpProtocolException"/>; so is one whose nonce skips
/// (RFC 26: short nonces increment), since each frame travels alone and a MESSAGE removed on the
/// way would otherwise go unnoticed. <see cref="Dispose"/> wipes the key when the connection ends.</para>
/// </remarks>
internal sealed class CurveSession : IDisposable
{
    /// <summary>Payload flag: more frames of this message follow.</summary>
    public const byte More = 0x01;

    /// <summary>Payload flag: the payload is a ZMTP command body.</summary>
    public const byte Command = 0x02;

    /// <summary>How much longer a MESSAGE command body is than the frame it carries: name, nonce, authenticator, flags.</summary>
    public const int Overhead = 8 + 8 + CurveCrypto.Overhead + 1;

    private static ReadOnlySpan<byte> Name => "\u0007MESSAGE"u8;

    private readonly byte[] _key;
    private readonly byte[] _sendPrefix;
    private readonly byte[] _receivePrefix;
    private ulong _sent;
    private ulong _received;

    /// <summary>
    /// A session with the precomputed transient box <paramref name="key"/>; <paramref name="lastSent"/>
    /// and <paramref name="lastReceived"/> are the short nonces the handshake used in each direction.
    /// </summary>
    public CurveSession(byte[] key, bool asServer, ulong lastSent, ulong lastReceived)
    {
        _key = key;
        _sendPrefix = asServer ? "CurveZMQMESSAGES"u8.ToArray() : "CurveZMQMESSAGEC"u8.ToArray();
        _receivePrefix = asServer ? "CurveZMQMESSAGEC"u8.ToArray() : "CurveZMQMESSAGES"u8.ToArray();
        _sent = lastSent;
        _received = lastReceived;
    }

    /// <summary>Wipes the session key (RFC 26: session keys are destroyed when the connection closes).</summary>
    public void Dispose() => System.Security.Cryptography.CryptographicOperations.ZeroMemory(_key);

    /// <summary>The length of the whole ZMTP frame (header and MESSAGE body) that carries <paramref name="payloadLength"/> bytes.</summary>
    public static int FrameLength(int payloadLength)
    {
        int body = payloadLength + Overhead;
        return FrameHeader.SizeFor(body) + body;
    }

    /// <summary>Writes the frame carrying <paramref name="payload"/> with <paramref name="flags"/> into <paramref name="destination"/>; returns its length.</summary>
    public int Encrypt(byte flags, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        int body = payload.Length + Overhead;
        int at = FrameHeader.WriteMessage(destination, body, more: false);
        Name.CopyTo(destination[at..]);
        at += Name.Length;
        ulong nonce = ++_sent;
        BinaryPrimitives.WriteUInt64BigEndian(destination[at..], nonce);
        at += 8;
        byte[] plaintext = BufferPool.Rent(payload.Length + 1);
        try
        {
            plaintext[0] = flags;
            payload.CopyTo(plaintext.AsSpan(1));
            CurveCrypto.Seal(_key, CurveCrypto.Nonce(_sendPrefix, nonce), plaintext.AsSpan(0, payload.Length + 1), destination.Slice(at, payload.Length + 1 + CurveCrypto.Overhead));
        }
        finally
        {
            BufferPool.Return(plaintext);
        }
        return at + payload.Length + 1 + CurveCrypto.Overhead;
    }

    /// <summary>
    /// Opens the MESSAGE command <paramref name="body"/> (name included). Returns the payload flags
    /// and the payload in an array from <see cref="BufferPool"/> (the caller owns it) with its length.
    /// </summary>
    /// <exception cref="ZmtpProtocolException">The command is not a valid MESSAGE.</exception>
    public (byte Flags, byte[] Payload, int Length) Decrypt(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Name))
        {
            string name = body.Length > 0 && body[0] < body.Length ? System.Text.Encoding.ASCII.GetString(body.Slice(1, body[0])) : "?";
            throw new ZmtpProtocolException($"a CURVE connection carries only MESSAGE commands, got {ZmtpText.Printable(name)}");
        }
        if (body.Length < Overhead)
        {
            throw new ZmtpProtocolException($"malformed MESSAGE: {body.Length} bytes, at least {Overhead} needed");
        }
        ulong nonce = BinaryPrimitives.ReadUInt64BigEndian(body[Name.Length..]);
        if (nonce != _received + 1)
        {
            throw new ZmtpProtocolException(nonce <= _received
                ? $"CURVE MESSAGE nonce {nonce} does not increase (last {_received}): a replay"
                : $"CURVE MESSAGE nonce {nonce} skips from {_received}: MESSAGEs were removed on the way");
        }
        ReadOnlySpan<byte> box = body[(Name.Length + 8)..];
        int length = box.Length - CurveCrypto.Overhead;
        byte[] plaintext = BufferPool.Rent(length);
        if (!CurveCrypto.Open(_key, CurveCrypto.Nonce(_receivePrefix, nonce), box, plaintext.AsSpan(0, length)))
        {
            BufferPool.Return(plaintext);
            throw new ZmtpProtocolException("CURVE MESSAGE box does not open: forged or altered data");
        }
        byte flags = plaintext[0];
        if ((flags & ~(More | Command)) != 0 || flags == (More | Command))
        {
            BufferPool.Return(plaintext);
            throw new ZmtpProtocolException($"malformed MESSAGE: payload flags 0x{flags:X2}");
        }
        _received = nonce;
        // The payload is the plaintext after its flags octet; shifted down so that it starts the array.
        plaintext.AsSpan(1, length - 1).CopyTo(plaintext);
        return (flags, plaintext, length - 1);
    }
}
