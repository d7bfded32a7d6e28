using System.Buffers.Binary;

namespace Zmq.Zmtp;

/// <summary>Writes ZMTP frame headers: the flags octet and a short (1-byte) or long (8-byte) size. Pure functions.</summary>
internal static class FrameHeader
{
    /// <summary>The longest header: flags plus an eight-byte size.</summary>
    public const int MaxSize = 9;

    /// <summary>The header length for a body of <paramref name="bodyLength"/> bytes.</summary>
    public static int SizeFor(long bodyLength) => bodyLength <= byte.MaxValue ? 2 : 9;

    /// <summary>Writes the header of a message frame; returns its length.</summary>
    public static int WriteMessage(Span<byte> destination, long bodyLength, bool more) =>
        Write(destination, bodyLength, more ? FrameFlags.More : FrameFlags.None);

    /// <summary>Writes the header of a command frame; returns its length.</summary>
    public static int WriteCommand(Span<byte> destination, long bodyLength) =>
        Write(destination, bodyLength, FrameFlags.Command);

    private static int Write(Span<byte> destination, long bodyLength, FrameFlags flags)
    {
        if (bodyLength <= byte.MaxValue)
        {
            destination[0] = (byte)flags;
            destination[1] = (byte)bodyLength;
            return 2;
        }
        destination[0] = (byte)(flags | FrameFlags.Long);
        BinaryPrimitives.WriteInt64BigEndian(destination[1..], bodyLength);
        return 9;
    }
}
