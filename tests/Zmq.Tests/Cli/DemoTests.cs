using Zmq.Cli.Demo;

namespace Zmq.Tests.Cli;

public class DemoTests
{
    [Fact]
    public async Task Demo_delivers_every_pattern_over_every_transport_and_prints_a_table()
    {
        ToolResult result = await ZmqTool.RunAsync("", "demo", "--count", "2000");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        foreach (DemoPattern pattern in DemoPatterns.All)
        {
            string burst = pattern.BurstSize(2000).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
            foreach (DemoTransport transport in DemoTransports.All)
            {
                string row = Assert.Single(result.StdoutLines, line => line.StartsWith(pattern.Name + " ") && line.Contains($" {transport.Name()} "));
                Assert.Matches($@" ok\s+{burst} of {burst}\s+yes\s+\d+\.\d{{3}} s\s+[\d,]+\s+\d+\.\d µs\s+ok$", row);
            }
        }
        Assert.Contains($"All {DemoPatterns.All.Count * DemoTransports.All.Count} runs delivered every message, in order.", result.Stdout);
    }

    [Fact]
    public async Task Demo_peer_is_a_hidden_command_that_rejects_bad_arguments()
    {
        ToolResult result = await ZmqTool.RunAsync("", "demo-peer", "no-such-pattern", "5", "tcp://127.0.0.1:1");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("zmq: demo-peer is used by zmq demo", result.Stderr);
    }

    [Fact]
    public void The_demo_shows_every_standard_pattern()
    {
        Assert.Equal(
            ["PUSH -> PULL", "PAIR <-> PAIR", "REQ <-> REP", "DEALER <-> ROUTER", "PUB -> 2 SUBs", "PUB -> proxy -> SUB"],
            DemoPatterns.All.Select(pattern => pattern.Name));
    }

    [Fact]
    public void Round_trip_patterns_send_a_smaller_burst()
    {
        Assert.Equal(5_000, DemoPatterns.Find("req-rep")!.BurstSize(100_000));
        Assert.Equal(1, DemoPatterns.Find("req-rep")!.BurstSize(3));
        Assert.Equal(100_000, DemoPatterns.Find("push-pull")!.BurstSize(100_000));
    }

    [Fact]
    public void Every_pattern_has_a_unique_key_and_name()
    {
        Assert.Equal(DemoPatterns.All.Count, DemoPatterns.All.Select(p => p.Key).Distinct().Count());
        Assert.Equal(DemoPatterns.All.Count, DemoPatterns.All.Select(p => p.Name).Distinct().Count());
        Assert.All(DemoPatterns.All, p => Assert.Same(p, DemoPatterns.Find(p.Key)));
    }

    [Fact]
    public void Each_pattern_runs_in_process_over_inproc()
    {
        foreach (DemoPattern pattern in DemoPatterns.All)
        {
            DemoResult result = DemoRun.Run(pattern, DemoTransport.Inproc, 500);

            Assert.True(result.Delivered, $"{pattern.Name}: {result.Problems}");
            Assert.Equal(pattern.BurstSize(500), result.Tally.Received);
        }
    }
}
