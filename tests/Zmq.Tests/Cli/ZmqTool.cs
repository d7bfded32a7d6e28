using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace Zmq.Tests.Cli;

/// <summary>How a run of the zmq tool ended.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Stdout">Everything written to stdout.</param>
/// <param name="Stderr">Everything written to stderr.</param>
public sealed record ToolResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The stdout lines (without a trailing empty line).</summary>
    public string[] StdoutLines => Stdout.Length == 0 ? [] : Stdout.TrimEnd('\n').Split('\n');

    /// <inheritdoc/>
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>
/// The zmq tool run as a child process (<c>dotnet zmq.dll ARGS</c>) with its standard streams
/// redirected. Every wait is bounded: a process still running at the deadline is killed and the test fails.
/// </summary>
public sealed class ZmqTool : IAsyncDisposable
{
    /// <summary>The default bound on a run.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _stdoutText = new();
    private readonly Channel<string> _stdoutLines = Channel.CreateUnbounded<string>();
    private readonly Task _stdout;
    private readonly Task<string> _stderr;

    private ZmqTool(Process process)
    {
        _process = process;
        _stdout = Task.Run(ReadStdoutAsync);
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The process id (to send it a signal).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts <c>zmq ARGS</c>; its stdin stays open until <see cref="WriteStdinAsync"/> or <see cref="CloseStdin"/>.</summary>
    public static ZmqTool Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(typeof(global::Zmq.Cli.Program).Assembly.Location);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return new ZmqTool(Process.Start(info)!);
    }

    /// <summary>Runs <c>zmq ARGS</c> with <paramref name="stdin"/> as its whole input and waits for it.</summary>
    public static async Task<ToolResult> RunAsync(string stdin, params string[] args)
    {
        await using ZmqTool tool = Start(args);
        await tool.WriteStdinAsync(stdin);
        return await tool.WaitAsync();
    }

    /// <summary>Writes <paramref name="text"/> (use \n line breaks) to stdin, then closes it.</summary>
    public async Task WriteStdinAsync(string text)
    {
        await _process.StandardInput.WriteAsync(text);
        CloseStdin();
    }

    /// <summary>Writes one line to stdin and flushes it, leaving stdin open.</summary>
    public async Task WriteLineAsync(string line)
    {
        await _process.StandardInput.WriteAsync(line + "\n");
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>The next line the tool prints on stdout, waiting for it up to <paramref name="timeout"/> (default <see cref="Bound"/>); fails the test if none comes.</summary>
    public async Task<string> ReadLineAsync(TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? Bound;
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            return await _stdoutLines.Reader.ReadAsync(deadline.Token);
        }
        catch (Exception error) when (error is OperationCanceledException or ChannelClosedException)
        {
            Kill();
            string stderr = await _stderr;
            Assert.Fail($"zmq {string.Join(' ', _process.StartInfo.ArgumentList.Skip(1))} printed no further line within {limit.TotalSeconds} s; stderr: {stderr}");
            throw;
        }
    }

    /// <summary>Closes stdin: the tool sees end of input.</summary>
    public void CloseStdin() => _process.StandardInput.Close();

    /// <summary>Waits for the tool to exit (killing it and failing the test after <paramref name="timeout"/>).</summary>
    public async Task<ToolResult> WaitAsync(TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? Bound;
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"zmq {string.Join(' ', _process.StartInfo.ArgumentList.Skip(1))} did not exit within {limit.TotalSeconds} s");
        }
        await _stdout;
        string stdout;
        lock (_stdoutText)
        {
            stdout = _stdoutText.ToString();
        }
        return new ToolResult(_process.ExitCode, stdout, await _stderr);
    }

    /// <summary>Kills the tool if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>Reads stdout as it comes: all of it for <see cref="WaitAsync"/>, and line by line for <see cref="ReadLineAsync"/>.</summary>
    private async Task ReadStdoutAsync()
    {
        var line = new StringBuilder();
        char[] buffer = new char[4096];
        int read;
        while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_stdoutText)
            {
                _stdoutText.Append(buffer, 0, read);
            }
            foreach (char c in buffer.AsSpan(0, read))
            {
                if (c == '\n')
                {
                    _stdoutLines.Writer.TryWrite(line.ToString());
                    line.Clear();
                }
                else
                {
                    line.Append(c);
                }
            }
        }
        _stdoutLines.Writer.TryComplete();
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
