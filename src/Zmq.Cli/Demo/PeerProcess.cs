using System.Diagnostics;

namespace Zmq.Cli.Demo;

/// <summary>Runs <c>zmq demo-peer ...</c> as a second copy of this program, and reports how it ended.</summary>
internal static class PeerProcess
{
    /// <summary>
    /// Starts <c>zmq demo-peer</c> with <paramref name="arguments"/> and completes when it exits:
    /// successfully for exit code 0, otherwise with an exception carrying the last line of its stderr.
    /// </summary>
    /// <param name="arguments">The arguments after <c>demo-peer</c>.</param>
    /// <param name="abandon">Kills the process.</param>
    public static async Task RunAsync(IReadOnlyList<string> arguments, CancellationToken abandon)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program is running"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (IsDotnetHost(info.FileName))
        {
            // Started as "dotnet zmq.dll": the program to run again is the assembly, not the host.
            info.ArgumentList.Add(typeof(PeerProcess).Assembly.Location);
        }
        info.ArgumentList.Add(DemoPeerCommand.Name);
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        Task<string> errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        Task<string> output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(abandon).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited meanwhile.
            }
            throw new TimeoutException("the peer process was still running and was stopped");
        }
        await output.ConfigureAwait(false);
        string stderr = await errors.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            string last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";
            throw new InvalidOperationException($"the peer process exited with code {process.ExitCode}: {last}");
        }
    }

    private static bool IsDotnetHost(string path) =>
        string.Equals(Path.GetFileNameWithoutExtension(path), "dotnet", StringComparison.OrdinalIgnoreCase);
}
