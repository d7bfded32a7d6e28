namespace Zmq.Zmtp;

/// <summary>The flags octet of a ZMTP frame (RFC 37, "Framing").</summary>
[Flags]
internal enum FrameFlags : byte
{
    /// <summary>A last (or only) message frame with a one-byte size.</summary>
    None = 0,
    /// <summary>More frames of the same message follow.</summary>
    More = 0x01,
    /// <summary>The size is eight bytes, in network order.</summary>
    Long = 0x02,
    /// <summary>The frame is a command, not message data.</summary>
    Command = 0x04,
    /// <summary>Bits that must be zero.</summary>
    Reserved = 0xF8,
}
