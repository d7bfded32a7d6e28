namespace Zmq.Cli.Running;

/// <summary>
/// <see cref="Conversation.Request"/> (REQ): sends each message of the input as a request and
/// prints its reply before sending the next, as REQ requires. <c>-n N</c> stops after N replies;
/// <c>-t</c> bounds the wait for each reply.
/// </summary>
internal static class Requester
{
    /// <summary>Sends every request and prints every reply.</summary>
    /// <exception cref="CliException">A reply did not come within the timeout (exit code 2), or an input line is not in the format (exit code 1).</exception>
    public static void Run(Sender sender, Receiver receiver, MessageSource source)
    {
        foreach (Message request in source.Messages())
        {
            using (request)
            {
                sender.Send(request);
            }
            receiver.ReceiveOne("reply").Dispose();
        }
    }
}
