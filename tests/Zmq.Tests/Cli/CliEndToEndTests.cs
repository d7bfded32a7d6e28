using Zmq.Tests.Support;

namespace Zmq.Tests.Cli;

/// <summary>The zmq tool run as child processes, against each other and against sockets of the library in this process.</summary>
public class CliEndToEndTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Pull_prints_what_push_reads_from_stdin_one_message_per_line()
    {
        string endpoint = TestEndpoints.IpcPath();
        await using ZmqTool pull = ZmqTool.Start("pull", "-b", endpoint, "-n", "3");
        pull.CloseStdin();

        ToolResult push = await ZmqTool.RunAsync("topic\thello\nsingle\na\t\tc\n", "push", "-c", endpoint);
        ToolResult pulled = await pull.WaitAsync();

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.True(pulled.ExitCode == 0, pulled.ToString());
        Assert.Equal(["topic\thello", "single", "a\t\tc"], pulled.StdoutLines);
        Assert.Equal("", pulled.Stderr);
    }

    [Fact]
    public async Task Plain_client_with_the_right_password_reaches_a_plain_server_and_a_wrong_one_does_not()
    {
        string endpoint = TestEndpoints.IpcPath();
        await using ZmqTool pull = ZmqTool.Start("pull", "-b", endpoint, "--plain-server", "admin:secret", "--plain-server", "guest:guest", "-n", "2");
        pull.CloseStdin();

        ToolResult refused = await ZmqTool.RunAsync("", "push", "-c", endpoint, "--plain", "admin:guess", "-D", "intruder", "-l", "1");
        ToolResult admin = await ZmqTool.RunAsync("", "push", "-c", endpoint, "--plain", "admin:secret", "-D", "from admin");
        ToolResult guest = await ZmqTool.RunAsync("", "push", "-c", endpoint, "--plain", "guest:guest", "-D", "from guest");
        ToolResult pulled = await pull.WaitAsync();

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("not delivered", refused.Stderr);
        Assert.True(admin.ExitCode == 0, admin.ToString());
        Assert.True(guest.ExitCode == 0, guest.ToString());
        Assert.True(pulled.ExitCode == 0, pulled.ToString());
        Assert.Equal(["from admin", "from guest"], pulled.StdoutLines);
    }

    [Fact]
    public async Task Curve_client_knowing_the_server_key_reaches_a_curve_server_and_one_with_another_key_does_not()
    {
        CurveKeyPair server = CurveKeyPair.Generate();
        string endpoint = TestEndpoints.IpcPath();
        await using ZmqTool pull = ZmqTool.Start("pull", "-b", endpoint, "--curve-server", server.SecretKeyZ85, "-n", "1");
        pull.CloseStdin();

        ToolResult wrong = await ZmqTool.RunAsync("", "push", "-c", endpoint, "--curve", CurveKeyPair.Generate().PublicKeyZ85, "-D", "intruder", "-l", "1");
        ToolResult right = await ZmqTool.RunAsync("", "push", "-c", endpoint, "--curve", server.PublicKeyZ85, "-D", "encrypted\tparts");
        ToolResult pulled = await pull.WaitAsync();

        Assert.True(wrong.ExitCode == 2, wrong.ToString());
        Assert.True(right.ExitCode == 0, right.ToString());
        Assert.True(pulled.ExitCode == 0, pulled.ToString());
        Assert.Equal(["encrypted\tparts"], pulled.StdoutLines);
    }

    [Fact]
    public async Task Push_sends_tabs_as_frames_and_0x_fields_as_bytes()
    {
        using var pull = new PullSocket();
        string endpoint = pull.Bind(TestEndpoints.IpcPath());

        ToolResult push = await ZmqTool.RunAsync("topic\t\t0x00ff\n0x\tplain\n", "push", "-c", endpoint);

        Assert.True(push.ExitCode == 0, push.ToString());
        using Message first = pull.ReceiveWithin(Patience);
        using Message second = pull.ReceiveWithin(Patience);
        Assert.Equal(["topic", "", "\0\xff"], Frames(first).Select(f => string.Concat(f.Select(b => (char)b))));
        Assert.Equal([[], "plain"u8.ToArray()], Frames(second));
    }

    [Fact]
    public async Task Pull_prints_binary_frames_as_0x_hex()
    {
        string endpoint = $"tcp://127.0.0.1:{TestEndpoints.FreeTcpPort()}";
        await using ZmqTool pull = ZmqTool.Start("pull", "-b", endpoint, "-n", "2");
        pull.CloseStdin();
        using var push = new PushSocket();
        push.Connect(endpoint);

        using var binary = new Message("key");
        binary.Add([0x00, 0x01, 0xFE]);
        binary.Add("");
        push.Send(binary);
        push.Send(new Message("0x41 is text here", "tab\tinside"));
        ToolResult pulled = await pull.WaitAsync();

        Assert.True(pulled.ExitCode == 0, pulled.ToString());
        Assert.Equal(["key\t0x0001fe\t", "0x41 is text here\t0x74616209696e73696465"], pulled.StdoutLines);
    }

    [Fact]
    public async Task Json_lines_carry_frames_as_arrays_of_strings()
    {
        string endpoint = $"tcp://127.0.0.1:{TestEndpoints.FreeTcpPort()}";
        await using ZmqTool pull = ZmqTool.Start("pull", "-J", "-b", endpoint, "-n", "2");
        pull.CloseStdin();

        ToolResult push = await ZmqTool.RunAsync("[\"topic\",\"héllo\",\"\"]\n\n[\"0xff00\"]\n", "push", "--jsonl", "-c", endpoint);
        ToolResult pulled = await pull.WaitAsync();

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.True(pulled.ExitCode == 0, pulled.ToString());
        Assert.Equal(["[\"topic\",\"héllo\",\"\"]", "[\"0xff00\"]"], pulled.StdoutLines);
    }

    [Fact]
    public async Task Data_is_sent_count_times()
    {
        using var pull = new PullSocket();
        string endpoint = pull.Bind(TestEndpoints.IpcPath());

        ToolResult push = await ZmqTool.RunAsync("", "push", "-c", endpoint, "-D", "a\tb", "-n", "3", "-i", "0.01");

        Assert.True(push.ExitCode == 0, push.ToString());
        for (int i = 0; i < 3; i++)
        {
            using Message message = pull.ReceiveWithin(Patience);
            Assert.Equal(["a", "b"], message.Strings());
        }
        Assert.False(pull.TryReceive(TimeSpan.FromMilliseconds(100), out _));
    }

    [Fact]
    public async Task Pair_sends_and_receives_both_ways()
    {
        string endpoint = TestEndpoints.IpcPath();
        await using ZmqTool bound = ZmqTool.Start("pair", "-b", endpoint, "-n", "2", "-t", "20");
        await using ZmqTool connected = ZmqTool.Start("pair", "-c", endpoint, "-n", "2", "-t", "20");

        await bound.WriteStdinAsync("from bound 1\nfrom bound 2\n");
        await connected.WriteStdinAsync("from connected\tsecond frame\nagain\n");
        ToolResult boundResult = await bound.WaitAsync();
        ToolResult connectedResult = await connected.WaitAsync();

        Assert.True(boundResult.ExitCode == 0, boundResult.ToString());
        Assert.True(connectedResult.ExitCode == 0, connectedResult.ToString());
        Assert.Equal(["from connected\tsecond frame", "again"], boundResult.StdoutLines);
        Assert.Equal(["from bound 1", "from bound 2"], connectedResult.StdoutLines);
    }

    [Fact]
    public async Task Pair_without_a_count_sends_its_input_and_stops_at_its_end()
    {
        using var peer = new PairSocket();
        string endpoint = peer.Bind(TestEndpoints.IpcPath());

        ToolResult result = await ZmqTool.RunAsync("one\ntwo\n", "pair", "-c", endpoint);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["one"], peer.ReceiveWithin(Patience).Strings());
        Assert.Equal(["two"], peer.ReceiveWithin(Patience).Strings());
    }

    [Fact]
    public async Task A_receive_timeout_exits_2()
    {
        await using ZmqTool pull = ZmqTool.Start("pull", "-b", TestEndpoints.IpcPath(), "-t", "0.5");
        pull.CloseStdin();

        ToolResult result = await pull.WaitAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("zmq: no message arrived within 0.5 s\n", result.Stderr);
    }

    [Fact]
    public async Task A_sender_whose_peer_never_comes_exits_2_after_the_linger()
    {
        ToolResult result = await ZmqTool.RunAsync("lost\n", "push", "-c", TestEndpoints.IpcPath(), "-l", "0.3");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no peer connected within the linger time of 0.3 s", result.Stderr);
    }

    [Fact]
    public async Task A_send_timeout_exits_2()
    {
        // A bound PUSH has no peer to queue for until one connects: the send waits, then times out.
        ToolResult result = await ZmqTool.RunAsync("", "push", "-b", TestEndpoints.IpcPath(), "-D", "x", "-t", "0.3");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("zmq: could not send within 0.3 s: no peer took the message\n", result.Stderr);
    }

    [Theory]
    [InlineData("tcp://nope", "zmq: invalid endpoint 'tcp://nope': missing ':port'")]
    [InlineData("udp://127.0.0.1:5555", "unsupported transport 'udp'")]
    [InlineData("nonsense", "invalid endpoint 'nonsense'")]
    public async Task A_bad_endpoint_exits_1_with_one_line_on_stderr(string endpoint, string expected)
    {
        ToolResult result = await ZmqTool.RunAsync("", "pull", "-b", endpoint);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.StartsWith("zmq: ", result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task An_address_in_use_exits_1()
    {
        using var holder = new PullSocket();
        string endpoint = holder.Bind("tcp://127.0.0.1:*");

        ToolResult result = await ZmqTool.RunAsync("", "pull", "-b", endpoint);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"zmq: cannot bind '{endpoint}': the address is already in use\n", result.Stderr);
    }

    [Theory]
    [InlineData(new[] { "frobnicate" }, "zmq: unknown command 'frobnicate' (see zmq --help)")]
    [InlineData(new string[0], "zmq: missing command")]
    [InlineData(new[] { "pull", "-b", "tcp://*:1", "--bogus" }, "zmq: unknown option '--bogus' for pull (see zmq pull --help)")]
    [InlineData(new[] { "push", "-c", "tcp://h:1", "-n" }, "zmq: option -n needs a value")]
    [InlineData(new[] { "demo", "--bogus" }, "zmq: unknown option '--bogus' for demo")]
    [InlineData(new[] { "push", "-c", "tcp://h:1", "-J", "-D", "[1]" }, "zmq: --data: expected a JSON array of strings")]
    public async Task Usage_errors_exit_1_naming_the_problem(string[] args, string expected)
    {
        ToolResult result = await ZmqTool.RunAsync("", args);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(expected, result.Stderr);
        Assert.Single(result.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal("", result.Stdout);
    }

    [Theory]
    [InlineData(new[] { "--help" }, "usage: zmq TYPE [options]")]
    [InlineData(new[] { "-h" }, "usage: zmq TYPE [options]")]
    [InlineData(new[] { "push", "--help" }, "usage: zmq push [options]")]
    [InlineData(new[] { "pull", "-h" }, "usage: zmq pull [options]")]
    [InlineData(new[] { "pair", "--help" }, "usage: zmq pair [options]")]
    [InlineData(new[] { "req", "--help" }, "usage: zmq req [options]")]
    [InlineData(new[] { "rep", "--help" }, "usage: zmq rep [options]")]
    [InlineData(new[] { "dealer", "--help" }, "usage: zmq dealer [options]")]
    [InlineData(new[] { "router", "--help" }, "usage: zmq router [options]")]
    [InlineData(new[] { "pub", "--help" }, "usage: zmq pub [options]")]
    [InlineData(new[] { "sub", "--help" }, "usage: zmq sub [options]")]
    [InlineData(new[] { "xpub", "--help" }, "usage: zmq xpub [options]")]
    [InlineData(new[] { "xsub", "--help" }, "usage: zmq xsub [options]")]
    [InlineData(new[] { "proxy", "--help" }, "usage: zmq proxy")]
    [InlineData(new[] { "demo", "--help" }, "usage: zmq demo")]
    public async Task Help_prints_usage_and_exits_0(string[] args, string expected)
    {
        ToolResult result = await ZmqTool.RunAsync("", args);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(expected, result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Type_help_shows_only_the_options_of_the_type()
    {
        ToolResult pull = await ZmqTool.RunAsync("", "pull", "--help");
        ToolResult push = await ZmqTool.RunAsync("", "push", "--help");

        Assert.DoesNotContain("--data", pull.Stdout);
        Assert.Contains("--data", push.Stdout);
        Assert.Contains("--timeout", pull.Stdout);
        Assert.DoesNotContain("--subscribe", push.Stdout);
        Assert.DoesNotContain("--echo", push.Stdout);
        Assert.DoesNotContain("--identity", push.Stdout);
    }

    [Theory]
    [InlineData("sub", "--subscribe")]
    [InlineData("xsub", "--subscribe")]
    [InlineData("rep", "--echo")]
    [InlineData("req", "--identity")]
    [InlineData("dealer", "--identity")]
    [InlineData("router", "--identity")]
    public async Task Type_help_shows_the_options_particular_to_the_type(string type, string option)
    {
        ToolResult help = await ZmqTool.RunAsync("", type, "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Matches($@"\n  (-\w, )?{option}\b", help.Stdout);
    }

    private static byte[][] Frames(Message message) => [.. message.Select(frame => frame.ToArray())];
}
