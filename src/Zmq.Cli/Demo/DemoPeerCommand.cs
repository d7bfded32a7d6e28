using System.Globalization;

namespace Zmq.Cli.Demo;

/// <summary>
/// <c>zmq demo-peer KEY COUNT ENDPOINT...</c>, the hidden command the demo starts for its ipc and
/// tcp runs: plays the peer side of the pattern <c>KEY</c> for a burst of <c>COUNT</c>, connecting to the endpoints. Exits 0 when its part is done; otherwise
/// prints one line on stderr (which the demo shows) and exits 1.
/// </summary>
internal static class DemoPeerCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "demo-peer";

    /// <summary>Runs the peer side described by <paramref name="args"/> (after <c>demo-peer</c>).</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count < 3
            || DemoPatterns.Find(args[0]) is not { } pattern
            || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
        {
            throw CliException.Usage($"{Name} is used by zmq demo: {Name} PATTERN COUNT ENDPOINT...");
        }
        try
        {
            pattern.RunPeer([.. args.Skip(2)], count);
        }
        catch (TimeoutException error)
        {
            throw CliException.Usage(error.Message);
        }
        return ExitCodes.Success;
    }
}
