using System.Globalization;

namespace Zmq.Cli.Broker;

/// <summary>
/// <c>zmq proxy --frontend TYPE@EP --backend TYPE@EP [--capture TYPE@EP] [--control TYPE@EP]</c>:
/// runs a <see cref="Proxy"/> between two sockets until Ctrl+C, SIGTERM or a TERMINATE command on
/// the control socket, then prints how much it forwarded and exits 0.
/// </summary>
internal static class ProxyCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "proxy";

    private const string Help =
        """
        usage: zmq proxy --frontend TYPE@EP --backend TYPE@EP [--capture TYPE@EP] [--control TYPE@EP]
          A broker: forwards every message from the frontend to the backend and, when both sockets
          can, every message from the backend back to the frontend. Runs until Ctrl+C or SIGTERM,
          or a TERMINATE command on the control socket, then exits 0.

        sockets:
          TYPE@EP binds EP; TYPE>EP (or TYPE@>EP) connects to EP, as CZMQ's @ and > prefixes.
          Quote the > from the shell. A sub socket subscribes to everything.

        options:
          --frontend TYPE@EP   the socket the proxy receives from, e.g. xsub, router, pull
          --backend TYPE@EP    the socket the proxy sends to, e.g. xpub, dealer, push
          --capture TYPE@EP    a socket that gets a copy of every message forwarded, e.g. pub, push
          --control TYPE@EP    a socket that receives the commands PAUSE, RESUME, TERMINATE and
                               STATISTICS (one-frame messages), e.g. pull, sub, or pair (which
                               also sends the STATISTICS reply: eight 8-byte counts)
          -h, --help           show this help

        examples:
          zmq proxy --frontend xsub@tcp://*:5559 --backend xpub@tcp://*:5560       # events
          zmq proxy --frontend router@tcp://*:5570 --backend dealer@tcp://*:5571   # a service
          zmq proxy --frontend 'pull>tcp://feed:5580' --backend push@ipc:///tmp/work

        """;

    /// <summary>Runs the proxy described by <paramref name="args"/> (after <c>proxy</c>), reporting on <paramref name="output"/>.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        if (ProxyOptions.Parse(args) is not { } options)
        {
            output.Write(Help);
            return ExitCodes.Success;
        }
        using var signals = new StopSignals();
        var sockets = new List<ZmqSocket>();
        try
        {
            foreach (ProxyEnd end in options.Ends)
            {
                (ZmqSocket socket, string description) = end.Open();
                sockets.Add(socket);
                output.WriteLine(description);
            }
            var proxy = new Proxy(sockets[0], sockets[1],
                capture: options.Capture is null ? null : sockets[2],
                control: options.Control is null ? null : sockets[^1]);
            output.WriteLine(options.Control is null
                ? "proxy running: Ctrl+C stops it"
                : "proxy running: Ctrl+C or TERMINATE on the control socket stops it");
            output.Flush();
            proxy.RunAsync(signals.Token).GetAwaiter().GetResult();
            output.WriteLine(Summary(proxy.Statistics));
            output.Flush();
            return ExitCodes.Success;
        }
        finally
        {
            foreach (ZmqSocket socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    private static string Summary(ProxyStatistics statistics) => string.Create(CultureInfo.InvariantCulture,
        $"proxy stopped: forwarded {statistics.BackendMessagesOut:N0} message(s) ({statistics.BackendBytesOut:N0} bytes) " +
        $"frontend -> backend and {statistics.FrontendMessagesOut:N0} ({statistics.FrontendBytesOut:N0} bytes) backend -> frontend");
}
