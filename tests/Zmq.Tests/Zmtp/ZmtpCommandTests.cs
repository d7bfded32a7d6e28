using System.Text;
using Zmq.Zmtp;

namespace Zmq.Tests.Zmtp;

/// <summary>Command frames (RFC 37): <c>command-name = short-size 1*255ALPHA</c>, then data; READY, ERROR, PING, PONG.</summary>
public sealed class ZmtpCommandTests
{
    /// <summary>The DEALER client's READY from the RFC 37 worked example, bytes 0 to 42.</summary>
    private static readonly byte[] RfcDealerReady =
    [
        0x04, 41,
        0x05, (byte)'R', (byte)'E', (byte)'A', (byte)'D', (byte)'Y',
        11, (byte)'S', (byte)'o', (byte)'c', (byte)'k', (byte)'e', (byte)'t', (byte)'-', (byte)'T', (byte)'y', (byte)'p', (byte)'e',
        0x00, 0x00, 0x00, 0x06, (byte)'D', (byte)'E', (byte)'A', (byte)'L', (byte)'E', (byte)'R',
        8, (byte)'I', (byte)'d', (byte)'e', (byte)'n', (byte)'t', (byte)'i', (byte)'t', (byte)'y',
        0x00, 0x00, 0x00, 0x00,
    ];

    /// <summary>The ROUTER server's READY from the RFC 37 worked example (Socket-Type only).</summary>
    private static readonly byte[] RfcRouterReady =
    [
        0x04, 28,
        0x05, (byte)'R', (byte)'E', (byte)'A', (byte)'D', (byte)'Y',
        11, (byte)'S', (byte)'o', (byte)'c', (byte)'k', (byte)'e', (byte)'t', (byte)'-', (byte)'T', (byte)'y', (byte)'p', (byte)'e',
        0x00, 0x00, 0x00, 0x06, (byte)'R', (byte)'O', (byte)'U', (byte)'T', (byte)'E', (byte)'R',
    ];

    private static ZmtpProtocolException ParseFails(byte[] body)
    {
        var error = Assert.Throws<ZmtpProtocolException>(() => ZmtpCommand.Parse(body));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    private static KeyValuePair<string, ReadOnlyMemory<byte>> Property(string name, string value) =>
        new(name, Encoding.ASCII.GetBytes(value));

    [Fact]
    public void RfcVectors_HaveTheLengthsTheWorkedExampleShows()
    {
        Assert.Equal(43, RfcDealerReady.Length);     // octets 0 to 42
        Assert.Equal(2 + 28, RfcRouterReady.Length); // size octet says 28
    }

    [Fact]
    public void EncodeFrame_DealerReadyWithEmptyIdentity_MatchesRfcWorkedExample()
    {
        byte[] metadata = ZmtpMetadata.Encode([Property("Socket-Type", "DEALER"), Property("Identity", "")]);

        byte[] frame = ZmtpCommand.EncodeFrame("READY", metadata);

        Assert.Equal(RfcDealerReady, frame);
    }

    [Fact]
    public void EncodeFrame_RouterReadyWithSocketTypeOnly_MatchesRfcWorkedExample()
    {
        byte[] metadata = ZmtpMetadata.Encode([Property("Socket-Type", "ROUTER")]);

        byte[] frame = ZmtpCommand.EncodeFrame("READY", metadata);

        Assert.Equal(RfcRouterReady, frame);
    }

    [Fact]
    public void Parse_RfcDealerReady_GivesNameAndMetadata()
    {
        var command = ZmtpCommand.Parse(RfcDealerReady.AsSpan(2));

        Assert.Equal("READY", command.NameText);
        Assert.True(command.Is("READY"));
        Assert.False(command.Is("ERROR"));
        Assert.False(command.Is("READ"));
        Dictionary<string, byte[]> metadata = ZmtpMetadata.Parse(command.Data);
        Assert.Equal(2, metadata.Count);
        Assert.Equal("DEALER", Encoding.ASCII.GetString(metadata["Socket-Type"]));
        Assert.Empty(metadata["Identity"]);
    }

    [Fact]
    public void Parse_RfcRouterReady_GivesSocketTypeOnly()
    {
        var command = ZmtpCommand.Parse(RfcRouterReady.AsSpan(2));

        Assert.True(command.Is("READY"));
        Dictionary<string, byte[]> metadata = ZmtpMetadata.Parse(command.Data);
        Assert.Equal("ROUTER", Encoding.ASCII.GetString(Assert.Single(metadata).Value));
    }

    [Fact]
    public void EncodeFrame_Error_FollowsRfcGrammar()
    {
        // error = command-size %d5 "ERROR" error-reason; error-reason = short-size 0*255VCHAR
        byte[] frame = ZmtpCommand.EncodeFrame("ERROR", [7, .. "Invalid"u8]);

        byte[] expected = [0x04, 14, 5, .. "ERROR"u8, 7, .. "Invalid"u8];
        Assert.Equal(expected, frame);
        var command = ZmtpCommand.Parse(frame.AsSpan(2));
        Assert.True(command.Is("ERROR"));
        byte[] reason = [7, .. "Invalid"u8];
        Assert.Equal(reason, command.Data.ToArray());
    }

    [Fact]
    public void EncodeFrame_PingWithTtlAndContext_FollowsRfcGrammar()
    {
        // ping = command-size %d4 "PING" ping-ttl ping-context
        byte[] frame = ZmtpCommand.EncodeFrame("PING", [0x01, 0x2C, .. "ctx"u8]);

        byte[] expected = [0x04, 10, 4, .. "PING"u8, 0x01, 0x2C, .. "ctx"u8];
        Assert.Equal(expected, frame);
        var command = ZmtpCommand.Parse(frame.AsSpan(2));
        Assert.True(command.Is("PING"));
        Assert.Equal(new byte[] { 0x01, 0x2C, (byte)'c', (byte)'t', (byte)'x' }, command.Data.ToArray());
    }

    [Fact]
    public void EncodeFrame_PongWithEmptyContext_IsNameOnly()
    {
        // pong = command-size %d4 "PONG" ping-context, and the context may be empty.
        byte[] frame = ZmtpCommand.EncodeFrame("PONG", []);

        Assert.Equal(new byte[] { 0x04, 5, 4, (byte)'P', (byte)'O', (byte)'N', (byte)'G' }, frame);
        var command = ZmtpCommand.Parse(frame.AsSpan(2));
        Assert.True(command.Is("PONG"));
        Assert.True(command.Data.IsEmpty);
    }

    [Fact]
    public void EncodeFrame_BodyOver255_UsesLongCommandHeader()
    {
        byte[] data = new byte[300];
        new Random(3).NextBytes(data);

        byte[] frame = ZmtpCommand.EncodeFrame("X", data);

        Assert.Equal(9 + 302, frame.Length);
        Assert.Equal(new byte[] { 0x06, 0, 0, 0, 0, 0, 0, 0x01, 0x2E }, frame[..9]);
        Assert.Equal(1, frame[9]);
        Assert.Equal((byte)'X', frame[10]);
        Assert.Equal(data, frame[11..]);
    }

    [Fact]
    public void EncodeFrame_Body255_UsesShortCommandHeader()
    {
        byte[] frame = ZmtpCommand.EncodeFrame("READY", new byte[249]);

        Assert.Equal(2 + 255, frame.Length);
        Assert.Equal(0x04, frame[0]);
        Assert.Equal(255, frame[1]);
    }

    [Fact]
    public void Parse_EmptyBody_Throws()
    {
        ParseFails([]);
    }

    [Fact]
    public void Parse_ZeroNameLength_Throws()
    {
        ParseFails([0, .. "READY"u8]);
    }

    [Theory]
    [InlineData(6)]   // one more than "READY"
    [InlineData(255)]
    public void Parse_NameLongerThanBody_Throws(byte nameLength)
    {
        ParseFails([nameLength, .. "READY"u8]);
    }

    [Fact]
    public void Parse_NameLengthOnly_Throws()
    {
        ParseFails([5]);
    }

    [Theory]
    [InlineData("RE4DY")]
    [InlineData("RE-DY")]
    [InlineData("READY ")]
    [InlineData("RE\0DY")]
    [InlineData("R\u00C9ADY")]
    public void Parse_NonLetterName_Throws(string name)
    {
        byte[] nameBytes = Encoding.Latin1.GetBytes(name);

        ZmtpProtocolException error = ParseFails([(byte)nameBytes.Length, .. nameBytes, 0, 0]);

        Assert.Contains("letters", error.Message);
    }

    [Fact]
    public void Parse_NameFillingWholeBody_HasEmptyData()
    {
        var command = ZmtpCommand.Parse([5, .. "HELLO"u8]);

        Assert.Equal("HELLO", command.NameText);
        Assert.True(command.Data.IsEmpty);
    }

    [Fact]
    public void Parse_LowercaseLetters_AreLetters()
    {
        var command = ZmtpCommand.Parse([5, .. "ready"u8]);

        Assert.Equal("ready", command.NameText);
        Assert.False(command.Is("READY"));
    }
}
