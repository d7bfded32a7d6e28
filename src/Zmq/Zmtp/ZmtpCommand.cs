using System.Text;

namespace Zmq.Zmtp;

/// <summary>
/// A ZMTP command body (RFC 37): a one-byte name length, the name (letters only), then data.
/// Parsing validates the layout so nothing downstream indexes past the body.
/// </summary>
internal readonly ref struct ZmtpCommand
{
    private ZmtpCommand(ReadOnlySpan<byte> name, ReadOnlySpan<byte> data)
    {
        Name = name;
        Data = data;
    }

    /// <summary>The command name, such as READY.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>The bytes after the name.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The name as text, for messages.</summary>
    public string NameText => Encoding.ASCII.GetString(Name);

    /// <summary>Parses a command frame body.</summary>
    /// <exception cref="ZmtpProtocolException">The body is not a well-formed command.</exception>
    public static ZmtpCommand Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length == 0)
        {
            throw new ZmtpProtocolException("malformed command: empty body");
        }
        int nameLength = body[0];
        if (nameLength == 0 || nameLength > body.Length - 1)
        {
            throw new ZmtpProtocolException($"malformed command: name length {nameLength} does not fit a {body.Length}-byte body");
        }
        ReadOnlySpan<byte> name = body.Slice(1, nameLength);
        foreach (byte c in name)
        {
            if (!char.IsAsciiLetter((char)c))
            {
                throw new ZmtpProtocolException("malformed command: the name has characters other than letters");
            }
        }
        return new ZmtpCommand(name, body[(1 + nameLength)..]);
    }

    /// <summary>True when the name is exactly <paramref name="name"/>.</summary>
    public bool Is(string name)
    {
        if (Name.Length != name.Length)
        {
            return false;
        }
        for (int i = 0; i < name.Length; i++)
        {
            if (Name[i] != name[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Encodes a whole command frame (header and body) named <paramref name="name"/> carrying <paramref name="data"/>.</summary>
    public static byte[] EncodeFrame(string name, ReadOnlySpan<byte> data)
    {
        int bodyLength = 1 + name.Length + data.Length;
        int headerLength = FrameHeader.SizeFor(bodyLength);
        var frame = new byte[headerLength + bodyLength];
        FrameHeader.WriteCommand(frame, bodyLength);
        frame[headerLength] = (byte)name.Length;
        Encoding.ASCII.GetBytes(name, frame.AsSpan(headerLength + 1));
        data.CopyTo(frame.AsSpan(headerLength + 1 + name.Length));
        return frame;
    }
}
