namespace Zmq.Cli.Arguments;

/// <summary>What <c>zmq TYPE [options]</c> asked for, as parsed by <see cref="ArgumentParser"/>.</summary>
/// <param name="Kind">The socket type.</param>
internal sealed record CliOptions(SocketKind Kind)
{
    /// <summary>The linger when <c>-l</c> is not given: long enough for a sender's messages to reach a peer that is starting up.</summary>
    public static readonly TimeSpan DefaultLinger = TimeSpan.FromSeconds(5);

    /// <summary>True for <c>-h/--help</c>: print the usage and do nothing else (the other options are not validated).</summary>
    public bool Help { get; init; }

    /// <summary>Endpoints to bind (<c>-b</c>), in order.</summary>
    public IReadOnlyList<string> Binds { get; init; } = [];

    /// <summary>Endpoints to connect to (<c>-c</c>), in order.</summary>
    public IReadOnlyList<string> Connects { get; init; } = [];

    /// <summary><c>-n</c>: stop after this many messages (received, and for senders sent); null for no limit.</summary>
    public long? Count { get; init; }

    /// <summary><c>-t</c>: the longest any one wait to receive or send may take before the tool exits with code 2; null waits forever.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary><c>-D</c>: the message to send instead of reading stdin, in the input format (TAB-separated or a JSON array).</summary>
    public string? Data { get; init; }

    /// <summary><c>-i</c>: the pause between two sends.</summary>
    public TimeSpan Interval { get; init; }

    /// <summary><c>-d</c>: the wait before the first send.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary><c>-l</c>: how long closing the socket waits for sent messages to be delivered.</summary>
    public TimeSpan Linger { get; init; } = DefaultLinger;

    /// <summary><c>-J</c>: JSON lines (one JSON array of strings per message) instead of TAB-separated text.</summary>
    public bool JsonLines { get; init; }

    /// <summary><c>-s</c> (SUB, XSUB): the prefixes to subscribe to, as bytes; empty subscribes to everything.</summary>
    public IReadOnlyList<byte[]> Subscriptions { get; init; } = [];

    /// <summary><c>--echo</c> (REP): reply to each request with the request itself.</summary>
    public bool Echo { get; init; }

    /// <summary><c>--identity</c> (REQ, DEALER, ROUTER): the routing id to announce to peers, or null for none.</summary>
    public byte[]? Identity { get; init; }

    /// <summary><c>--plain USER:PW</c>: log in to PLAIN servers with these credentials, or null for NULL security.</summary>
    public PlainCredentials? PlainLogin { get; init; }

    /// <summary><c>--plain-server USER:PW</c> (repeatable): be a PLAIN server that lets in exactly these users.</summary>
    public IReadOnlyList<PlainCredentials> PlainUsers { get; init; } = [];

    /// <summary><c>--curve-server SECRET</c>: be a CURVE server with this long-term key pair (from its Z85 secret key).</summary>
    public CurveKeyPair? CurveServerKeys { get; init; }

    /// <summary><c>--curve PUBLIC</c>: be a CURVE client of the server with this Z85 public key.</summary>
    public byte[]? CurveServerKey { get; init; }
}

/// <summary>A PLAIN username and password, as given on the command line.</summary>
/// <param name="Username">The username.</param>
/// <param name="Password">The password.</param>
internal sealed record PlainCredentials(string Username, string Password)
{
    /// <summary>Parses <c>USER:PW</c> (the password may contain colons; the username may not).</summary>
    /// <exception cref="CliException">There is no colon, or the username is empty.</exception>
    public static PlainCredentials Parse(string option, string text)
    {
        int colon = text.IndexOf(':');
        if (colon <= 0)
        {
            throw CliException.Usage($"option {option} needs USER:PW (a username, a colon, then the password), not '{text}'");
        }
        return new PlainCredentials(text[..colon], text[(colon + 1)..]);
    }
}
