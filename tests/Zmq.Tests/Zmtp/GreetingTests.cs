using System.Text;
using Zmq.Zmtp;

namespace Zmq.Tests.Zmtp;

/// <summary>The 64-byte ZMTP 3.x greeting (RFC 37, "Formal Grammar" and "Version Negotiation").</summary>
public sealed class GreetingTests
{
    /// <summary>A greeting as RFC 37 lays it out, built by hand (independent of <see cref="Greeting.Write"/>).</summary>
    private static byte[] ValidGreeting(byte major = 3, byte minor = 1, string mechanism = "NULL", byte asServer = 0)
    {
        var greeting = new byte[64];
        greeting[0] = 0xFF;
        greeting[9] = 0x7F;
        greeting[10] = major;
        greeting[11] = minor;
        Encoding.ASCII.GetBytes(mechanism).CopyTo(greeting, 12);
        greeting[32] = asServer;
        return greeting;
    }

    private static ZmtpProtocolException ParseFails(byte[] received)
    {
        var error = Assert.Throws<ZmtpProtocolException>(() => Greeting.TryParse(received, out _));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    [Fact]
    public void Write_NullMechanismClient_ProducesExactRfcBytes()
    {
        byte[] expected =
        [
            0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0x7F,     // signature: FF, 8 bytes padding, 7F
            0x03, 0x01,                             // version 3.1
            (byte)'N', (byte)'U', (byte)'L', (byte)'L', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // mechanism, 20 bytes
            0x00,                                   // as-server
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // filler, 31 bytes
        ];
        Assert.Equal(64, expected.Length);
        var written = new byte[64];

        Greeting.Write(written, "NULL", asServer: false);

        Assert.Equal(expected, written);
    }

    [Fact]
    public void Write_DirtyDestination_OverwritesEveryByte()
    {
        var written = new byte[80];
        Array.Fill(written, (byte)0xAA);

        Greeting.Write(written, "NULL", asServer: false);

        Assert.Equal(ValidGreeting(), written[..64]);
        Assert.All(written[64..], b => Assert.Equal(0xAA, b));
    }

    [Fact]
    public void Write_AsServer_SetsByte32ToOne()
    {
        var written = new byte[64];

        Greeting.Write(written, "PLAIN", asServer: true);

        Assert.Equal(ValidGreeting(mechanism: "PLAIN", asServer: 1), written);
    }

    [Fact]
    public void Write_ThenTryParse_RoundTrips()
    {
        var written = new byte[64];
        Greeting.Write(written, "CURVE", asServer: true);

        Assert.True(Greeting.TryParse(written, out PeerGreeting parsed));

        Assert.Equal(new PeerGreeting(3, 1, "CURVE", true), parsed);
    }

    [Fact]
    public void TryParse_Valid31Greeting_ReturnsParsedFields()
    {
        Assert.True(Greeting.TryParse(ValidGreeting(), out PeerGreeting parsed));

        Assert.Equal(3, parsed.Major);
        Assert.Equal(1, parsed.Minor);
        Assert.Equal("NULL", parsed.Mechanism);
        Assert.False(parsed.AsServer);
    }

    [Fact]
    public void TryParse_FewerThan64Bytes_NeedsMore()
    {
        byte[] greeting = ValidGreeting();

        Assert.False(Greeting.TryParse(greeting.AsSpan(0, 63), out PeerGreeting parsed));
        Assert.Equal(default, parsed);
        Assert.False(Greeting.TryParse([], out _));
    }

    [Fact]
    public void TryParse_FedOneByteAtATime_NeverThrowsAndCompletesExactlyAt64()
    {
        byte[] greeting = ValidGreeting();

        for (int length = 0; length < 64; length++)
        {
            Assert.False(Greeting.TryParse(greeting.AsSpan(0, length), out _), $"completed early at {length} bytes");
        }
        Assert.True(Greeting.TryParse(greeting, out PeerGreeting parsed));
        Assert.Equal("NULL", parsed.Mechanism);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x01)]
    [InlineData(0x05)] // ZMTP 1.0: a short identity frame length
    [InlineData(0x7F)]
    [InlineData(0xFE)]
    public void TryParse_FirstByteNotFF_RefusedAfterOneByte(byte first)
    {
        ZmtpProtocolException error = ParseFails([first]);

        Assert.Contains($"0x{first:X2}", error.Message);
    }

    [Fact]
    public void TryParse_GarbageHttpRequest_Refused()
    {
        byte[] http = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: example\r\n\r\n");

        ParseFails(http);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x7E)]
    [InlineData(0xFE)]
    public void TryParse_Byte9WithoutBit0_RefusedAsZmtp10AfterTenBytes(byte byte9)
    {
        // ZMTP 1.0 long form: FF, an 8-byte identity length, then the flags octet (bit 0 clear).
        byte[] received = [0xFF, 0, 0, 0, 0, 0, 0, 0, 0x01, byte9];

        ZmtpProtocolException error = ParseFails(received);

        Assert.Contains("1.0", error.Message);
        Assert.False(Greeting.TryParse(received.AsSpan(0, 9), out _), "nine bytes cannot tell yet");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void TryParse_VersionMajor1Or2_RefusedAsZmtp20AfterElevenBytes(byte major)
    {
        // A ZMTP 2.0 greeting: signature (padding = identity size + 1) then the revision octet.
        byte[] received = [0xFF, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x7F, major];

        ZmtpProtocolException error = ParseFails(received);

        Assert.Contains("2.0", error.Message);
        Assert.False(Greeting.TryParse(received.AsSpan(0, 10), out _), "ten bytes cannot tell yet");
    }

    [Fact]
    public void TryParse_VersionMajor0_Refused()
    {
        ParseFails([0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0x7F, 0]);
    }

    [Fact]
    public void TryParse_NonZeroPadding_IsAccepted()
    {
        // RFC 37: a peer MUST NOT validate the padding (backward-detecting peers put a length there).
        byte[] greeting = ValidGreeting();
        for (int i = 1; i <= 8; i++)
        {
            greeting[i] = (byte)(0x10 * i + 1);
        }

        Assert.True(Greeting.TryParse(greeting, out PeerGreeting parsed));
        Assert.Equal("NULL", parsed.Mechanism);
    }

    [Fact]
    public void TryParse_MechanismWithEmbeddedNull_RefusedAsNotNullPadded()
    {
        byte[] greeting = ValidGreeting(mechanism: "NU");
        greeting[15] = (byte)'L'; // "NU\0L": a character after the padding started

        ZmtpProtocolException error = ParseFails(greeting);

        Assert.Contains("null-padded", error.Message);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NU LL")]
    [InlineData("NULL!")]
    public void TryParse_MechanismWithInvalidCharacters_Refused(string mechanism)
    {
        ZmtpProtocolException error = ParseFails(ValidGreeting(mechanism: mechanism));

        Assert.Contains("mechanism", error.Message);
    }

    [Fact]
    public void TryParse_MechanismWithHighBitByte_Refused()
    {
        byte[] greeting = ValidGreeting();
        greeting[13] = 0xD5;

        ParseFails(greeting);
    }

    [Theory]
    [InlineData("PLAIN")]
    [InlineData("CURVE")]
    [InlineData("X-MY_MECH.2+")]
    [InlineData("ABCDEFGHIJKLMNOPQRST")] // all 20 bytes used, no null at all
    public void TryParse_ValidMechanismNames_Accepted(string mechanism)
    {
        Assert.True(Greeting.TryParse(ValidGreeting(mechanism: mechanism), out PeerGreeting parsed));

        Assert.Equal(mechanism, parsed.Mechanism);
    }

    [Fact]
    public void TryParse_AsServerOne_Accepted()
    {
        Assert.True(Greeting.TryParse(ValidGreeting(asServer: 1), out PeerGreeting parsed));

        Assert.True(parsed.AsServer);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0x80)]
    [InlineData(0xFF)]
    public void TryParse_AsServerAboveOne_Refused(byte asServer)
    {
        ZmtpProtocolException error = ParseFails(ValidGreeting(asServer: asServer));

        Assert.Contains("as-server", error.Message);
    }

    [Theory]
    [InlineData(3, 0)] // ZMTP 3.0
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 0)]
    [InlineData(255, 255)]
    public void TryParse_Version30OrHigher_Accepted(byte major, byte minor)
    {
        Assert.True(Greeting.TryParse(ValidGreeting(major, minor), out PeerGreeting parsed));

        Assert.Equal(major, parsed.Major);
        Assert.Equal(minor, parsed.Minor);
    }
}
