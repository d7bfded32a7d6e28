using Zmq.Cli.Arguments;

namespace Zmq.Cli.Running;

/// <summary>
/// <see cref="Conversation.Reply"/> (REP): prints each request, then answers it with the request
/// itself (<c>--echo</c>), with <c>--data</c>, or with the next line of the input (read only after
/// the request is printed, so a person can type the answer). Stops after <c>-n</c> replies, or when
/// the input ends; <c>-t</c> bounds the wait for each request.
/// </summary>
internal static class Replier
{
    /// <summary>Answers requests until the count is reached or the replies run out.</summary>
    /// <exception cref="CliException">No request came within the timeout (exit code 2), or an input line is not in the format (exit code 1).</exception>
    public static void Run(Sender sender, Receiver receiver, MessageSource source, CliOptions options)
    {
        using IEnumerator<Message>? replies = options.Echo ? null : source.Messages(repeatData: true).GetEnumerator();
        while (options.Count is not { } limit || sender.Sent < limit)
        {
            using Message request = receiver.ReceiveOne("request");
            if (replies is null)
            {
                sender.Send(request);
                continue;
            }
            if (!replies.MoveNext())
            {
                return;
            }
            using Message reply = replies.Current;
            sender.Send(reply);
        }
    }
}
