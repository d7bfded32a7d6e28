using Zmq.Cli.Arguments;

namespace Zmq.Cli.Running;

/// <summary>
/// Sending and receiving at once, each on its own thread (sockets are thread-safe). The threads
/// are background threads, so an error on one side ends the command even while the other is
/// blocked reading stdin or waiting for a message.
/// </summary>
internal static class Duplex
{
    /// <summary>
    /// <see cref="Conversation.Duplex"/>: with <c>-n</c> the receiver must get its N messages; without,
    /// it prints what arrives until the sender's input ends.
    /// </summary>
    public static void Exchange(Sender sender, Receiver receiver, CliOptions options)
    {
        bool receiveCount = options.Count is not null;
        using var stopReceiving = new CancellationTokenSource();
        Task receiving = Start(() => receiver.Run(receiveCount, stopReceiving.Token));
        Task sending = Start(sender.Run);
        Task first = Task.WhenAny(sending, receiving).GetAwaiter().GetResult();
        first.GetAwaiter().GetResult();
        if (first == sending && !receiveCount)
        {
            stopReceiving.Cancel();
        }
        (first == sending ? receiving : sending).GetAwaiter().GetResult();
    }

    /// <summary>
    /// <see cref="Conversation.Listen"/>: prints what arrives until <c>-n</c> messages have arrived
    /// (or forever), while the sender sends its input; the end of the input does not stop it.
    /// </summary>
    public static void Listen(Sender sender, Receiver receiver)
    {
        Task receiving = Start(() => receiver.Run(applyTimeout: true, CancellationToken.None));
        Task sending = Start(sender.Run);
        Task first = Task.WhenAny(sending, receiving).GetAwaiter().GetResult();
        first.GetAwaiter().GetResult();
        if (first == sending)
        {
            receiving.GetAwaiter().GetResult();
        }
    }

    private static Task Start(Action action) => Task.Factory.StartNew(action, TaskCreationOptions.LongRunning);
}
