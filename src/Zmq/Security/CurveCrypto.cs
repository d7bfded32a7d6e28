using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Zmq.Security;

/// <summary>
/// NaCl's <c>crypto_box</c> and <c>crypto_secretbox</c> (Curve25519, XSalsa20, Poly1305), the
/// cryptography of CurveZMQ (RFC 26), on BouncyCastle's X25519, XSalsa20 and Poly1305. A box is
/// written as on the wire: the 16-byte authenticator, then the ciphertext.
/// </summary>
/// <remarks>
/// Contract: thread-safe (no shared state). <see cref="Open"/> checks the authenticator in
/// constant time and writes nothing to its output unless it verifies. HSalsa20, which NaCl uses to
/// turn a Curve25519 shared secret into a box key and BouncyCastle does not expose, is here.
/// </remarks>
internal static class CurveCrypto
{
    /// <summary>Keys (public, secret, precomputed) are 32 bytes.</summary>
    public const int KeyLength = 32;

    /// <summary>Nonces are 24 bytes.</summary>
    public const int NonceLength = 24;

    /// <summary>A box is this much longer than what it holds.</summary>
    public const int Overhead = 16;

    /// <summary>
    /// <c>crypto_box_beforenm</c>: the key of boxes between the holder of <paramref name="secretKey"/>
    /// and that of <paramref name="publicKey"/> (the same from either side). False, with nothing
    /// written, for a public key that yields no shared secret (a point of small order).
    /// </summary>
    public static bool TryPrecompute(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> secretKey, Span<byte> key)
    {
        Span<byte> shared = stackalloc byte[KeyLength];
        if (!X25519.CalculateAgreement(secretKey, publicKey, shared))
        {
            return false;
        }
        HSalsa20(shared, stackalloc byte[16], key);
        CryptographicOperations.ZeroMemory(shared);
        return true;
    }

    /// <summary><c>crypto_secretbox</c>: boxes <paramref name="plaintext"/> into <paramref name="box"/> (16 bytes longer).</summary>
    public static void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> box)
    {
        XSalsa20Engine cipher = Cipher(key, nonce, out byte[] oneTimeKey);
        cipher.ProcessBytes(plaintext, box[Overhead..]);
        Authenticate(oneTimeKey, box[Overhead..(Overhead + plaintext.Length)], box[..Overhead]);
    }

    /// <summary><c>crypto_secretbox_open</c>: opens <paramref name="box"/> into <paramref name="plaintext"/> (16 bytes shorter); false if it was not made with this key and nonce, or was altered.</summary>
    public static bool Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> box, Span<byte> plaintext)
    {
        if (box.Length < Overhead)
        {
            return false;
        }
        XSalsa20Engine cipher = Cipher(key, nonce, out byte[] oneTimeKey);
        Span<byte> expected = stackalloc byte[Overhead];
        Authenticate(oneTimeKey, box[Overhead..], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, box[..Overhead]))
        {
            return false;
        }
        cipher.ProcessBytes(box[Overhead..], plaintext);
        return true;
    }

    /// <summary>A 24-byte nonce: <paramref name="prefix"/> (16 or 8 ASCII characters) followed by <paramref name="tail"/>.</summary>
    public static byte[] Nonce(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> tail)
    {
        var nonce = new byte[NonceLength];
        prefix.CopyTo(nonce);
        tail.CopyTo(nonce.AsSpan(prefix.Length));
        return nonce;
    }

    /// <summary>A 24-byte nonce: a 16-character <paramref name="prefix"/> and a big-endian 8-byte counter (a CurveZMQ short nonce).</summary>
    public static byte[] Nonce(ReadOnlySpan<byte> prefix, ulong counter)
    {
        var nonce = new byte[NonceLength];
        prefix.CopyTo(nonce);
        BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(16), counter);
        return nonce;
    }

    /// <summary>An XSalsa20 stream past its first 32 bytes, which are the Poly1305 key (NaCl's layout).</summary>
    private static XSalsa20Engine Cipher(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, out byte[] oneTimeKey)
    {
        var cipher = new XSalsa20Engine();
        cipher.Init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        oneTimeKey = new byte[32];
        cipher.ProcessBytes(oneTimeKey, oneTimeKey);
        return cipher;
    }

    private static void Authenticate(byte[] oneTimeKey, ReadOnlySpan<byte> ciphertext, Span<byte> tag)
    {
        var mac = new Poly1305();
        mac.Init(new KeyParameter(oneTimeKey));
        mac.BlockUpdate(ciphertext);
        mac.DoFinal(tag);
        CryptographicOperations.ZeroMemory(oneTimeKey);
    }

    /// <summary>HSalsa20 (the Salsa20 core's 20 rounds without the final addition), from the XSalsa20 paper.</summary>
    private static void HSalsa20(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Span<uint> x = stackalloc uint[16];
        x[0] = 0x61707865;
        x[5] = 0x3320646e;
        x[10] = 0x79622d32;
        x[15] = 0x6b206574;
        for (int i = 0; i < 4; i++)
        {
            x[1 + i] = BinaryPrimitives.ReadUInt32LittleEndian(key[(4 * i)..]);
            x[11 + i] = BinaryPrimitives.ReadUInt32LittleEndian(key[(16 + 4 * i)..]);
            x[6 + i] = BinaryPrimitives.ReadUInt32LittleEndian(input[(4 * i)..]);
        }
        for (int round = 0; round < 20; round += 2)
        {
            QuarterRound(x, 0, 4, 8, 12);
            QuarterRound(x, 5, 9, 13, 1);
            QuarterRound(x, 10, 14, 2, 6);
            QuarterRound(x, 15, 3, 7, 11);
            QuarterRound(x, 0, 1, 2, 3);
            QuarterRound(x, 5, 6, 7, 4);
            QuarterRound(x, 10, 11, 8, 9);
            QuarterRound(x, 15, 12, 13, 14);
        }
        ReadOnlySpan<int> take = [0, 5, 10, 15, 6, 7, 8, 9];
        for (int i = 0; i < take.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(output[(4 * i)..], x[take[i]]);
        }
        x.Clear();
    }

    private static void QuarterRound(Span<uint> x, int a, int b, int c, int d)
    {
        x[b] ^= uint.RotateLeft(x[a] + x[d], 7);
        x[c] ^= uint.RotateLeft(x[b] + x[a], 9);
        x[d] ^= uint.RotateLeft(x[c] + x[b], 13);
        x[a] ^= uint.RotateLeft(x[d] + x[c], 18);
    }
}
