using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Zmq.Tests.Support;

namespace Zmq.Tests.Cli;

/// <summary><c>zmq proxy</c> run as a child process between sockets of this process.</summary>
public class CliProxyTests
{
    private const int SigTerm = 15;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_xsub_xpub_proxy_carries_events_and_stops_on_terminate()
    {
        string frontend = TestEndpoints.IpcPath();
        string backend = TestEndpoints.IpcPath();
        string control = TestEndpoints.IpcPath();
        await using ZmqTool proxy = ZmqTool.Start("proxy", "--frontend", $"xsub@{frontend}", "--backend", $"xpub@{backend}", "--control", $"pull@{control}");
        proxy.CloseStdin();
        Assert.Equal($"frontend  xsub    bound to {frontend}", await proxy.ReadLineAsync());
        Assert.Equal($"backend   xpub    bound to {backend}", await proxy.ReadLineAsync());
        Assert.Equal($"control   pull    bound to {control}", await proxy.ReadLineAsync());
        Assert.StartsWith("proxy running", await proxy.ReadLineAsync());

        using var pub = new PubSocket();
        pub.Connect(frontend);
        using var sub = new SubSocket();
        sub.Subscribe("news");
        sub.Connect(backend);
        // The subscription travels sub -> xpub -> proxy -> xsub -> pub; until it arrives the pub drops: publish until received.
        using Message received = await PublishUntilReceivedAsync(pub, sub, () => new Message("news", "flash"));
        Assert.Equal(["news", "flash"], received.Strings());

        using var steer = new PushSocket();
        steer.Connect(control);
        steer.Send("TERMINATE");
        ToolResult result = await proxy.WaitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^proxy stopped: forwarded [1-9][\d,]* message\(s\) \([\d,]+ bytes\) frontend -> backend and [1-9][\d,]* \([\d,]+ bytes\) backend -> frontend$", result.StdoutLines[^1]);
    }

    [Fact]
    public async Task A_router_dealer_proxy_on_ephemeral_ports_carries_requests_and_replies_and_stops_on_sigterm()
    {
        await using ZmqTool proxy = ZmqTool.Start("proxy", "--frontend", "router@tcp://127.0.0.1:*", "--backend", "dealer@tcp://127.0.0.1:*");
        proxy.CloseStdin();
        string frontend = BoundEndpoint(await proxy.ReadLineAsync(), "frontend", "router");
        string backend = BoundEndpoint(await proxy.ReadLineAsync(), "backend", "dealer");
        Assert.Equal("proxy running: Ctrl+C stops it", await proxy.ReadLineAsync());

        using var worker = new RepSocket();
        worker.Connect(backend);
        using var client = new ReqSocket();
        client.Connect(frontend);
        client.Send("2 + 2");
        Assert.Equal(["2 + 2"], worker.ReceiveWithin(Patience).Strings());
        worker.Send("4");
        Assert.Equal(["4"], client.ReceiveWithin(Patience).Strings());

        Assert.Equal(0, Kill(proxy.ProcessId, SigTerm));
        ToolResult result = await proxy.WaitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("proxy stopped: forwarded 1 message(s)", result.StdoutLines[^1]);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task A_connecting_end_is_written_with_a_greater_than_sign()
    {
        using var upstream = new PushSocket();
        string feed = upstream.Bind(TestEndpoints.IpcPath());
        using var downstream = new PullSocket();
        string sink = downstream.Bind(TestEndpoints.IpcPath());
        await using ZmqTool proxy = ZmqTool.Start("proxy", "--frontend", $"pull>{feed}", "--backend", $"push@>{sink}");
        proxy.CloseStdin();
        Assert.Equal($"frontend  pull    connected to {feed}", await proxy.ReadLineAsync());
        Assert.Equal($"backend   push    connected to {sink}", await proxy.ReadLineAsync());

        upstream.Send("work");
        Assert.Equal(["work"], downstream.ReceiveWithin(Patience).Strings());
        Assert.Equal(0, Kill(proxy.ProcessId, SigTerm));
        Assert.Equal(0, (await proxy.WaitAsync()).ExitCode);
    }

    [Theory]
    [InlineData(new[] { "--frontend", "xsub@tcp://127.0.0.1:1" }, "zmq: proxy needs --backend TYPE@EP (see zmq proxy --help)")]
    [InlineData(new[] { "--backend", "xpub@tcp://127.0.0.1:1" }, "zmq: proxy needs --frontend TYPE@EP")]
    [InlineData(new[] { "--frontend", "pub@tcp://*:1", "--backend", "xpub@tcp://*:2" }, "zmq: option --frontend: the proxy receives from its frontend, and pub sockets cannot receive (use one of pull, ")]
    [InlineData(new[] { "--frontend", "xsub@tcp://*:1", "--backend", "sub@tcp://*:2" }, "zmq: option --backend: the proxy sends to its backend, and sub sockets cannot send")]
    [InlineData(new[] { "--frontend", "xsub@tcp://*:1", "--backend", "xpub@tcp://*:2", "--capture", "pull@tcp://*:3" }, "zmq: option --capture: the proxy sends to its capture, and pull sockets cannot send")]
    [InlineData(new[] { "--frontend", "xsub@tcp://*:1", "--backend", "xpub@tcp://*:2", "--control", "push@tcp://*:3" }, "zmq: option --control: the proxy receives from its control, and push sockets cannot receive")]
    [InlineData(new[] { "--frontend", "frob@tcp://*:1", "--backend", "xpub@tcp://*:2" }, "zmq: option --frontend: unknown socket type 'frob' (one of push, pull, ")]
    [InlineData(new[] { "--frontend", "tcp://*:1", "--backend", "xpub@tcp://*:2" }, "zmq: option --frontend needs TYPE@EP (bind) or TYPE>EP (connect), such as xsub@tcp://*:5559, not 'tcp://*:1'")]
    [InlineData(new[] { "--frontend", "xsub@", "--backend", "xpub@tcp://*:2" }, "zmq: option --frontend needs TYPE@EP")]
    [InlineData(new[] { "--frontend", "xsub@tcp://*:1", "--frontend", "xsub@tcp://*:2" }, "zmq: option --frontend is given twice")]
    [InlineData(new[] { "--frontend", "xsub@tcp://*:1", "--backend", "xpub@tcp://*:2", "-b", "x" }, "zmq: unknown option '-b' for proxy")]
    [InlineData(new[] { "--frontend", "xsub@tcp://nope", "--backend", "xpub@tcp://127.0.0.1:*" }, "zmq: invalid endpoint 'tcp://nope'")]
    public async Task Bad_proxy_arguments_exit_1_naming_the_problem(string[] args, string expected)
    {
        ToolResult result = await ZmqTool.RunAsync("", ["proxy", .. args]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(expected, result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Proxy_help_explains_the_socket_syntax()
    {
        ToolResult result = await ZmqTool.RunAsync("", "proxy", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("usage: zmq proxy --frontend TYPE@EP --backend TYPE@EP", result.Stdout);
        Assert.Contains("TYPE@EP binds EP; TYPE>EP (or TYPE@>EP) connects to EP", result.Stdout);
    }

    private static async Task<Message> PublishUntilReceivedAsync(PubSocket pub, SubSocket sub, Func<Message> create)
    {
        DateTime deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            pub.Send(create());
            if (sub.TryReceive(TimeSpan.FromMilliseconds(20), out Message? message))
            {
                return message;
            }
            await Task.Yield();
        }
        Assert.Fail($"nothing came through the proxy within {Patience.TotalSeconds} s");
        throw new InvalidOperationException();
    }

    private static string BoundEndpoint(string line, string role, string type)
    {
        Match match = Regex.Match(line, $@"^{role}\s+{type}\s+bound to (tcp://127\.0\.0\.1:\d+)$");
        Assert.True(match.Success, $"unexpected line '{line}'");
        return match.Groups[1].Value;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
