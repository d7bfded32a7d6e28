namespace Zmq.Zmtp;

/// <summary>Text a peer chose (mechanism and command names, ERROR reasons), made safe to put in a reason: quoted, control characters replaced, long text cut.</summary>
internal static class ZmtpText
{
    /// <summary>The quoted text, at most <paramref name="limit"/> characters of it, each control character as '?'.</summary>
    public static string Printable(string text, int limit = 40)
    {
        string trimmed = text.Length > limit ? text[..limit] + "..." : text;
        return "'" + string.Concat(trimmed.Select(c => char.IsControl(c) ? '?' : c)) + "'";
    }
}
