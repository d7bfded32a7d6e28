using System.Globalization;

namespace Zmq.Cli.Demo;

/// <summary>Prints the demo's table a row at a time, as runs finish, in columns sized for the burst count.</summary>
internal sealed class DemoTable(TextWriter output, int count)
{
    private readonly int _patternWidth = Math.Max("pattern".Length, DemoPatterns.All.Max(pattern => pattern.Name.Length));
    private readonly int _receivedWidth = Received(count, count).Length;
    private readonly int _rateWidth = Math.Max("msg/s".Length, "10,000,000".Length);
    private readonly int _eachWidth = "1000.0 µs".Length;

    /// <summary>Writes the column titles and a rule.</summary>
    public void WriteHeader()
    {
        WriteRow("pattern", "transport", "hello", "received", "in order", "time", "msg/s", "per msg", "result");
        WriteRow(Rule(_patternWidth), Rule(9), Rule(5), Rule(_receivedWidth), Rule(8), Rule(9), Rule(_rateWidth), Rule(_eachWidth), Rule(6));
    }

    /// <summary>Writes the row of <paramref name="result"/>.</summary>
    public void Write(DemoResult result)
    {
        Tally tally = result.Tally;
        bool timed = tally.Received == tally.Expected && tally.Elapsed > TimeSpan.Zero;
        WriteRow(
            result.Pattern.Name,
            result.Transport.Name(),
            tally.Greeted ? "ok" : "NO",
            Received(tally.Received, tally.Expected),
            !tally.Greeted ? "-" : tally.InOrder ? "yes" : "NO",
            timed ? tally.Elapsed.TotalSeconds.ToString("0.000 s", CultureInfo.InvariantCulture) : "-",
            timed ? (tally.Expected / tally.Elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture) : "-",
            timed ? (tally.Elapsed.TotalMicroseconds / tally.Expected).ToString("0.0 µs", CultureInfo.InvariantCulture) : "-",
            result.Delivered ? "ok" : "FAILED");
        output.Flush();
    }

    private void WriteRow(string pattern, string transport, string greeting, string received, string inOrder, string time, string rate, string each, string result) =>
        output.WriteLine(
            $"{pattern.PadRight(_patternWidth)}  {transport,-9}  {greeting,-5}  {received.PadLeft(_receivedWidth)}  " +
            $"{inOrder,-8}  {time,9}  {rate.PadLeft(_rateWidth)}  {each.PadLeft(_eachWidth)}  {result}");

    private static string Received(int received, int expected) =>
        string.Create(CultureInfo.InvariantCulture, $"{received:N0} of {expected:N0}");

    private static string Rule(int width) => new('-', width);
}
