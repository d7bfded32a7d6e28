using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Zmq.Tests.Samples;

/// <summary>
/// Runs each program of samples/ (built next to the tests through project references) as
/// <c>dotnet SAMPLE.dll</c>, and checks that it ends by itself, successfully, saying what it should.
/// </summary>
public class SampleTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    // Each sample runs once, however many tests look at its output.
    private static readonly ConcurrentDictionary<string, Lazy<Task<(int ExitCode, string Stdout, string Stderr)>>> s_runs = new();

    [Theory]
    [InlineData("InprocPubSub", "done: the subscriber saw only the cities it subscribed to.")]
    [InlineData("Rpc", "client: add 2 3       -> 5 ")]
    [InlineData("WorkQueue", "sink:       all 12 tasks in ")]
    [InlineData("AsyncService", "done: every request got its reply")]
    [InlineData("EventBroker", "broker:  stopped; forwarded ")]
    [InlineData("Secure", "stranger: refused (tcp://127.0.0.1:")]
    [InlineData("Secure", "done: only the trusted client got in.")]
    public async Task A_sample_runs_to_its_end_and_says_so(string sample, string expected)
    {
        (int exitCode, string stdout, string stderr) = await RunAsync(sample);

        Assert.True(exitCode == 0, $"exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Contains(expected, stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task The_inproc_subscriber_gets_only_its_topics()
    {
        (_, string stdout, _) = await RunAsync("InprocPubSub");
        string[] received = [.. Lines(stdout).Where(line => line.StartsWith("subscriber: weather/", StringComparison.Ordinal))];

        Assert.Equal(6, received.Length);
        Assert.All(received, line => Assert.Matches("^subscriber: weather/(paris|oslo) ", line));
    }

    [Fact]
    public async Task The_two_process_pubsub_sample_runs_over_tcp_and_ipc()
    {
        (int exitCode, string stdout, string stderr) = await RunAsync("PubSub");

        Assert.True(exitCode == 0, $"exit {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Single(Lines(stdout), line => line.StartsWith("publisher:  bound to tcp://127.0.0.1:", StringComparison.Ordinal));
        Assert.Single(Lines(stdout), line => line.StartsWith("publisher:  bound to ipc://", StringComparison.Ordinal));
        Assert.Equal(2, Lines(stdout).Count(line => line.StartsWith("subscriber: end; received ", StringComparison.Ordinal)));
        Assert.DoesNotContain(Lines(stdout), line => line.StartsWith("subscriber: sports", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_async_service_answers_every_request()
    {
        (_, string stdout, _) = await RunAsync("AsyncService");

        Assert.Equal(10, Lines(stdout).Count(line => line.Contains(": got '", StringComparison.Ordinal)));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string sample) =>
        s_runs.GetOrAdd(sample, name => new Lazy<Task<(int, string, string)>>(() => RunOnceAsync(name))).Value;

    /// <summary>Runs <c>dotnet SAMPLE.dll</c> from the test's directory, killing it (and failing) after <see cref="Bound"/>.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunOnceAsync(string sample)
    {
        string program = Path.Combine(AppContext.BaseDirectory, sample + ".dll");
        Assert.True(File.Exists(program), $"{program} was not built");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(program);
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Bound);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{sample} did not end within {Bound.TotalSeconds} s; output so far:\n{await stdout}");
        }
        return (process.ExitCode, (await stdout).Replace("\r\n", "\n", StringComparison.Ordinal), await stderr);
    }
}
