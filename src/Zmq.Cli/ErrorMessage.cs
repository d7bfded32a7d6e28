namespace Zmq.Cli;

/// <summary>Turns the exceptions the tool expects into the one-line message it prints.</summary>
internal static class ErrorMessage
{
    /// <summary>
    /// The message for an expected failure (usage, endpoint, address in use, input, I/O), or null
    /// for an unexpected exception, which is left to crash with its stack trace.
    /// </summary>
    public static string? Describe(Exception error) => error switch
    {
        CliException or ZmqException or FormatException or IOException or UnauthorizedAccessException => OneLine(error.Message),
        ArgumentException argument => OneLine(WithoutParameterName(argument)),
        _ => null,
    };

    /// <summary>The message without the " (Parameter 'name')" .NET appends to argument exceptions.</summary>
    private static string WithoutParameterName(ArgumentException error) =>
        error.ParamName is null ? error.Message : error.Message.Replace($" (Parameter '{error.ParamName}')", "", StringComparison.Ordinal);

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
