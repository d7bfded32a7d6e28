using Zmq.Zmtp;

namespace Zmq.Tests.Zmtp;

/// <summary>Frame headers (RFC 37, "Framing"): flags octet, then a 1-byte or 8-byte big-endian size.</summary>
public sealed class FrameHeaderTests
{
    private static byte[] MessageHeader(long length, bool more)
    {
        var buffer = new byte[FrameHeader.MaxSize + 4];
        Array.Fill(buffer, (byte)0xEE);
        int written = FrameHeader.WriteMessage(buffer, length, more);
        Assert.All(buffer[written..], b => Assert.Equal(0xEE, b)); // nothing written past the header
        return buffer[..written];
    }

    private static byte[] Command(long length)
    {
        var buffer = new byte[FrameHeader.MaxSize];
        int written = FrameHeader.WriteCommand(buffer, length);
        return buffer[..written];
    }

    [Fact]
    public void MaxSize_IsNine()
    {
        Assert.Equal(9, FrameHeader.MaxSize);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(255, 2)]
    [InlineData(256, 9)]
    [InlineData(65536, 9)]
    [InlineData(long.MaxValue, 9)]
    public void SizeFor_ShortUpTo255_LongFrom256(long bodyLength, int expected)
    {
        Assert.Equal(expected, FrameHeader.SizeFor(bodyLength));
    }

    [Fact]
    public void WriteMessage_Empty_IsTwoZeroBytes()
    {
        Assert.Equal(new byte[] { 0x00, 0x00 }, MessageHeader(0, more: false));
    }

    [Fact]
    public void WriteMessage_255Bytes_IsShortFrame()
    {
        Assert.Equal(new byte[] { 0x00, 0xFF }, MessageHeader(255, more: false));
    }

    [Fact]
    public void WriteMessage_256Bytes_IsLongFrameWithBigEndianSize()
    {
        Assert.Equal(new byte[] { 0x02, 0, 0, 0, 0, 0, 0, 0x01, 0x00 }, MessageHeader(256, more: false));
    }

    [Fact]
    public void WriteMessage_ShortWithMore_SetsMoreFlagOnly()
    {
        Assert.Equal(new byte[] { 0x01, 0x05 }, MessageHeader(5, more: true));
    }

    [Fact]
    public void WriteMessage_LongWithMore_SetsMoreAndLongFlags()
    {
        Assert.Equal(new byte[] { 0x03, 0, 0, 0, 0, 0, 0, 0x01, 0x00 }, MessageHeader(256, more: true));
    }

    [Fact]
    public void WriteMessage_LargeSize_AllEightBytesBigEndian()
    {
        Assert.Equal(new byte[] { 0x02, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 }, MessageHeader(0x0102030405060708, more: false));
    }

    [Fact]
    public void WriteMessage_MaximumSize_Is2Pow63Minus1()
    {
        Assert.Equal(new byte[] { 0x02, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, MessageHeader(long.MaxValue, more: false));
    }

    [Fact]
    public void WriteCommand_Short_SetsCommandFlag()
    {
        Assert.Equal(new byte[] { 0x04, 0x29 }, Command(41));
        Assert.Equal(new byte[] { 0x04, 0xFF }, Command(255));
    }

    [Fact]
    public void WriteCommand_Long_SetsCommandAndLongFlags()
    {
        Assert.Equal(new byte[] { 0x06, 0, 0, 0, 0, 0, 0, 0x01, 0x00 }, Command(256));
    }
}
