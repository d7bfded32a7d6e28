using System.Text;
using System.Text.Unicode;

namespace Zmq.Cli.Formats;

/// <summary>
/// One frame as text: printable UTF-8 as itself, anything else as <c>0x</c> and lowercase hex.
/// Input of the form <c>0x</c> followed by an even number of hex digits is read back as those
/// bytes, so every frame round-trips (a printable frame that happens to look like <c>0x41</c> is
/// written in hex too, so it does not come back as the byte 0x41).
/// </summary>
internal static class FrameText
{
    private const string HexPrefix = "0x";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text form of <paramref name="frame"/>.</summary>
    public static string Encode(ReadOnlySpan<byte> frame)
    {
        if (Utf8.IsValid(frame))
        {
            string text = StrictUtf8.GetString(frame);
            if (IsPrintable(text) && !IsHex(text))
            {
                return text;
            }
        }
        return HexPrefix + Convert.ToHexStringLower(frame);
    }

    /// <summary>The bytes <paramref name="text"/> stands for: hex-decoded in the <c>0x</c> form, UTF-8 otherwise.</summary>
    public static byte[] Decode(string text) =>
        IsHex(text) ? Convert.FromHexString(text.AsSpan(HexPrefix.Length)) : Encoding.UTF8.GetBytes(text);

    /// <summary>Appends the frame <paramref name="text"/> stands for to <paramref name="message"/>.</summary>
    public static void AddTo(Message message, string text)
    {
        if (IsHex(text))
        {
            message.Add(Convert.FromHexString(text.AsSpan(HexPrefix.Length)).AsSpan());
        }
        else
        {
            message.Add(text);
        }
    }

    /// <summary>True when <paramref name="text"/> is in the binary form: <c>0x</c> and an even number (maybe zero) of hex digits.</summary>
    public static bool IsHex(string text)
    {
        if (!text.StartsWith(HexPrefix, StringComparison.Ordinal) || text.Length % 2 != 0)
        {
            return false;
        }
        foreach (char c in text.AsSpan(HexPrefix.Length))
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True when no character of <paramref name="text"/> is a control character (TAB and newlines included: they would break the line format).</summary>
    private static bool IsPrintable(string text)
    {
        foreach (char c in text)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }
        return true;
    }
}
