namespace Zmq.Cli.Formats;

/// <summary>How messages are written as lines of text, and read back: <see cref="TabSeparatedFormat"/> or <see cref="JsonLinesFormat"/>.</summary>
internal interface IMessageFormat
{
    /// <summary>The line (without its line break) for <paramref name="message"/>.</summary>
    string Format(Message message);

    /// <summary>The message <paramref name="line"/> stands for, or null for a line that carries no message (a blank line in JSON lines).</summary>
    /// <exception cref="FormatException">The line is not in the format.</exception>
    Message? Parse(string line);
}

/// <summary>Picks the format for the options.</summary>
internal static class MessageFormats
{
    /// <summary><see cref="JsonLinesFormat"/> when <paramref name="jsonLines"/>, else <see cref="TabSeparatedFormat"/>.</summary>
    public static IMessageFormat For(bool jsonLines) => jsonLines ? new JsonLinesFormat() : new TabSeparatedFormat();
}
