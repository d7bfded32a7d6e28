using System.Globalization;

namespace Zmq.Cli;

/// <summary>Durations in messages, in seconds as the user writes them.</summary>
internal static class Seconds
{
    /// <summary><paramref name="duration"/> in seconds, with up to three decimals and none when whole (<c>5</c>, <c>0.5</c>).</summary>
    public static string Format(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
