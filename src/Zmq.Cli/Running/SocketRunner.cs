using Zmq.Cli.Arguments;
using Zmq.Cli.Formats;

namespace Zmq.Cli.Running;

/// <summary>
/// Runs <c>zmq TYPE [options]</c>: makes the socket, binds and connects it, then holds the
/// <see cref="Conversation"/> of its type, and closes it with the linger.
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
        var source = new MessageSource(options, format, input);
        Sender? sender = kind.Sends ? new Sender((ISendingSocket)socket, options, source) : null;
        Receiver? receiver = kind.Receives ? new Receiver((IReceivingSocket)socket, options, format, output) : null;
        using PeerWatch? watch = sender is null ? null : new PeerWatch(socket);
        using Authenticator? authenticator = PlainAuthenticator.For(options);
        bool succeeded = false;
        try
        {
            source.CheckData();
            SocketSetup.Apply(socket, options);
            foreach (string endpoint in options.Binds)
            {
                socket.Bind(endpoint);
            }
            foreach (string endpoint in options.Connects)
            {
                socket.Connect(endpoint);
            }
            Converse(kind.Conversation, sender, receiver, source, options);
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

    /// <summary>Runs the sender and/or the receiver as <paramref name="conversation"/> says (see <see cref="Usage"/>).</summary>
    private static void Converse(Conversation conversation, Sender? sender, Receiver? receiver, MessageSource source, CliOptions options)
    {
        switch (conversation)
        {
            case Conversation.Send:
                sender!.Run();
                break;
            case Conversation.Receive:
                receiver!.Run(applyTimeout: true, CancellationToken.None);
                break;
            case Conversation.Duplex:
                Duplex.Exchange(sender!, receiver!, options);
                break;
            case Conversation.Listen:
                Duplex.Listen(sender!, receiver!);
                break;
            case Conversation.Request:
                Requester.Run(sender!, receiver!, source);
                break;
            case Conversation.Reply:
                Replier.Run(sender!, receiver!, source, options);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(conversation), conversation, "unknown conversation");
        }
    }
}
