using Zmq.Security;

namespace Zmq.Tests.Security;

/// <summary>
/// <see cref="CurveCrypto"/> against vectors computed by libsodium (through PyNaCl):
/// crypto_box_beforenm, crypto_box_afternm and crypto_secretbox, and the refusals of altered boxes.
/// </summary>
public sealed class CurveCryptoTests
{
    private static readonly byte[] AliceSecret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] BobSecret = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];
    private static readonly byte[] AlicePublic = Convert.FromHexString("07a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c");
    private static readonly byte[] BobPublic = Convert.FromHexString("5714769d116bf76436ae74bc793d2c30ad1903c59ac5273805c7e2698b410c36");
    private static readonly byte[] SharedKey = Convert.FromHexString("72da8bbbf5a0760cea2a1d1f2c5f19d54f292f8e7a1dd292b7a86a567ceabc69");
    private static readonly byte[] Nonce = [.. Enumerable.Range(200, 24).Select(i => (byte)i)];
    private static readonly byte[] Plaintext = [.. "CurveZMQ test message: "u8.ToArray(), .. Enumerable.Range(0, 40).Select(i => (byte)i)];
    private static readonly byte[] Box = Convert.FromHexString(
        "53da2aea56b58b5ca12e80479803604a85cf40238be3568313cd4750972e1076018fc6cdc208f6fd6fa7b8c9c867b438" +
        "21c8c4f0e939fbc18fa283278c6f0b4d5eef16784ccfba3798b616229467c2");

    [Fact]
    public void TryPrecompute_EitherSide_GivesLibsodiumsBoxKey()
    {
        var fromAlice = new byte[32];
        var fromBob = new byte[32];

        Assert.True(CurveCrypto.TryPrecompute(BobPublic, AliceSecret, fromAlice));
        Assert.True(CurveCrypto.TryPrecompute(AlicePublic, BobSecret, fromBob));

        Assert.Equal(SharedKey, fromAlice);
        Assert.Equal(SharedKey, fromBob);
    }

    [Fact]
    public void TryPrecompute_SmallOrderPublicKey_IsRefused()
    {
        Assert.False(CurveCrypto.TryPrecompute(new byte[32], AliceSecret, new byte[32])); // the all-zero point
    }

    [Fact]
    public void Seal_MatchesLibsodiumsBoxAndOpenGivesThePlaintextBack()
    {
        var box = new byte[Plaintext.Length + CurveCrypto.Overhead];
        CurveCrypto.Seal(SharedKey, Nonce, Plaintext, box);
        Assert.Equal(Box, box);

        var opened = new byte[Plaintext.Length];
        Assert.True(CurveCrypto.Open(SharedKey, Nonce, Box, opened));
        Assert.Equal(Plaintext, opened);
    }

    [Fact]
    public void Seal_EmptyAndSecretboxVectors_MatchLibsodium()
    {
        var empty = new byte[CurveCrypto.Overhead];
        CurveCrypto.Seal(SharedKey, Nonce, [], empty);
        Assert.Equal(Convert.FromHexString("4141e900b13a409522dece7f96be957e"), empty);

        byte[] key = [.. Enumerable.Range(50, 32).Select(i => (byte)i)];
        var zeros = new byte[64 + CurveCrypto.Overhead];
        CurveCrypto.Seal(key, Nonce, new byte[64], zeros);
        Assert.Equal(Convert.FromHexString(
            "e3f6393ed4f51f176a1016092817098ebd1a24c61e321a7b94c0937d8704018869ea86dc05e4bb1671d00340a23807b6" +
            "98bec6117c236baa49be5d108aab2abe5952a92a5539a34185e2eea0788a4a1e"), zeros);
    }

    [Theory]
    [InlineData(0)]   // the authenticator
    [InlineData(16)]  // the first ciphertext byte
    [InlineData(78)]  // the last
    public void Open_AlteredBox_IsRefusedAndWritesNothing(int position)
    {
        byte[] altered = [.. Box];
        altered[position] ^= 1;
        var opened = new byte[Plaintext.Length];

        Assert.False(CurveCrypto.Open(SharedKey, Nonce, altered, opened));
        Assert.All(opened, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Open_WrongNonceOrKeyOrTooShort_IsRefused()
    {
        var opened = new byte[Plaintext.Length];
        byte[] otherNonce = [.. Nonce];
        otherNonce[23] ^= 1;

        Assert.False(CurveCrypto.Open(SharedKey, otherNonce, Box, opened));
        Assert.False(CurveCrypto.Open(new byte[32], Nonce, Box, opened));
        Assert.False(CurveCrypto.Open(SharedKey, Nonce, Box.AsSpan(0, 15), []));
    }

    [Fact]
    public void Nonce_PrefixAndCounter_AreLaidOutAsCurveZmqSays()
    {
        byte[] nonce = CurveCrypto.Nonce("CurveZMQMESSAGEC"u8, 0x0102030405060708UL);

        Assert.Equal([.. "CurveZMQMESSAGEC"u8.ToArray(), 1, 2, 3, 4, 5, 6, 7, 8], nonce);
        Assert.Equal([.. "VOUCH---"u8.ToArray(), .. Enumerable.Repeat((byte)9, 16)], CurveCrypto.Nonce("VOUCH---"u8, Enumerable.Repeat((byte)9, 16).ToArray()));
    }
}
