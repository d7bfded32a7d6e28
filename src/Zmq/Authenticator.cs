using System.Text;
using Zmq.Security;

namespace Zmq;

/// <summary>
/// A ZAP handler (RFC 27) running in the background of this process: it answers the
/// authentication requests of <see cref="ZmqSocket.PlainServer"/> sockets, and of NULL-security
/// sockets that set a <see cref="ZmqSocket.ZapDomain"/>, in one <see cref="ZmqContext"/>.
/// </summary>
/// <remarks>
/// <para>It binds <c>inproc://zeromq.zap.01</c> (one handler per context, as RFC 27 requires) and
/// decides, for each connecting peer:</para>
/// <list type="number">
/// <item>a peer whose IP address was <see cref="Deny">denied</see> is refused;</item>
/// <item>when some addresses were <see cref="Allow">allowed</see>, a peer from any other address
/// (including every ipc peer, which has none) is refused;</item>
/// <item>NULL security is then accepted; PLAIN is accepted when the username and password match
/// one <see cref="AddUser">added</see> (the user id reported is the username); CURVE is accepted
/// when the client's long-term public key was <see cref="AddCurveKey">added</see>, or for any key
/// with <see cref="AllowAnyCurveKey"/> (the user id reported is the key in Z85); anything else is
/// refused.</item>
/// </list>
/// <para>Thread-safe: the lists may change while it serves; a change applies to the next request.
/// Dispose it to stop serving: PLAIN servers, and sockets with a <see cref="ZmqSocket.ZapDomain"/>,
/// then refuse every peer, while a CURVE server without a ZapDomain lets in every client that knows
/// its public key (as libzmq does when no handler is bound), so give CURVE servers a ZapDomain when
/// client keys must be checked even while no handler runs.</para>
/// </remarks>
/// <example>
/// <code>
/// using var auth = new Authenticator();
/// auth.AddUser("admin", "secret");
/// using var server = new PullSocket { PlainServer = true };
/// server.Bind("tcp://*:5555");
/// using var client = new PushSocket { PlainUsername = "admin", PlainPassword = "secret" };
/// client.Connect("tcp://localhost:5555");
/// </code>
/// </example>
public sealed class Authenticator : IDisposable, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _allowed = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _denied = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _users = new(StringComparer.Ordinal);
    private readonly HashSet<string> _curveKeys = new(StringComparer.Ordinal);
    private bool _anyCurveKey;
    private readonly RepSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    /// <summary>Starts serving ZAP requests in <paramref name="context"/> (the default context when null).</summary>
    /// <exception cref="ZmqException">Another ZAP handler is already bound in that context (<see cref="ZmqError.AddressInUse"/>).</exception>
    public Authenticator(ZmqContext? context = null)
    {
        _socket = new RepSocket(context) { Linger = TimeSpan.Zero };
        try
        {
            _socket.Bind($"inproc://{ZapClient.HandlerName}");
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
        Context = _socket.Context;
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The context whose ZAP requests this handler answers.</summary>
    public ZmqContext Context { get; }

    /// <summary>Accepts peers from <paramref name="address"/> (an IPv4 or IPv6 address as text) and, from now on, from no address not allowed.</summary>
    public void Allow(string address)
    {
        string normalized = Normalize(address);
        lock (_lock)
        {
            _allowed.Add(normalized);
        }
    }

    /// <summary>Refuses peers from <paramref name="address"/> (an IPv4 or IPv6 address as text), whatever else is allowed.</summary>
    public void Deny(string address)
    {
        string normalized = Normalize(address);
        lock (_lock)
        {
            _denied.Add(normalized);
        }
    }

    /// <summary>Accepts PLAIN clients that log in as <paramref name="username"/> with <paramref name="password"/> (replacing any earlier password).</summary>
    public void AddUser(string username, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        lock (_lock)
        {
            _users[username] = password;
        }
    }

    /// <summary>Accepts CURVE clients whose long-term public key is <paramref name="publicKey"/> (32 bytes).</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    public void AddCurveKey(ReadOnlySpan<byte> publicKey)
    {
        string key = Z85.Encode(CurveKeyPair.RequireKey(publicKey, nameof(publicKey)));
        lock (_lock)
        {
            _curveKeys.Add(key);
        }
    }

    /// <summary>Accepts CURVE clients whatever their long-term key (they still need the server's public key, and every connection is encrypted). Default false.</summary>
    public bool AllowAnyCurveKey
    {
        get
        {
            lock (_lock)
            {
                return _anyCurveKey;
            }
        }
        set
        {
            lock (_lock)
            {
                _anyCurveKey = value;
            }
        }
    }

    /// <summary>No longer accepts <paramref name="username"/>; false when it was not added.</summary>
    public bool RemoveUser(string username)
    {
        lock (_lock)
        {
            return _users.Remove(username);
        }
    }

    /// <summary>Stops serving and unbinds.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Stops serving and unbinds.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        _stop.Cancel();
        try
        {
            await _serving.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for a request: the normal way out.
        }
        finally
        {
            await _socket.DisposeAsync().ConfigureAwait(false);
            _stop.Dispose();
        }
    }

    private async Task ServeAsync()
    {
        using var request = new Message();
        using var reply = new Message();
        while (true)
        {
            await _socket.ReceiveAsync(request, _stop.Token).ConfigureAwait(false);
            Answer(request, reply);
            request.Clear();
            await _socket.SendAsync(reply, _stop.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Fills <paramref name="reply"/> with the answer to <paramref name="request"/>: version, request id, status code, status text, user id, metadata.</summary>
    private void Answer(Message request, Message reply)
    {
        // version, request id, domain, address, identity, mechanism, credentials...
        if (request.Count < 6 || request.GetString(0) != "1.0")
        {
            reply.Add("1.0").Add(request.Count > 1 ? request[1].Span : []).Add("500").Add("malformed ZAP request").Add("").Add("");
            return;
        }
        (string code, string text, string userId) = Decide(request.GetString(3), request.GetString(5), request);
        reply.Add("1.0").Add(request[1].Span).Add(code).Add(text).Add(userId).Add("");
    }

    private (string Code, string Text, string UserId) Decide(string address, string mechanism, Message request)
    {
        lock (_lock)
        {
            if (_denied.Contains(address))
            {
                return ("400", "address denied", "");
            }
            if (_allowed.Count > 0 && !_allowed.Contains(address))
            {
                return ("400", "address not allowed", "");
            }
            switch (mechanism)
            {
                case "NULL":
                    return ("200", "OK", "");
                case "PLAIN" when request.Count == 8:
                    string username = Encoding.UTF8.GetString(request[6].Span);
                    bool known = _users.TryGetValue(username, out string? password)
                        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), request[7].Span);
                    return known ? ("200", "OK", username) : ("400", "invalid username or password", "");
                case "CURVE" when request.Count == 7 && request[6].Length == CurveKeyPair.KeyLength:
                    string key = Z85.Encode(request[6].Span);
                    return _anyCurveKey || _curveKeys.Contains(key) ? ("200", "OK", key) : ("400", "unknown CURVE client key", "");
                default:
                    return ("400", $"mechanism {mechanism} is not supported by this handler", "");
            }
        }
    }

    private static string Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return System.Net.IPAddress.TryParse(address, out System.Net.IPAddress? parsed)
            ? Transports.StreamAddress.AddressText(parsed)
            : throw new ArgumentException($"'{address}' is not an IPv4 or IPv6 address", nameof(address));
    }
}
