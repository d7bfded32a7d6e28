using System.Text;
using Zmq.Zmtp;

namespace Zmq.Tests.Zmtp;

/// <summary>
/// READY metadata (RFC 37, "The NULL Security Mechanism"): <c>property = name value</c>,
/// <c>name = short-size 1*255name-char</c>, <c>value = 4OCTET *OCTET</c> (big-endian size).
/// </summary>
public sealed class ZmtpMetadataTests
{
    private static KeyValuePair<string, ReadOnlyMemory<byte>> Property(string name, byte[] value) => new(name, value);

    private static ZmtpProtocolException ParseFails(byte[] data)
    {
        var error = Assert.Throws<ZmtpProtocolException>(() => ZmtpMetadata.Parse(data));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    [Fact]
    public void Encode_SocketTypeProperty_IsNameLengthNameBigEndianSizeValue()
    {
        byte[] encoded = ZmtpMetadata.Encode([Property("Socket-Type", "PUSH"u8.ToArray())]);

        byte[] expected = [11, .. "Socket-Type"u8, 0, 0, 0, 4, .. "PUSH"u8];
        Assert.Equal(expected, encoded);
    }

    [Fact]
    public void Encode_NoProperties_IsEmpty()
    {
        Assert.Empty(ZmtpMetadata.Encode([]));
    }

    [Fact]
    public void Encode_LargeValue_WritesFourByteBigEndianSize()
    {
        byte[] value = new byte[0x010203];

        byte[] encoded = ZmtpMetadata.Encode([Property("X-Big", value)]);

        Assert.Equal(new byte[] { 0x00, 0x01, 0x02, 0x03 }, encoded[6..10]);
        Assert.Equal(1 + 5 + 4 + value.Length, encoded.Length);
    }

    [Fact]
    public void EncodeThenParse_RoundTripsEveryProperty()
    {
        byte[] binary = [0x00, 0xFF, 0x10, 0x7F];
        byte[] big = new byte[70_000];
        new Random(5).NextBytes(big);
        string longName = new('N', 255);

        byte[] encoded = ZmtpMetadata.Encode(
        [
            Property("Socket-Type", "DEALER"u8.ToArray()),
            Property("Identity", []),
            Property("X-Binary", binary),
            Property("X-Big", big),
            Property(longName, "v"u8.ToArray()),
            Property("a.b_c+d-9", "odd but valid"u8.ToArray()),
        ]);
        Dictionary<string, byte[]> parsed = ZmtpMetadata.Parse(encoded);

        Assert.Equal(6, parsed.Count);
        Assert.Equal("DEALER"u8.ToArray(), parsed["Socket-Type"]);
        Assert.Empty(parsed["Identity"]);
        Assert.Equal(binary, parsed["X-Binary"]);
        Assert.Equal(big, parsed["X-Big"]);
        Assert.Equal("v"u8.ToArray(), parsed[longName]);
        Assert.Equal("odd but valid"u8.ToArray(), parsed["a.b_c+d-9"]);
    }

    [Fact]
    public void Parse_Empty_GivesNoProperties()
    {
        Assert.Empty(ZmtpMetadata.Parse([]));
    }

    [Theory]
    [InlineData("socket-type")]
    [InlineData("SOCKET-TYPE")]
    [InlineData("Socket-Type")]
    [InlineData("sOcKeT-tYpE")]
    public void Parse_NamesAreCaseInsensitive(string lookup)
    {
        byte[] data = [11, .. "SOCKET-type"u8, 0, 0, 0, 4, .. "PULL"u8];

        Dictionary<string, byte[]> parsed = ZmtpMetadata.Parse(data);

        Assert.True(parsed.TryGetValue(lookup, out byte[]? value));
        Assert.Equal("PULL", Encoding.ASCII.GetString(value));
    }

    [Fact]
    public void Parse_SameNameInDifferentCase_KeepsTheLastValue()
    {
        byte[] data =
        [
            11, .. "socket-type"u8, 0, 0, 0, 4, .. "PUSH"u8,
            11, .. "SOCKET-TYPE"u8, 0, 0, 0, 4, .. "PULL"u8,
        ];

        Dictionary<string, byte[]> parsed = ZmtpMetadata.Parse(data);

        Assert.Equal("PULL", Encoding.ASCII.GetString(Assert.Single(parsed).Value));
    }

    [Theory]
    [InlineData(5u)]            // one more than the 4 bytes present
    [InlineData(0x7FFFFFFFu)]   // the largest the RFC allows
    [InlineData(0x80000000u)]   // over INT32_MAX: must not turn negative
    [InlineData(0xFFFFFFFFu)]
    public void Parse_ValueLengthBeyondData_Throws(uint valueLength)
    {
        byte[] data = [4, .. "Name"u8, (byte)(valueLength >> 24), (byte)(valueLength >> 16), (byte)(valueLength >> 8), (byte)valueLength, .. "abcd"u8];

        ParseFails(data);
    }

    [Fact]
    public void Parse_ValueLengthBeyondDataInSecondProperty_Throws()
    {
        byte[] data = [1, (byte)'A', 0, 0, 0, 1, (byte)'x', 1, (byte)'B', 0, 0, 0, 2, (byte)'y'];

        ParseFails(data);
    }

    [Fact]
    public void Parse_ZeroLengthName_Throws()
    {
        ParseFails([0, 0, 0, 0, 0]);
    }

    [Theory]
    [InlineData(1)]  // only the name-length octet
    [InlineData(6)]  // name cut short
    [InlineData(12)] // name complete, value size missing
    [InlineData(14)] // value size cut after two octets
    public void Parse_TruncatedHeader_Throws(int keep)
    {
        byte[] full = [11, .. "Socket-Type"u8, 0, 0, 0, 0];

        ParseFails(full[..keep]);
    }

    [Fact]
    public void Parse_TruncatedAfterAValidProperty_Throws()
    {
        byte[] data = [4, .. "Name"u8, 0, 0, 0, 1, (byte)'v', 4, (byte)'N', (byte)'a'];

        ParseFails(data);
    }

    [Theory]
    [InlineData("Socket Type")]
    [InlineData("Socket:Type")]
    [InlineData("Name\0")]
    [InlineData("Na/me")]
    [InlineData("N\u00E4me")]
    public void Parse_InvalidNameCharacters_Throws(string name)
    {
        byte[] nameBytes = Encoding.Latin1.GetBytes(name);

        ZmtpProtocolException error = ParseFails([(byte)nameBytes.Length, .. nameBytes, 0, 0, 0, 0]);

        Assert.Contains("name", error.Message);
    }
}
