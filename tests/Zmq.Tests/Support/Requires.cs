namespace Zmq.Tests.Support;

/// <summary>
/// Preconditions for tests that need an external peer. Outside CI a missing peer skips the test
/// with the reason; under <c>CI=true</c> it fails, so CI can never pass by skipping.
/// </summary>
public static class Requires
{
    /// <summary>The Debian interpreter that has python3-zmq.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> s_pyzmqProblem = new(ProbePyzmq);

    /// <summary>True under CI (the environment variable CI is "true").</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (or, under CI, fails) unless /usr/bin/python3 can import zmq.</summary>
    public static void PyZmq()
    {
        if (s_pyzmqProblem.Value is { } problem)
        {
            Unavailable($"libzmq peer unavailable: {problem} (install with: apt-get install -y python3-zmq)");
        }
    }

    /// <summary>Skips (or, under CI, fails) with <paramref name="reason"/>.</summary>
    public static void Unavailable(string reason)
    {
        if (IsCi)
        {
            Assert.Fail("required under CI=true: " + reason);
        }
        Assert.Skip(reason);
    }

    private static string? ProbePyzmq()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} not found";
        }
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Python, ["-c", "import zmq"])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill();
                return "python3 -c 'import zmq' did not finish";
            }
            return process.ExitCode == 0 ? null : "python3 cannot import zmq";
        }
        catch (Exception error)
        {
            return error.Message;
        }
    }
}
