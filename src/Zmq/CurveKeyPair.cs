using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Zmq;

/// <summary>
/// A CURVE key pair (RFC 26): a Curve25519 secret key and the public key derived from it, 32 bytes
/// each, written in Z85 (40 characters) the way ZeroMQ tools print them.
/// </summary>
public sealed class CurveKeyPair
{
    /// <summary>The length of a key in bytes.</summary>
    public const int KeyLength = 32;

    private readonly byte[] _publicKey;
    private readonly byte[] _secretKey;

    private CurveKeyPair(byte[] publicKey, byte[] secretKey)
    {
        _publicKey = publicKey;
        _secretKey = secretKey;
    }

    /// <summary>The public key: give it to peers.</summary>
    public ReadOnlyMemory<byte> PublicKey => _publicKey;

    /// <summary>The secret key: keep it.</summary>
    public ReadOnlyMemory<byte> SecretKey => _secretKey;

    /// <summary>The public key in Z85.</summary>
    public string PublicKeyZ85 => Z85.Encode(_publicKey);

    /// <summary>The secret key in Z85.</summary>
    public string SecretKeyZ85 => Z85.Encode(_secretKey);

    /// <summary>A new key pair from the operating system's cryptographic random numbers.</summary>
    public static CurveKeyPair Generate()
    {
        byte[] secret = RandomNumberGenerator.GetBytes(KeyLength);
        return FromSecretKey(secret);
    }

    /// <summary>The key pair of <paramref name="secretKey"/> (32 bytes): the public key is derived from it.</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    public static CurveKeyPair FromSecretKey(ReadOnlySpan<byte> secretKey)
    {
        byte[] secret = RequireKey(secretKey, nameof(secretKey));
        var publicKey = new byte[KeyLength];
        X25519.ScalarMultBase(secret, 0, publicKey, 0);
        return new CurveKeyPair(publicKey, secret);
    }

    /// <summary>The key pair of a Z85 secret key (40 characters).</summary>
    /// <exception cref="ArgumentException">The text is not a Z85 key.</exception>
    public static CurveKeyPair FromSecretKey(string secretKeyZ85) => FromSecretKey(ParseKey(secretKeyZ85, nameof(secretKeyZ85)));

    /// <summary>Decodes a Z85 key (40 characters) into its 32 bytes.</summary>
    /// <exception cref="ArgumentException">The text is not a Z85 key.</exception>
    public static byte[] ParseKey(string z85, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(z85, name);
        if (z85.Length != 40)
        {
            throw new ArgumentException($"a Z85 CURVE key is 40 characters, not {z85.Length}", name);
        }
        try
        {
            return Z85.Decode(z85);
        }
        catch (FormatException error)
        {
            throw new ArgumentException($"not a Z85 CURVE key: {error.Message}", name, error);
        }
    }

    /// <summary>A copy of a 32-byte key.</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    internal static byte[] RequireKey(ReadOnlySpan<byte> key, string name) =>
        key.Length == KeyLength ? key.ToArray() : throw new ArgumentException($"a CURVE key is {KeyLength} bytes, not {key.Length}", name);
}
