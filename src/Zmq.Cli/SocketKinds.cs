namespace Zmq.Cli;

/// <summary>The socket types the tool offers. Adding a type is one entry here.</summary>
internal static class SocketKinds
{
    /// <summary>Every type, in the order the help lists them.</summary>
    public static IReadOnlyList<SocketKind> All { get; } =
    [
        SocketKind.Of("push", "send each line of stdin (or --data) to the connected pull peers, in turn", () => new PushSocket()),
        SocketKind.Of("pull", "print the messages that push peers send, one per line", () => new PullSocket()),
        SocketKind.Of("pair", "both ways with one pair peer: send stdin (or --data), print what arrives", () => new PairSocket()),
        SocketKind.Of("req", "send each line of stdin as a request to rep or router peers; print each reply", () => new ReqSocket()) with
        {
            Conversation = Conversation.Request,
            TakesIdentity = true,
        },
        SocketKind.Of("rep", "print each request from req or dealer peers and reply: stdin line, --data or --echo", () => new RepSocket()) with
        {
            Conversation = Conversation.Reply,
            Notes =
                "The reply line is read after the request is printed, so a person can answer by hand.\n" +
                "A request that arrives after stdin has ended stays unanswered.",
        },
        SocketKind.Of("dealer", "both ways, asynchronously, with rep, router and dealer peers", () => new DealerSocket()) with
        {
            TakesIdentity = true,
            Notes =
                "A dealer adds no envelope: to talk to a rep, start each line with a TAB (the empty\n" +
                "delimiter frame rep expects); rep's replies then print with an empty first field.",
        },
        SocketKind.Of("router", "both ways, addressed: prints each sender's routing id first; send to the id first", () => new RouterSocket()) with
        {
            TakesIdentity = true,
            Notes =
                "Each message prints after the routing id of the peer that sent it, as its first field:\n" +
                "the peer's --identity, or an id the router made up, such as 0x0034d30be5. Each input line\n" +
                "goes to the peer whose routing id is its first field, so a printed id can be pasted back\n" +
                "to reply. A line for an id that no connected peer has is an error (exit 1).",
        },
        SocketKind.Of("pub", "publish each line of stdin (or --data) to the subscribers of its first frame", () => new PubSocket()) with
        {
            Notes =
                "A subscriber receives the messages whose first frame starts with one of its prefixes.\n" +
                "pub drops what it publishes before a subscriber's subscription has arrived: give\n" +
                "subscribers time to connect with -d (e.g. -d 0.5), or send continuously with -i.",
        },
        SocketKind.Of("sub", "print the messages of pub peers that start with a -s prefix (all without -s)", () => new SubSocket()) with
        {
            Subscribes = true,
        },
        SocketKind.Of("xpub", "publish like pub, and print the subscription messages subscribers send", () => new XPubSocket()) with
        {
            Notes =
                "A subscription message is one frame: the byte 1 (subscribe) or 0 (cancel), then the\n" +
                "prefix. It prints in hex: 0x0161 subscribes to \"a\", 0x01 to everything. Only the first\n" +
                "subscription to a prefix and the cancellation by its last subscriber are reported.",
        },
        SocketKind.Of("xsub", "print like sub, and send stdin lines upstream (subscription messages)", () => new XSubSocket()) with
        {
            Conversation = Conversation.Listen,
            Subscribes = true,
            Notes =
                "Each -s PREFIX is sent upstream as the subscription message (the byte 1, then PREFIX)\n" +
                "before anything else; without -s, 0x01 subscribes to everything. Lines of stdin go\n" +
                "upstream as they are: 0x0161 subscribes to \"a\", 0x0061 cancels it. It keeps printing\n" +
                "when stdin ends.",
        },
        SocketKind.Of("stream", "raw tcp or ipc with peers that do not speak ZeroMQ: prints and sends [connection id, bytes]", () => new StreamSocket()) with
        {
            Notes =
                "Each message prints after the id of the connection it came from; an empty second field\n" +
                "means the connection opened or closed. Each input line goes to the connection whose id is\n" +
                "its first field; an empty second field closes that connection. Bytes are sent as given,\n" +
                "with no line ending added: use -J to send \"\\r\\n\" and other control bytes.",
        },
    ];

    /// <summary>The type called <paramref name="name"/>, or null.</summary>
    public static SocketKind? Find(string name) => All.FirstOrDefault(kind => kind.Name == name);
}
