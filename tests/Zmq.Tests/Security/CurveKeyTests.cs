namespace Zmq.Tests.Security;

/// <summary>
/// Z85 (RFC 32) and CURVE key pairs: the RFC's test case, round trips, refusals, and key vectors
/// computed by libsodium (through PyNaCl) and libzmq (through pyzmq's curve_keypair and curve_public).
/// </summary>
public sealed class CurveKeyTests
{
    [Fact]
    public void Z85_RfcTestCase_EncodesAsHelloWorldAndBack()
    {
        byte[] data = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B];

        Assert.Equal("HelloWorld", Z85.Encode(data));
        Assert.Equal(data, Z85.Decode("HelloWorld"));
    }

    [Fact]
    public void Z85_EveryByteValue_RoundTrips()
    {
        byte[] data = [.. Enumerable.Range(0, 256).Select(i => (byte)i), 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];

        string text = Z85.Encode(data);

        Assert.Equal(data.Length / 4 * 5, text.Length);
        Assert.Equal("%nSc0", text.Substring(256 / 4 * 5, 5)); // 0xFFFFFFFF, the largest group
        Assert.Equal("00000", text[^5..]);
        Assert.Equal(data, Z85.Decode(text));
    }

    [Theory]
    [InlineData("Hello")]  // 5 characters is fine...
    [InlineData("")]
    public void Z85_WholeGroups_Decode(string text) => Assert.Equal(text.Length / 5 * 4, Z85.Decode(text).Length);

    [Theory]
    [InlineData("Hell", "multiple of 5")]
    [InlineData("Hell\"", "not a Z85 character")]
    [InlineData("Hellé", "not a Z85 character")]
    [InlineData("%nSc1", "larger than 32 bits")]
    [InlineData("#####", "larger than 32 bits")]
    public void Z85_BadText_IsAFormatErrorSayingWhy(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Z85.Decode(text));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Z85_BadLength_IsAnArgumentError()
    {
        var error = Assert.Throws<ArgumentException>(() => Z85.Encode(new byte[5]));
        Assert.Contains("multiple of 4", error.Message);
    }

    [Fact]
    public void FromSecretKey_DerivesThePublicKeyLibsodiumDerives()
    {
        byte[] secret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

        CurveKeyPair pair = CurveKeyPair.FromSecretKey(secret);

        Assert.Equal(Convert.FromHexString("07a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c"), pair.PublicKey.ToArray());
        Assert.Equal("2CVWV6D&QXW]Ii55A)@qco1MAyn+7#3/w+9Xnrjk", pair.PublicKeyZ85);
        Assert.Equal("0rJua1Qkhq2)}4G4gS)W5Ft->6=4P585:Cl9uDpB", pair.SecretKeyZ85);
    }

    [Fact]
    public void FromSecretKey_OfAPyZmqKeyPair_GivesItsPublicKey()
    {
        // zmq.curve_keypair() printed this pair; zmq.curve_public(secret) agreed.
        CurveKeyPair pair = CurveKeyPair.FromSecretKey("}qW]%qQcT3F25VZhQ[raDCtzh2REBI8%rV%>0IH*");

        Assert.Equal("E6$VnJmHAkXQLRu{F/#twn=IGXKrXLS)8t9bkf?.", pair.PublicKeyZ85);
    }

    [Fact]
    public void Generate_MakesDistinctPairsWhosePublicKeysFollowFromTheirSecrets()
    {
        CurveKeyPair first = CurveKeyPair.Generate();
        CurveKeyPair second = CurveKeyPair.Generate();

        Assert.NotEqual(first.SecretKeyZ85, second.SecretKeyZ85);
        Assert.Equal(first.PublicKeyZ85, CurveKeyPair.FromSecretKey(first.SecretKey.Span).PublicKeyZ85);
        Assert.Equal(40, first.PublicKeyZ85.Length);
    }

    [Theory]
    [InlineData("short")]
    [InlineData("0rJua1Qkhq2)}4G4gS)W5Ft->6=4P585:Cl9uDp\"")]
    public void ParseKey_NotAZ85Key_IsAnArgumentError(string text)
    {
        Assert.Throws<ArgumentException>(() => CurveKeyPair.ParseKey(text));
        Assert.Throws<ArgumentException>(() => CurveKeyPair.FromSecretKey(new byte[31]));
    }
}
