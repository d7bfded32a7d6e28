namespace Zmq.Cli;

/// <summary>A socket type offered as a command (<c>zmq push</c>, ...): its name, a summary for the help, how to make one, and how the tool uses it.</summary>
/// <param name="Name">The command name, lower case.</param>
/// <param name="Summary">One line for the help.</param>
/// <param name="Create">Makes a new socket of this type.</param>
/// <param name="Sends">True when the type can send (the tool then reads stdin or <c>--data</c>).</param>
/// <param name="Receives">True when the type can receive (the tool then prints what arrives).</param>
internal sealed record SocketKind(string Name, string Summary, Func<ZmqSocket> Create, bool Sends, bool Receives)
{
    /// <summary>How the tool uses the socket; by default it follows from <see cref="Sends"/> and <see cref="Receives"/>.</summary>
    public Conversation Conversation { get; init; } = (Sends, Receives) switch
    {
        (true, true) => Conversation.Duplex,
        (true, false) => Conversation.Send,
        _ => Conversation.Receive,
    };

    /// <summary>True when <c>-s/--subscribe</c> applies (SUB, XSUB).</summary>
    public bool Subscribes { get; init; }

    /// <summary>True when <c>--identity</c> applies: the type can talk to a ROUTER, which addresses its peers by their identity (REQ, DEALER, ROUTER).</summary>
    public bool TakesIdentity { get; init; }

    /// <summary>Lines for <c>zmq TYPE --help</c> on what is particular to this type, or null.</summary>
    public string? Notes { get; init; }

    /// <summary>Describes a socket class; whether it sends and receives follows from the interfaces it implements.</summary>
    public static SocketKind Of<TSocket>(string name, string summary, Func<TSocket> create)
        where TSocket : ZmqSocket =>
        new(name, summary, create,
            Sends: typeof(ISendingSocket).IsAssignableFrom(typeof(TSocket)),
            Receives: typeof(IReceivingSocket).IsAssignableFrom(typeof(TSocket)));
}
