using Zmq.Cli.Arguments;

namespace Zmq.Cli.Running;

/// <summary>The options a command sets on its socket before it binds or connects.</summary>
internal static class SocketSetup
{
    /// <summary>
    /// Sets the linger, <c>--identity</c> and security (<c>--plain</c>, <c>--plain-server</c>, whose
    /// users <see cref="PlainAuthenticator"/> lets in, <c>--curve</c>, <c>--curve-server</c>); subscribes a SUB to each <c>-s</c> prefix (or to
    /// everything) and queues the matching subscription messages on an XSUB; makes a ROUTER report a
    /// message for an unknown peer as an error rather than drop it silently.
    /// </summary>
    public static void Apply(ZmqSocket socket, CliOptions options)
    {
        socket.Linger = options.Linger;
        if (options.Identity is { } identity)
        {
            socket.RoutingId = identity;
        }
        if (options.PlainLogin is { } login)
        {
            socket.PlainUsername = login.Username;
            socket.PlainPassword = login.Password;
        }
        socket.PlainServer = options.PlainUsers.Count > 0;
        if (options.CurveServerKeys is { } serverKeys)
        {
            socket.CurveServer = true;
            socket.CurveKeys = serverKeys;
        }
        if (options.CurveServerKey is { } serverKey)
        {
            socket.CurveServerKey = serverKey;
        }
        IReadOnlyList<byte[]> prefixes = options.Subscriptions.Count > 0 ? options.Subscriptions : [[]];
        switch (socket)
        {
            case RouterSocket router:
                router.Mandatory = true;
                break;
            case SubSocket sub:
                foreach (byte[] prefix in prefixes)
                {
                    sub.Subscribe(prefix);
                }
                break;
            case XSubSocket xsub:
                foreach (byte[] prefix in prefixes)
                {
                    // An XSUB keeps the subscriptions it is sent and gives them to every publisher that connects.
                    using var subscription = new Message();
                    subscription.Add([1, .. prefix]);
                    xsub.Send(subscription);
                }
                break;
        }
    }
}
