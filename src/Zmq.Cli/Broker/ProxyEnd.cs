namespace Zmq.Cli.Broker;

/// <summary>
/// One socket of <c>zmq proxy</c> as written on its command line: <c>TYPE@EP</c> binds EP,
/// <c>TYPE&gt;EP</c> (or <c>TYPE@&gt;EP</c>) connects to it, after CZMQ's <c>@</c> and <c>&gt;</c> endpoint prefixes.
/// </summary>
/// <param name="Role">What the socket is for.</param>
/// <param name="Kind">The socket type.</param>
/// <param name="Endpoint">The endpoint, without its prefix.</param>
/// <param name="Connects">True to connect to the endpoint, false to bind it.</param>
internal sealed record ProxyEnd(ProxyRole Role, SocketKind Kind, string Endpoint, bool Connects)
{
    /// <summary>Parses <paramref name="text"/>, the value of the option of <paramref name="role"/>.</summary>
    /// <exception cref="CliException">It is not of the form TYPE@EP or TYPE&gt;EP, names no socket type, or a type that cannot play the role.</exception>
    public static ProxyEnd Parse(ProxyRole role, string text)
    {
        int split = text.IndexOfAny(['@', '>']);
        if (split <= 0 || split == text.Length - 1)
        {
            throw CliException.Usage($"option {role.Option} needs TYPE@EP (bind) or TYPE>EP (connect), such as xsub@tcp://*:5559, not '{text}'");
        }
        string name = text[..split];
        bool connects = text[split] == '>' || text[split + 1] == '>';
        string endpoint = text[(split + (text[split] == '@' && connects ? 2 : 1))..];
        SocketKind kind = SocketKinds.Find(name)
            ?? throw CliException.Usage($"option {role.Option}: unknown socket type '{name}' (one of {string.Join(", ", SocketKinds.All.Select(k => k.Name))})");
        if (!role.Accepts(kind))
        {
            string able = string.Join(", ", SocketKinds.All.Where(role.Accepts).Select(k => k.Name));
            throw CliException.Usage(
                $"option {role.Option}: the proxy {(role.MustReceive ? "receives from" : "sends to")} its {role.Name}, " +
                $"and {kind.Name} sockets cannot {(role.MustReceive ? "receive" : "send")} (use one of {able})");
        }
        return new ProxyEnd(role, kind, endpoint, connects);
    }

    /// <summary>
    /// Makes the socket and binds or connects it (a SUB subscribes to everything first).
    /// Returns the socket and a line saying where it is, with the port or path a bind chose.
    /// </summary>
    public (ZmqSocket Socket, string Description) Open()
    {
        ZmqSocket socket = Kind.Create();
        try
        {
            if (socket is SubSocket sub)
            {
                sub.Subscribe("");
            }
            string where;
            if (Connects)
            {
                socket.Connect(Endpoint);
                where = $"connected to {Endpoint}";
            }
            else
            {
                where = $"bound to {socket.Bind(Endpoint)}";
            }
            return (socket, $"{Role.Name,-8}  {Kind.Name,-6}  {where}");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
