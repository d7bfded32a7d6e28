using System.Globalization;
using System.Text;

namespace Zmq.Transports;

/// <summary>
/// A parsed endpoint address. Parsing validates everything that can be checked without the
/// network, so a malformed endpoint fails at the <c>Bind</c> or <c>Connect</c> call with an
/// <see cref="ArgumentException"/> that says what is wrong.
/// </summary>
internal abstract record Endpoint(string Text)
{
    /// <summary>The longest Unix socket path Linux accepts (sun_path is 108 bytes including the terminator).</summary>
    public const int MaxIpcPathBytes = 107;

    /// <summary>Parses <paramref name="text"/>; <paramref name="forBind"/> allows wildcards (<c>*</c> host, port or ipc path).</summary>
    public static Endpoint Parse(string text, bool forBind)
    {
        ArgumentNullException.ThrowIfNull(text, "endpoint");
        int separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw Invalid(text, "expected transport://address, for example tcp://127.0.0.1:5555, ipc:///tmp/feed or inproc://name");
        }
        string scheme = text[..separator];
        string address = text[(separator + 3)..];
        return scheme switch
        {
            "tcp" => TcpEndpoint.ParseAddress(text, address, forBind),
            "ipc" => IpcEndpoint.ParseAddress(text, address, forBind),
            "inproc" => address.Length > 0 ? new InprocEndpoint(text, address) : throw Invalid(text, "the inproc name is empty"),
            _ => throw Invalid(text, $"unsupported transport '{scheme}' (use tcp, ipc or inproc)"),
        };
    }

    /// <summary>An <see cref="ArgumentException"/> naming the endpoint and the problem.</summary>
    public static ArgumentException Invalid(string text, string problem) =>
        new($"invalid endpoint '{text}': {problem}", "endpoint");
}

/// <summary><c>tcp://host:port</c>. <see cref="Host"/> is <c>*</c>, an IP literal (IPv6 without brackets) or a DNS name; <see cref="Port"/> 0 means "choose one".</summary>
internal sealed record TcpEndpoint(string Text, string Host, int Port) : Endpoint(Text)
{
    /// <summary>True when <see cref="Host"/> is the wildcard <c>*</c>.</summary>
    public bool IsWildcardHost => Host == "*";

    internal static TcpEndpoint ParseAddress(string text, string address, bool forBind)
    {
        int colon = address.LastIndexOf(':');
        if (colon < 0)
        {
            throw Invalid(text, "missing ':port'");
        }
        string host = address[..colon];
        string portText = address[(colon + 1)..];
        if (host.StartsWith('['))
        {
            if (!host.EndsWith(']') || host.Length < 3)
            {
                throw Invalid(text, "an IPv6 address must be written [address]");
            }
            host = host[1..^1];
            if (!System.Net.IPAddress.TryParse(host, out _))
            {
                throw Invalid(text, $"'{host}' is not an IPv6 address");
            }
        }
        else if (host.Contains(':'))
        {
            throw Invalid(text, "write an IPv6 address in brackets, for example tcp://[::1]:5555");
        }
        if (host.Length == 0)
        {
            throw Invalid(text, "the host is empty (use * to bind every interface)");
        }
        if (host == "*" && !forBind)
        {
            throw Invalid(text, "cannot connect to the wildcard host *");
        }
        int port;
        if (portText is "*" or "0")
        {
            if (!forBind)
            {
                throw Invalid(text, "connect needs a real port, not * or 0");
            }
            port = 0;
        }
        else if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            throw Invalid(text, $"'{portText}' is not a port (1-65535{(forBind ? ", or * for any" : "")})");
        }
        return new TcpEndpoint(text, host, port);
    }
}

/// <summary><c>ipc:///path</c>, <c>ipc://@name</c> (Linux abstract namespace) or, for bind, <c>ipc://*</c> (a fresh path).</summary>
internal sealed record IpcEndpoint(string Text, string Path, bool IsAbstract) : Endpoint(Text)
{
    /// <summary>True for <c>ipc://*</c>: the bind picks an unused path.</summary>
    public bool IsWildcard => !IsAbstract && Path == "*";

    internal static IpcEndpoint ParseAddress(string text, string address, bool forBind)
    {
        if (address.Length == 0)
        {
            throw Invalid(text, "the ipc path is empty");
        }
        if (address == "*")
        {
            return forBind ? new IpcEndpoint(text, "*", false) : throw Invalid(text, "cannot connect to the wildcard path *");
        }
        bool isAbstract = address[0] == '@';
        if (isAbstract && !OperatingSystem.IsLinux())
        {
            throw Invalid(text, "abstract ipc names (@name) exist only on Linux");
        }
        if (isAbstract && address.Length == 1)
        {
            throw Invalid(text, "the abstract name after @ is empty");
        }
        if (Encoding.UTF8.GetByteCount(address) > MaxIpcPathBytes)
        {
            throw Invalid(text, $"the path is longer than the {MaxIpcPathBytes} bytes a Unix socket address holds");
        }
        return new IpcEndpoint(text, isAbstract ? address[1..] : address, isAbstract);
    }
}

/// <summary><c>inproc://name</c>: a socket in the same process and <see cref="ZmqContext"/>.</summary>
internal sealed record InprocEndpoint(string Text, string Name) : Endpoint(Text);
