namespace Zmq.Cli;

/// <summary>The exit codes of the <c>zmq</c> tool.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for was done.</summary>
    public const int Success = 0;

    /// <summary>An error: bad arguments, a bad endpoint, an address in use, unreadable input.</summary>
    public const int Error = 1;

    /// <summary>Nothing arrived, or nothing could be sent, within the timeout.</summary>
    public const int Timeout = 2;
}
