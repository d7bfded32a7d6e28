using System.Text.RegularExpressions;
using Zmq.Tests.Support;

namespace Zmq.Tests.Cli;

/// <summary>The socket types beyond PUSH/PULL/PAIR, run as child processes against each other and against sockets of this process.</summary>
public class CliPatternTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Req_sends_each_line_and_prints_the_reply_of_an_echoing_rep()
    {
        string endpoint = TestEndpoints.IpcPath();
        await using ZmqTool rep = ZmqTool.Start("rep", "-b", endpoint, "--echo", "-n", "2", "-t", "20");
        rep.CloseStdin();

        ToolResult req = await ZmqTool.RunAsync("ping\nhello\tworld\n", "req", "-c", endpoint, "-t", "20");
        ToolResult replied = await rep.WaitAsync();

        Assert.True(req.ExitCode == 0, req.ToString());
        Assert.True(replied.ExitCode == 0, replied.ToString());
        Assert.Equal(["ping", "hello\tworld"], req.StdoutLines);
        Assert.Equal(["ping", "hello\tworld"], replied.StdoutLines);
    }

    [Fact]
    public async Task Req_with_a_count_stops_after_that_many_replies()
    {
        using var rep = new RepSocket();
        string endpoint = rep.Bind(TestEndpoints.IpcPath());
        await using ZmqTool req = ZmqTool.Start("req", "-c", endpoint, "-n", "1", "-t", "20");
        await req.WriteStdinAsync("one\ntwo\n");

        Assert.Equal(["one"], rep.ReceiveWithin(Patience).Strings());
        rep.Send(new Message("ONE", "1"));
        ToolResult result = await req.WaitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["ONE\t1"], result.StdoutLines);
        Assert.False(rep.TryReceive(TimeSpan.FromMilliseconds(200), out _));
    }

    [Fact]
    public async Task Req_exits_2_when_no_reply_comes_in_time()
    {
        using var rep = new RepSocket();
        string endpoint = rep.Bind(TestEndpoints.IpcPath());

        ToolResult result = await ZmqTool.RunAsync("", "req", "-c", endpoint, "-D", "anyone?", "-t", "0.5", "-l", "0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("zmq: no reply arrived within 0.5 s\n", result.Stderr);
    }

    [Fact]
    public async Task Rep_prints_each_request_and_answers_it_with_the_next_line_of_stdin()
    {
        string endpoint = TestEndpoints.IpcPath();
        await using ZmqTool rep = ZmqTool.Start("rep", "-b", endpoint, "-t", "20");
        using var req = new ReqSocket();
        req.Connect(endpoint);

        req.Send("first?");
        Assert.Equal("first?", await rep.ReadLineAsync());
        await rep.WriteLineAsync("first!\tmore");
        Assert.Equal(["first!", "more"], req.ReceiveWithin(Patience).Strings());
        req.Send("second?");
        Assert.Equal("second?", await rep.ReadLineAsync());
        await rep.WriteStdinAsync("second!\n");
        Assert.Equal(["second!"], req.ReceiveWithin(Patience).Strings());
        req.Send("third?");
        ToolResult result = await rep.WaitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["first?", "second?", "third?"], result.StdoutLines);
    }

    [Fact]
    public async Task Rep_with_data_replies_it_to_every_request()
    {
        string endpoint = TestEndpoints.IpcPath();
        await using ZmqTool rep = ZmqTool.Start("rep", "-b", endpoint, "-D", "ok", "-n", "3", "-t", "20");
        rep.CloseStdin();
        using var req = new ReqSocket();
        req.Connect(endpoint);

        for (int i = 0; i < 3; i++)
        {
            req.Send($"request {i}");
            Assert.Equal(["ok"], req.ReceiveWithin(Patience).Strings());
        }
        ToolResult result = await rep.WaitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["request 0", "request 1", "request 2"], result.StdoutLines);
    }

    [Fact]
    public async Task Router_prints_a_generated_routing_id_in_hex_and_replies_to_it()
    {
        string endpoint = TestEndpoints.IpcPath();
        await using ZmqTool router = ZmqTool.Start("router", "-b", endpoint, "-n", "1", "-t", "20");
        using var dealer = new DealerSocket();
        dealer.Connect(endpoint);

        dealer.Send("hello");
        string line = await router.ReadLineAsync();
        Match printed = Regex.Match(line, "^(0x00[0-9a-f]{8})\thello$");
        Assert.True(printed.Success, $"router printed '{line}'");
        await router.WriteStdinAsync($"{printed.Groups[1].Value}\tworld\t0x00ff\n");
        ToolResult result = await router.WaitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        using Message reply = dealer.ReceiveWithin(Patience);
        Assert.Equal(["world", "\0\xff"], reply.Select(frame => string.Concat(frame.ToArray().Select(b => (char)b))));
    }

    [Fact]
    public async Task Dealer_announces_its_identity_and_prints_what_the_router_sends_it()
    {
        using var router = new RouterSocket();
        string endpoint = router.Bind(TestEndpoints.IpcPath());
        await using ZmqTool dealer = ZmqTool.Start("dealer", "-c", endpoint, "--identity", "worker-1", "-n", "1", "-t", "20");
        await dealer.WriteStdinAsync("hi\n");

        Assert.Equal(["worker-1", "hi"], router.ReceiveWithin(Patience).Strings());
        router.Send(new Message("worker-1", "back", "again"));
        ToolResult result = await dealer.WaitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["back\tagain"], result.StdoutLines);
    }

    [Fact]
    public async Task Dealer_talks_to_rep_with_an_empty_delimiter_frame()
    {
        using var rep = new RepSocket();
        string endpoint = rep.Bind(TestEndpoints.IpcPath());
        await using ZmqTool dealer = ZmqTool.Start("dealer", "-c", endpoint, "-n", "1", "-t", "20");
        await dealer.WriteStdinAsync("\tquestion\n");

        Assert.Equal(["question"], rep.ReceiveWithin(Patience).Strings());
        rep.Send("answer");
        ToolResult result = await dealer.WaitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["\tanswer"], result.StdoutLines);
    }

    [Fact]
    public async Task Router_reports_a_line_for_an_unknown_peer_as_an_error()
    {
        ToolResult result = await ZmqTool.RunAsync("nobody\thello\n", "router", "-b", TestEndpoints.IpcPath());

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("zmq: ROUTER: no peer with routing id 'nobody'\n", result.Stderr);
    }

    [Fact]
    public async Task Sub_prints_only_the_messages_that_start_with_its_prefixes()
    {
        using var pub = new PubSocket();
        string endpoint = pub.Bind(TestEndpoints.IpcPath());
        await using ZmqTool sub = ZmqTool.Start("sub", "-c", endpoint, "-s", "weather", "--subscribe", "0x00ff", "-n", "6", "-t", "20");
        sub.CloseStdin();

        // PUB drops what it publishes before a subscription arrives: publish until the sub is done.
        Task<ToolResult> done = sub.WaitAsync();
        var binary = new byte[] { 0x00, 0xFF, 0x01 };
        while (!done.IsCompleted)
        {
            pub.Send(new Message("sports", "goal"));
            pub.Send(new Message("weather", "sun"));
            using (var message = new Message())
            {
                pub.Send(message.Add(binary).Add("bin"));
            }
            await Task.WhenAny(done, Task.Delay(20));
        }
        ToolResult result = await done;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(6, result.StdoutLines.Length);
        Assert.All(result.StdoutLines, line => Assert.Contains(line, new[] { "weather\tsun", "0x00ff01\tbin" }));
        Assert.Contains("0x00ff01\tbin", result.StdoutLines);
    }

    [Fact]
    public async Task Pub_publishes_its_lines_to_subscribers()
    {
        using var sub = new SubSocket();
        sub.Subscribe("news");
        string endpoint = sub.Bind(TestEndpoints.IpcPath());

        // Publishing repeatedly, so one message arrives whenever the subscription does.
        await using ZmqTool pub = ZmqTool.Start("pub", "-c", endpoint, "-D", "news\thello", "-n", "100", "-i", "0.02");
        pub.CloseStdin();

        Assert.Equal(["news", "hello"], sub.ReceiveWithin(Patience).Strings());
        ToolResult result = await pub.WaitAsync();
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Xsub_sends_its_subscriptions_upstream_and_prints_what_matches()
    {
        using var xpub = new XPubSocket();
        string endpoint = xpub.Bind(TestEndpoints.IpcPath());
        await using ZmqTool xsub = ZmqTool.Start("xsub", "-c", endpoint, "-s", "news", "-n", "1", "-t", "20");
        xsub.CloseStdin();

        Assert.Equal("\u0001news", xpub.ReceiveWithin(Patience).GetString(0));
        xpub.Send(new Message("sports", "goal"));
        xpub.Send(new Message("news", "flash"));
        ToolResult result = await xsub.WaitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["news\tflash"], result.StdoutLines);
    }

    [Fact]
    public async Task Xpub_prints_the_subscriptions_that_arrive_and_publishes_its_lines()
    {
        string endpoint = TestEndpoints.IpcPath();
        await using ZmqTool xpub = ZmqTool.Start("xpub", "-b", endpoint, "-n", "1", "-t", "20");
        using var sub = new SubSocket();
        sub.Subscribe("topic");
        sub.Connect(endpoint);

        Assert.Equal("0x01746f706963", await xpub.ReadLineAsync());
        await xpub.WriteStdinAsync("topic\tyes\n");
        ToolResult result = await xpub.WaitAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["topic", "yes"], sub.ReceiveWithin(Patience).Strings());
    }
}
