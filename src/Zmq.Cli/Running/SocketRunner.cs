using Zmq.Cli.Arguments;
using Zmq.Cli.Formats;

namespace Zmq.Cli.Running;

/// <summary>
/// Runs <c>zmq TYPE [options]</c>: makes the socket, binds and connects it, then sends (types
/// that send), receives (types that receive), or both at once (PAIR), and closes it with the linger.
/// </summary>
internal static class SocketRunner
{
    /// <summary>Runs the command with <paramref name="input"/> as stdin and <paramref name="output"/> as stdout.</summary>
    /// <returns><see cref="ExitCodes.Success"/>; failures are thrown (<see cref="CliException"/>, <see cref="ZmqException"/>, <see cref="ArgumentException"/>).</returns>
    public static int Run(CliOptions options, TextReader input, TextWriter output)
    {
        SocketKind kind = options.Kind;
        IMessageFormat format = MessageFormats.For(options.JsonLines);
        ZmqSocket socket = kind.Create();
        Sender? sender = kind.Sends ? new Sender((ISendingSocket)socket, options, format, input) : null;
        Receiver? receiver = kind.Receives ? new Receiver((IReceivingSocket)socket, options, format, output) : null;
        using PeerWatch? watch = sender is null ? null : new PeerWatch(socket);
        bool succeeded = false;
        try
        {
            sender?.CheckData();
            socket.Linger = options.Linger;
            foreach (string endpoint in options.Binds)
            {
                socket.Bind(endpoint);
            }
            foreach (string endpoint in options.Connects)
            {
                socket.Connect(endpoint);
            }
            Exchange(sender, receiver, options);
            succeeded = true;
        }
        finally
        {
            if (!succeeded)
            {
                // An error or a timeout exits at once: whatever is still queued is dropped.
                socket.Linger = TimeSpan.Zero;
            }
            socket.Dispose();
        }
        if (sender is { Sent: > 0 } && watch is { SawPeer: false })
        {
            throw CliException.Timeout(
                $"no peer connected within the linger time of {Seconds.Format(options.Linger)} s: " +
                $"{sender.Sent} message(s) were not delivered");
        }
        return ExitCodes.Success;
    }

    /// <summary>Runs the sender and/or the receiver; with both, each on its own thread, until both are done (see <see cref="Usage"/>).</summary>
    private static void Exchange(Sender? sender, Receiver? receiver, CliOptions options)
    {
        if (receiver is null)
        {
            sender!.Run();
            return;
        }
        if (sender is null)
        {
            receiver.Run(applyTimeout: true, CancellationToken.None);
            return;
        }
        // Both ways (PAIR). With -n the receiver must get its N messages; without, it prints what
        // arrives until the sender's input ends. The threads are background threads, so an error on
        // one side ends the command even while the other is blocked reading stdin.
        bool receiveCount = options.Count is not null;
        using var stopReceiving = new CancellationTokenSource();
        Task receiving = Task.Factory.StartNew(() => receiver.Run(receiveCount, stopReceiving.Token), TaskCreationOptions.LongRunning);
        Task sending = Task.Factory.StartNew(sender.Run, TaskCreationOptions.LongRunning);
        Task first = Task.WhenAny(sending, receiving).GetAwaiter().GetResult();
        first.GetAwaiter().GetResult();
        if (first == sending && !receiveCount)
        {
            stopReceiving.Cancel();
        }
        (first == sending ? receiving : sending).GetAwaiter().GetResult();
    }
}
