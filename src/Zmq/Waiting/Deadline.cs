using System.Diagnostics;

namespace Zmq.Waiting;

/// <summary>Converts timeouts into <see cref="Stopwatch"/> deadlines as <see cref="Readiness.Wait"/> expects them.</summary>
internal static class Deadline
{
    /// <summary>No waiting at all.</summary>
    public const long Immediate = 0;

    /// <summary>Wait forever.</summary>
    public const long Never = long.MaxValue;

    /// <summary>The deadline <paramref name="timeout"/> from now (<see cref="Timeout.InfiniteTimeSpan"/> = never).</summary>
    public static long After(TimeSpan timeout)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return Never;
        }
        if (timeout <= TimeSpan.Zero)
        {
            return Immediate;
        }
        return Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    }
}
