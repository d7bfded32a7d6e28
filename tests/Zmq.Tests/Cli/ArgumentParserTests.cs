using Zmq.Cli;
using Zmq.Cli.Arguments;

namespace Zmq.Tests.Cli;

public class ArgumentParserTests
{
    private static SocketKind Kind(string name) => SocketKinds.Find(name)!;

    [Fact]
    public void Parses_every_option_in_short_and_long_forms()
    {
        CliOptions options = ArgumentParser.Parse(Kind("pair"),
        [
            "-b", "tcp://*:5555", "--bind=ipc:///tmp/a", "-c", "tcp://localhost:1", "--connect", "ipc://@b",
            "-n", "7", "--timeout", "0.5", "-D", "a\tb", "-i", "0.25", "--delay=2", "-l", "1.5", "-J",
        ]);

        Assert.False(options.Help);
        Assert.Equal(["tcp://*:5555", "ipc:///tmp/a"], options.Binds);
        Assert.Equal(["tcp://localhost:1", "ipc://@b"], options.Connects);
        Assert.Equal(7, options.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Timeout);
        Assert.Equal("a\tb", options.Data);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Interval);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Delay);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.Linger);
        Assert.True(options.JsonLines);
    }

    [Fact]
    public void Defaults_wait_forever_without_a_count_and_linger_five_seconds()
    {
        CliOptions options = ArgumentParser.Parse(Kind("push"), ["--connect", "tcp://127.0.0.1:5555"]);

        Assert.Null(options.Count);
        Assert.Null(options.Timeout);
        Assert.Null(options.Data);
        Assert.Equal(TimeSpan.Zero, options.Interval);
        Assert.Equal(TimeSpan.Zero, options.Delay);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Linger);
        Assert.False(options.JsonLines);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    public void Help_needs_no_endpoint(string flag)
    {
        Assert.True(ArgumentParser.Parse(Kind("pull"), [flag]).Help);
        Assert.True(ArgumentParser.Parse(Kind("push"), ["-n", "3", flag]).Help);
    }

    [Theory]
    [InlineData("pull", new string[0], "needs at least one endpoint")]
    [InlineData("pull", new[] { "-n", "3" }, "needs at least one endpoint")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "--frobnicate" }, "unknown option '--frobnicate'")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "-x" }, "unknown option '-x'")]
    [InlineData("pull", new[] { "-b" }, "option -b needs a value")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "stray" }, "unexpected argument 'stray'")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "-n", "0" }, "-n needs a whole number of at least 1, not '0'")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "-n", "-2" }, "not '-2'")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "--count=many" }, "not 'many'")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "-t", "soon" }, "-t needs a number of seconds")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "-t", "-1" }, "not '-1'")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "-t", "1e9" }, "not '1e9'")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "--jsonl=yes" }, "option --jsonl takes no value")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "-D", "x" }, "option -D is for sending, and pull sockets do not send")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "--linger", "1" }, "option --linger is for sending")]
    [InlineData("push", new[] { "-c", "tcp://h:1", "-i" }, "option -i needs a value")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "-s", "a" }, "option -s is for sub and xsub sockets, not pull")]
    [InlineData("pub", new[] { "-b", "tcp://*:1", "--subscribe", "a" }, "option --subscribe is for sub and xsub sockets, not pub")]
    [InlineData("sub", new[] { "-b", "tcp://*:1", "-s" }, "option -s needs a value")]
    [InlineData("req", new[] { "-c", "tcp://h:1", "--echo" }, "option --echo is for rep sockets, not req")]
    [InlineData("rep", new[] { "-b", "tcp://*:1", "--echo", "-D", "x" }, "--echo and --data both say what to reply")]
    [InlineData("pub", new[] { "-b", "tcp://*:1", "--identity", "a" }, "option --identity is for req, dealer and router sockets, not pub")]
    [InlineData("dealer", new[] { "-c", "tcp://h:1", "--identity", "0x00ab" }, "option --identity needs 1 to 255 bytes that do not start with a zero byte, not '0x00ab'")]
    [InlineData("dealer", new[] { "-c", "tcp://h:1", "--identity", "" }, "not ''")]
    [InlineData("sub", new[] { "-b", "tcp://*:1", "-D", "x" }, "option -D is for sending, and sub sockets do not send")]
    [InlineData("push", new[] { "-c", "tcp://h:1", "--plain", "admin" }, "option --plain needs USER:PW (a username, a colon, then the password), not 'admin'")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "--plain-server", ":secret" }, "option --plain-server needs USER:PW")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "--plain-server", "a:b", "--plain", "c:d" }, "give one of them")]
    [InlineData("pull", new[] { "-b", "tcp://*:1", "--curve-server", "short" }, "option --curve-server needs a Z85 key (see zmq keys): a Z85 CURVE key is 40 characters, not 5")]
    [InlineData("push", new[] { "-c", "tcp://h:1", "--curve", "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7", "--plain", "a:b" }, "give one of them")]
    public void Bad_arguments_are_errors_that_name_the_problem(string type, string[] args, string expected)
    {
        var error = Assert.Throws<CliException>(() => ArgumentParser.Parse(Kind(type), args));

        Assert.Equal(1, error.ExitCode);
        Assert.Contains(expected, error.Message);
        Assert.EndsWith($"(see zmq {type} --help)", error.Message);
    }

    [Fact]
    public void Parses_plain_logins_and_users_with_colons_in_passwords()
    {
        CliOptions client = ArgumentParser.Parse(Kind("push"), ["-c", "tcp://h:1", "--plain", "admin:se:cret"]);
        CliOptions server = ArgumentParser.Parse(Kind("pull"), ["-b", "tcp://*:1", "--plain-server", "a:1", "--plain-server=b:"]);

        Assert.Equal(new PlainCredentials("admin", "se:cret"), client.PlainLogin);
        Assert.Empty(client.PlainUsers);
        Assert.Null(server.PlainLogin);
        Assert.Equal([new PlainCredentials("a", "1"), new PlainCredentials("b", "")], server.PlainUsers);
    }

    [Fact]
    public void Parses_curve_keys_from_z85()
    {
        CurveKeyPair keys = CurveKeyPair.Generate();

        CliOptions server = ArgumentParser.Parse(Kind("pull"), ["-b", "tcp://*:1", "--curve-server", keys.SecretKeyZ85]);
        CliOptions client = ArgumentParser.Parse(Kind("push"), ["-c", "tcp://h:1", "--curve", keys.PublicKeyZ85]);

        Assert.Equal(keys.PublicKeyZ85, server.CurveServerKeys!.PublicKeyZ85);
        Assert.Equal(keys.PublicKey.ToArray(), client.CurveServerKey);
    }

    [Fact]
    public void Accepts_fractional_seconds_and_zero()
    {
        CliOptions options = ArgumentParser.Parse(Kind("push"), ["-c", "tcp://h:1", "-t", ".5", "-l", "0", "-i", "0.001"]);

        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Timeout);
        Assert.Equal(TimeSpan.Zero, options.Linger);
        Assert.Equal(TimeSpan.FromMilliseconds(1), options.Interval);
    }

    [Fact]
    public void Parses_subscriptions_echo_and_identity_as_bytes()
    {
        CliOptions sub = ArgumentParser.Parse(Kind("sub"), ["-c", "tcp://h:1", "-s", "news", "--subscribe=0x00ff", "-s", ""]);
        CliOptions rep = ArgumentParser.Parse(Kind("rep"), ["-b", "tcp://*:1", "--echo"]);
        CliOptions dealer = ArgumentParser.Parse(Kind("dealer"), ["-c", "tcp://h:1", "--identity", "0x01ff"]);
        CliOptions router = ArgumentParser.Parse(Kind("router"), ["-b", "tcp://*:1", "--identity=front"]);

        Assert.Equal([[.. "news"u8], [0x00, 0xFF], []], sub.Subscriptions);
        Assert.True(rep.Echo);
        Assert.Equal([0x01, 0xFF], dealer.Identity);
        Assert.Equal("front"u8.ToArray(), router.Identity);
        Assert.Empty(ArgumentParser.Parse(Kind("sub"), ["-c", "tcp://h:1"]).Subscriptions);
    }

    [Theory]
    [InlineData("push", true, false, "Send")]
    [InlineData("pull", false, true, "Receive")]
    [InlineData("pair", true, true, "Duplex")]
    [InlineData("req", true, true, "Request")]
    [InlineData("rep", true, true, "Reply")]
    [InlineData("dealer", true, true, "Duplex")]
    [InlineData("router", true, true, "Duplex")]
    [InlineData("pub", true, false, "Send")]
    [InlineData("sub", false, true, "Receive")]
    [InlineData("xpub", true, true, "Duplex")]
    [InlineData("xsub", true, true, "Listen")]
    public void Socket_kinds_know_whether_they_send_and_receive(string name, bool sends, bool receives, string conversation)
    {
        SocketKind kind = Kind(name);

        Assert.Equal((sends, receives, conversation), (kind.Sends, kind.Receives, kind.Conversation.ToString()));
        using ZmqSocket socket = kind.Create();
        Assert.Equal(name, socket.Type.ToString().ToLowerInvariant());
    }

    [Fact]
    public void Every_socket_type_of_the_library_is_offered()
    {
        IEnumerable<string> types = Enum.GetNames<ZmqSocketType>().Select(name => name.ToLowerInvariant());

        Assert.Equal(types.Order(), SocketKinds.All.Select(kind => kind.Name).Order());
    }

    [Fact]
    public void Unknown_socket_kinds_are_not_found()
    {
        Assert.Null(SocketKinds.Find("rep-but-later"));
        Assert.Null(SocketKinds.Find("PUSH"));
    }
}
