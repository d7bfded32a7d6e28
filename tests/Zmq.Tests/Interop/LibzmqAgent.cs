using System.Text;
using Zmq.Tests.Support;

namespace Zmq.Tests.Interop;

/// <summary>
/// One libzmq (pyzmq) socket in a script of its own (<see cref="PyZmqPatternScripts.Agent"/>),
/// linked to a Zmq socket and driven message by message from the test: what it receives comes
/// back through <see cref="ReceiveAsync"/>, what the test gives <see cref="SendAsync(string[])"/> it sends.
/// </summary>
/// <remarks>
/// For PUB/SUB, where delivery starts only once a subscription has reached the publisher, the
/// probe helpers publish a probe message repeatedly until the subscriber has it, bounded by a
/// deadline, and mark the probe so that copies still in flight are skipped later.
/// </remarks>
internal sealed class LibzmqAgent : IAsyncDisposable
{
    /// <summary>How long one probe waits for the subscriber before the next is published.</summary>
    private static readonly TimeSpan s_probeInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a subscription may take to reach the publisher.</summary>
    private static readonly TimeSpan s_probeDeadline = TimeSpan.FromSeconds(10);

    private readonly LibzmqLink _link;
    private readonly Queue<byte[][]> _messages = new();
    private readonly List<byte[][]> _skipped = [];
    private Task<string>? _pendingLine;

    private LibzmqAgent(LibzmqLink link)
    {
        _link = link;
    }

    /// <summary>The running script.</summary>
    public PythonPeer Peer => _link.Peer;

    /// <summary>
    /// Starts an agent with a socket of type <paramref name="kind"/> (SUB, XPUB, ...) and the byte
    /// <paramref name="options"/> (see <see cref="Option"/>), linked to <paramref name="zmq"/> on
    /// <paramref name="transport"/>: Zmq binds when <paramref name="zmqBinds"/>, else the agent does.
    /// </summary>
    public static async Task<LibzmqAgent> StartAsync(ZmqSocket zmq, string kind, InteropTransport transport, bool zmqBinds, params string[] options) =>
        new(await LibzmqLink.StartAsync([zmq], PyZmqPatternScripts.Agent, transport, zmqBinds, [kind, .. options]));

    /// <summary>An option argument for <see cref="StartAsync"/>: <paramref name="name"/> (a pyzmq constant such as SUBSCRIBE) set to the UTF-8 bytes of <paramref name="value"/>.</summary>
    public static string Option(string name, string value) => $"{name}={Convert.ToHexString(Encoding.UTF8.GetBytes(value))}";

    /// <summary>An option argument for <see cref="StartAsync"/>: integer option <paramref name="name"/> (a pyzmq constant such as HEARTBEAT_IVL) set to <paramref name="value"/>.</summary>
    public static string IntOption(string name, int value) => $"{name}:int={value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Has the agent send a message whose frames are the UTF-8 bytes of <paramref name="frames"/>.</summary>
    public Task SendAsync(params string[] frames) => SendAsync([.. frames.Select(Encoding.UTF8.GetBytes)]);

    /// <summary>Has the agent send a message of <paramref name="frames"/>.</summary>
    public Task SendAsync(params byte[][] frames) => Peer.WriteLineAsync("SEND " + string.Join('.', frames.Select(Convert.ToHexString)));

    /// <summary>Sets byte option <paramref name="name"/> (SUBSCRIBE, UNSUBSCRIBE, ...) to the UTF-8 bytes of <paramref name="value"/>, returning once it is set.</summary>
    public async Task SetAsync(string name, string value)
    {
        await Peer.WriteLineAsync($"SET {name} {Convert.ToHexString(Encoding.UTF8.GetBytes(value))}");
        while (true)
        {
            string line = await NextLineAsync(Eventually.Soon);
            if (line == "SET-DONE")
            {
                return;
            }
            _messages.Enqueue(ParseMessage(line));
        }
    }

    /// <summary>The next message the agent received (skipping probes), failing the test if none comes within <paramref name="timeout"/> (default 10 s).</summary>
    public async Task<byte[][]> ReceiveAsync(TimeSpan? timeout = null)
    {
        TimeSpan limit = timeout ?? Eventually.Soon;
        byte[][]? message = await TryReceiveAsync(limit);
        Assert.True(message is not null, $"the libzmq agent received nothing within {limit.TotalSeconds} s; stderr:\n{Peer.Stderr}");
        return message;
    }

    /// <summary>The next message the agent received as UTF-8 strings (skipping probes).</summary>
    public async Task<string[]> ReceiveStringsAsync(TimeSpan? timeout = null) =>
        [.. (await ReceiveAsync(timeout)).Select(Encoding.UTF8.GetString)];

    /// <summary>The next message the agent received (skipping probes), or null if none came within <paramref name="wait"/>.</summary>
    public async Task<byte[][]?> TryReceiveAsync(TimeSpan wait)
    {
        DateTime deadline = DateTime.UtcNow + wait;
        while (true)
        {
            byte[][]? message = null;
            if (_messages.TryDequeue(out byte[][]? queued))
            {
                message = queued;
            }
            else
            {
                TimeSpan left = deadline - DateTime.UtcNow;
                string? line = await TryNextLineAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                if (line is null)
                {
                    return null;
                }
                message = ParseMessage(line);
            }
            if (!_skipped.Any(probe => probe.Length == message.Length && probe.Zip(message).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second))))
            {
                return message;
            }
        }
    }

    /// <summary>
    /// Publishes <paramref name="probe"/> on <paramref name="publisher"/> every 20 ms until this
    /// agent (a subscriber) receives it, for at most 10 s; later copies of it are skipped.
    /// </summary>
    public Task ProbeFromAsync(ISendingSocket publisher, params string[] probe) =>
        ProbeFromAsync(() =>
        {
            publisher.Send(new Message(probe));
            return Task.CompletedTask;
        }, "the Zmq publisher", probe);

    /// <summary>Has the agent <paramref name="publisher"/> publish <paramref name="probe"/> every 20 ms until this agent (a subscriber) receives it, for at most 10 s; later copies of it are skipped.</summary>
    public Task ProbeFromAsync(LibzmqAgent publisher, params string[] probe) =>
        ProbeFromAsync(() => publisher.SendAsync(probe), "the libzmq publisher", probe);

    private async Task ProbeFromAsync(Func<Task> publishOnce, string publisher, string[] probe)
    {
        byte[][] frames = [.. probe.Select(Encoding.UTF8.GetBytes)];
        DateTime deadline = DateTime.UtcNow + s_probeDeadline;
        while (DateTime.UtcNow < deadline)
        {
            await publishOnce();
            if (await TryReceiveAsync(s_probeInterval) is { } got)
            {
                Assert.Equal(probe, got.Select(Encoding.UTF8.GetString));
                _skipped.Add(frames);
                return;
            }
        }
        Assert.Fail($"the probe [{string.Join(", ", probe)}] never reached the libzmq subscriber: its subscription never reached {publisher}; stderr:\n{Peer.Stderr}");
    }

    /// <summary>
    /// Has this agent (a publisher) publish <paramref name="probe"/> every 20 ms until
    /// <paramref name="subscriber"/> receives it, for at most 10 s; <paramref name="filter"/> then
    /// skips later copies.
    /// </summary>
    public Task ProbeToAsync(IReceivingSocket subscriber, ProbeFilter filter, params string[] probe) =>
        filter.ProbeAsync(() => SendAsync(probe), subscriber, $"the libzmq publisher; stderr:\n{Peer.Stderr}", probe);

    /// <summary>Has the agent close its socket and exit, failing the test unless it exits cleanly.</summary>
    public async Task ExitAsync()
    {
        await Peer.WriteLineAsync("EXIT");
        while (true)
        {
            string line = await NextLineAsync(Eventually.Soon);
            if (line == "BYE")
            {
                break;
            }
            _ = ParseMessage(line);
        }
        int exitCode = await Peer.WaitForExitAsync(TimeSpan.FromSeconds(20));
        Assert.True(exitCode == 0, $"libzmq agent exited with {exitCode}; stderr:\n{Peer.Stderr}");
    }

    /// <summary>Kills the script if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        await _link.DisposeAsync();
        // A read still pending when the script ends fails; observe it so it is not reported as unobserved.
        if (_pendingLine is { } pending)
        {
            await pending.ContinueWith(static read => read.Exception, TaskScheduler.Default);
        }
    }

    private byte[][] ParseMessage(string line)
    {
        Assert.True(line.StartsWith("MSG ", StringComparison.Ordinal), $"libzmq agent printed '{line}'; stderr:\n{Peer.Stderr}");
        return [.. line["MSG ".Length..].Split('.').Select(Convert.FromHexString)];
    }

    private async Task<string> NextLineAsync(TimeSpan timeout) =>
        await TryNextLineAsync(timeout) ?? throw new TimeoutException($"libzmq agent printed nothing for {timeout.TotalSeconds} s; stderr:\n{Peer.Stderr}");

    /// <summary>The agent's next line, or null after <paramref name="wait"/>; a read still pending then is kept for the next call.</summary>
    private async Task<string?> TryNextLineAsync(TimeSpan wait)
    {
        Task<string> pending = _pendingLine ??= Peer.ReadLineAsync(TimeSpan.FromMinutes(2));
        if (!await pending.CompletesWithinAsync(wait))
        {
            return null;
        }
        _pendingLine = null;
        return await pending;
    }
}
