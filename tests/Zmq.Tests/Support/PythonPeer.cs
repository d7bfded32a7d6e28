using System.Diagnostics;
using System.Text;

namespace Zmq.Tests.Support;

/// <summary>
/// A pyzmq (libzmq) program run by /usr/bin/python3, talked to through its stdin and stdout.
/// Scripts print a line such as READY when they are set up, so tests wait on output, not on time.
/// </summary>
/// <remarks>
/// Scripts must end with <c>ctx.term()</c> (or <c>ctx.destroy(linger=...)</c>): when the
/// interpreter exits with a live context, libzmq drops connections still in their handshake and
/// unsent messages are lost.
/// </remarks>
public sealed class PythonPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private PythonPeer(Process process)
    {
        _process = process;
    }

    /// <summary>Everything the script wrote to stderr so far (for assertion messages).</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="script"/> with <paramref name="args"/> (available as sys.argv[1:]).</summary>
    public static PythonPeer Start(string script, params string[] args)
    {
        Requires.PyZmq();
        var info = new ProcessStartInfo(Requires.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        var peer = new PythonPeer(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (peer._stderr)
                {
                    peer._stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>Reads one line of the script's stdout, failing the test if none comes in time.</summary>
    public async Task<string> ReadLineAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            string? line = await _process.StandardOutput.ReadLineAsync(cts.Token);
            return line ?? throw new InvalidOperationException($"python peer closed its output; stderr:\n{Stderr}");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"python peer printed nothing in time; stderr:\n{Stderr}");
        }
    }

    /// <summary>Waits for the line <paramref name="expected"/> (for example READY).</summary>
    public async Task ExpectLineAsync(string expected, TimeSpan? timeout = null)
    {
        string line = await ReadLineAsync(timeout);
        Assert.True(line == expected, $"python peer printed '{line}' instead of '{expected}'; stderr:\n{Stderr}");
    }

    /// <summary>Writes one line to the script's stdin.</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for the script to exit and returns its exit code, failing the test if it runs too long.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"python peer did not exit in time; stderr:\n{Stderr}");
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Kills the script if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
