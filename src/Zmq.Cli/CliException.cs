namespace Zmq.Cli;

/// <summary>A failure the tool reports as <c>zmq: message</c> on stderr, exiting with <see cref="ExitCode"/>.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    /// <summary>The process exit code: <see cref="ExitCodes.Error"/> or <see cref="ExitCodes.Timeout"/>.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>A usage or input error (exit code 1).</summary>
    public static CliException Usage(string message) => new(ExitCodes.Error, message);

    /// <summary>A timeout (exit code 2).</summary>
    public static CliException Timeout(string message) => new(ExitCodes.Timeout, message);
}
