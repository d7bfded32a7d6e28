using System.Globalization;
using Zmq.Tests.Support;

namespace Zmq.Tests.Cli;

/// <summary>
/// <c>zmq perf</c> keeps the shared benchmark harness's peer contract (../shared/bench/peers/README.md):
/// the roles, one RESULT line with the keys the harness reads, and the exit codes. The figures
/// themselves are measured by the harness, never judged here.
/// </summary>
public class PerfCommandTests
{
    [Theory]
    [InlineData("inproc://perf-thr-test", 16)]
    [InlineData("inproc://perf-thr-large", 65536)]
    public async Task Thr_both_prints_one_result_line_with_the_harness_keys(string endpoint, int size)
    {
        ToolResult run = await ZmqTool.RunAsync("", "perf", "thr", "both", endpoint, size.ToString(CultureInfo.InvariantCulture), "2000");

        Assert.True(run.ExitCode == 0, run.ToString());
        Dictionary<string, string> result = ResultLine(run);
        Assert.Equal("zmq", result["peer"]);
        Assert.Equal("thr", result["workload"]);
        Assert.Equal("inproc", result["transport"]);
        Assert.Equal(size.ToString(CultureInfo.InvariantCulture), result["size"]);
        Assert.Equal("2000", result["count"]);
        Assert.True(Number(result, "msgs_per_s") > 0, run.ToString());
        Assert.True(Number(result, "MB_per_s") > 0, run.ToString());
        Assert.True(Number(result, "elapsed_s") > 0, run.ToString());
    }

    [Fact]
    public async Task Thr_recv_and_send_in_two_processes_over_tcp_measure_on_the_receiver()
    {
        string endpoint = $"tcp://127.0.0.1:{TestEndpoints.FreeTcpPort()}";
        await using ZmqTool receiver = ZmqTool.Start("perf", "thr", "recv", endpoint, "4096", "3000");
        receiver.CloseStdin();

        ToolResult sent = await ZmqTool.RunAsync("", "perf", "thr", "send", endpoint, "4096", "3000");
        ToolResult received = await receiver.WaitAsync();

        Assert.True(sent.ExitCode == 0, sent.ToString());
        Assert.Equal("", sent.Stdout);
        Assert.True(received.ExitCode == 0, received.ToString());
        Assert.Equal("tcp", ResultLine(received)["transport"]);
    }

    [Fact]
    public async Task Lat_both_prints_percentiles_in_order()
    {
        ToolResult run = await ZmqTool.RunAsync("", "perf", "lat", "both", "inproc://perf-lat-test", "16", "500");

        Assert.True(run.ExitCode == 0, run.ToString());
        Dictionary<string, string> result = ResultLine(run);
        Assert.Equal("lat", result["workload"]);
        double p50 = Number(result, "lat_us_p50");
        double p99 = Number(result, "lat_us_p99");
        double max = Number(result, "lat_us_max");
        Assert.True(p50 > 0 && p50 <= p99 && p99 <= max, run.ToString());
        Assert.True(Number(result, "rtt_us_mean") > 0, run.ToString());
    }

    [Theory]
    [InlineData("thr", "recv", "tcp://127.0.0.1:1", "16")]
    [InlineData("thr", "both", "inproc://x", "-1")]
    [InlineData("nope", "both", "inproc://x", "16")]
    public async Task Bad_arguments_exit_1_with_the_usage(string workload, string role, string endpoint, string size)
    {
        ToolResult run = await ZmqTool.RunAsync("", "perf", workload, role, endpoint, size);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("usage: zmq perf", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Alloc_reports_every_pattern_transport_and_size()
    {
        ToolResult run = await ZmqTool.RunAsync("", "perf", "alloc", "2000");

        Assert.True(run.ExitCode == 0, run.ToString());
        var cases = run.StdoutLines.Select(Fields).ToList();
        Assert.Equal(18, cases.Count);
        foreach (string transport in new[] { "inproc", "ipc", "tcp" })
        {
            foreach (string size in new[] { "16", "256", "65536" })
            {
                foreach (string pattern in new[] { "pushpull", "reqrep" })
                {
                    Assert.Single(cases, c => c["transport"] == transport && c["size"] == size && c["pattern"] == pattern);
                }
            }
        }
        Assert.All(cases, c => Assert.True(Number(c, "bytes_per_msg") >= 0));
    }

    private static Dictionary<string, string> ResultLine(ToolResult run)
    {
        string line = Assert.Single(run.StdoutLines);
        Assert.StartsWith("RESULT ", line);
        return Fields(line);
    }

    /// <summary>The <c>key=value</c> fields after the first word of a line.</summary>
    private static Dictionary<string, string> Fields(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(field => field.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);

    private static double Number(Dictionary<string, string> fields, string key) =>
        double.Parse(fields[key], NumberStyles.Float, CultureInfo.InvariantCulture);
}
