using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Zmq.Pipes;
using Zmq.Sockets;
using Zmq.Transports;
using Zmq.Waiting;

namespace Zmq;

/// <summary>
/// The part every ZeroMQ socket shares: endpoints (<see cref="Bind"/>, <see cref="Connect"/>),
/// options, monitoring and disposal. Sending and receiving come from <see cref="ISendingSocket"/>
/// and <see cref="IReceivingSocket"/>, so a socket type that cannot send has no send method.
/// </summary>
/// <remarks>
/// <para>Sockets are safe to use from several threads at once. Each send and each receive moves
/// one whole message atomically; calls from different threads are served in no particular order.</para>
/// <para>Disposing a socket stops it taking new messages, waits up to <see cref="Linger"/> (one
/// second by default, never forever unless you ask for it) for queued messages to be written to
/// connected peers, then closes every connection. Threads blocked in a send or receive on the
/// socket are released with <see cref="ObjectDisposedException"/>.</para>
/// </remarks>
public abstract class ZmqSocket : IDisposable, IAsyncDisposable
{
    private readonly ShortLock _sync = new();
    private readonly List<Pipe> _pipes = [];
    private readonly List<EndpointHandle> _endpoints = [];
    private readonly SocketPattern _pattern;
    private SocketOptions _options = new();
    private SocketMonitor[] _monitors = [];
    private string? _lastEndpoint;
    private bool _disposed;

    private protected ZmqSocket(ZmqContext? context, ZmqSocketType type, Func<Readiness, Readiness, SocketPattern> createPattern)
    {
        Context = context ?? ZmqContext.Default;
        Type = type;
        _pattern = createPattern(SendReadiness, ReceiveReadiness);
    }

    /// <summary>The socket type.</summary>
    public ZmqSocketType Type { get; }

    /// <summary>The context whose inproc names this socket uses.</summary>
    public ZmqContext Context { get; }

    /// <summary>The endpoint of the last bind or connect, resolved (ZMQ_LAST_ENDPOINT): with the port chosen for <c>tcp://host:*</c>.</summary>
    public string? LastEndpoint
    {
        get
        {
            using (_sync.EnterScope())
            {
                return _lastEndpoint;
            }
        }
    }

    /// <summary>ZMQ_SNDHWM: messages queued per peer before a send blocks (0 = no limit). Default 1000. Applies to later connections.</summary>
    public int SendHighWatermark
    {
        get => Options.SendHighWatermark;
        set => Update(nameof(SendHighWatermark), RequireNonNegative(value, nameof(SendHighWatermark)), static (o, v) => o with { SendHighWatermark = v });
    }

    /// <summary>ZMQ_RCVHWM: messages queued per peer before the connection stops reading (0 = no limit). Default 1000. Applies to later connections.</summary>
    public int ReceiveHighWatermark
    {
        get => Options.ReceiveHighWatermark;
        set => Update(nameof(ReceiveHighWatermark), RequireNonNegative(value, nameof(ReceiveHighWatermark)), static (o, v) => o with { ReceiveHighWatermark = v });
    }

    /// <summary>ZMQ_LINGER: how long disposal waits for queued messages to be written. Default one second; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</summary>
    public TimeSpan Linger
    {
        get => Options.Linger;
        set => Update(nameof(Linger), RequireTimeout(value, nameof(Linger)), static (o, v) => o with { Linger = v });
    }

    /// <summary>ZMQ_SNDTIMEO: how long a blocking send waits before throwing <see cref="TimeoutException"/>. Default infinite.</summary>
    public TimeSpan SendTimeout
    {
        get => Options.SendTimeout;
        set => Update(nameof(SendTimeout), RequireTimeout(value, nameof(SendTimeout)), static (o, v) => o with { SendTimeout = v });
    }

    /// <summary>ZMQ_RCVTIMEO: how long a blocking receive waits before throwing <see cref="TimeoutException"/>. Default infinite.</summary>
    public TimeSpan ReceiveTimeout
    {
        get => Options.ReceiveTimeout;
        set => Update(nameof(ReceiveTimeout), RequireTimeout(value, nameof(ReceiveTimeout)), static (o, v) => o with { ReceiveTimeout = v });
    }

    /// <summary>ZMQ_RECONNECT_IVL: the wait before reconnecting a lost or refused connection. Default 100 ms.</summary>
    public TimeSpan ReconnectInterval
    {
        get => Options.ReconnectInterval;
        set => Update(nameof(ReconnectInterval), RequirePositive(value, nameof(ReconnectInterval)), static (o, v) => o with { ReconnectInterval = v });
    }

    /// <summary>ZMQ_RECONNECT_IVL_MAX: when set, the reconnect wait doubles after each failure up to this. Default zero (no backoff).</summary>
    public TimeSpan ReconnectIntervalMax
    {
        get => Options.ReconnectIntervalMax;
        set => Update(nameof(ReconnectIntervalMax), RequireNonNegative(value, nameof(ReconnectIntervalMax)), static (o, v) => o with { ReconnectIntervalMax = v });
    }

    /// <summary>ZMQ_HANDSHAKE_IVL: a connection that has not finished its ZMTP handshake in this time is closed. Default 30 s.</summary>
    public TimeSpan HandshakeInterval
    {
        get => Options.HandshakeInterval;
        set => Update(nameof(HandshakeInterval), RequirePositive(value, nameof(HandshakeInterval)), static (o, v) => o with { HandshakeInterval = v });
    }

    /// <summary>
    /// ZMQ_HEARTBEAT_IVL: how often each tcp or ipc connection sends a ZMTP PING, so that a peer that
    /// has gone silent (a dead host, a stale network path, a hung process, a peer stopped in the
    /// middle of a frame) is noticed after <see cref="HeartbeatTimeout"/> and the connection closed
    /// with that reason (and, when this socket connected, made again). Default zero: no PINGs.
    /// PINGs from peers are answered, and their time to live honoured, either way. Not for STREAM
    /// sockets, whose peers do not speak ZMTP. Applies to later connections.
    /// </summary>
    public TimeSpan HeartbeatInterval
    {
        get => Options.HeartbeatInterval;
        set => Update(nameof(HeartbeatInterval), RequireMilliseconds(value, nameof(HeartbeatInterval)), static (o, v) => o with { HeartbeatInterval = v });
    }

    /// <summary>
    /// ZMQ_HEARTBEAT_TIMEOUT: a connection that receives nothing at all (any traffic counts, not only
    /// PONG) for this long after sending a PING is closed. Default zero: the
    /// <see cref="HeartbeatInterval"/>. Applies to later connections.
    /// </summary>
    public TimeSpan HeartbeatTimeout
    {
        get => Options.HeartbeatTimeout;
        set => Update(nameof(HeartbeatTimeout), RequireMilliseconds(value, nameof(HeartbeatTimeout)), static (o, v) => o with { HeartbeatTimeout = v });
    }

    /// <summary>
    /// ZMQ_HEARTBEAT_TTL: the time to live announced in each PING this socket sends: the peer closes
    /// the connection when it receives no traffic for that long after a PING. At most 6553.5 s, in
    /// tenths of a second (finer values are rounded down). Default zero: none announced. Applies to
    /// later connections.
    /// </summary>
    public TimeSpan HeartbeatTtl
    {
        get => Options.HeartbeatTtl;
        set => Update(nameof(HeartbeatTtl), RequireTtl(value), static (o, v) => o with { HeartbeatTtl = v });
    }

    /// <summary>
    /// ZMQ_PLAIN_SERVER: this socket's connections use the PLAIN mechanism (RFC 24) as the server:
    /// each client's username and password go to the ZAP handler of this socket's
    /// <see cref="Context"/> (a socket bound at <c>inproc://zeromq.zap.01</c>; see
    /// <see cref="ZapDomain"/>), and the client is refused unless it answers 200. With no handler
    /// bound, every client is refused. PLAIN sends passwords in clear text: use it on trusted
    /// networks only. Default false. Applies to later connections.
    /// </summary>
    public bool PlainServer
    {
        get => Options.PlainServer;
        set => Update(nameof(PlainServer), value, static (o, v) => o with { PlainServer = v });
    }

    /// <summary>
    /// ZMQ_PLAIN_USERNAME: when set (and <see cref="PlainServer"/> is not), this socket's connections
    /// log in to a PLAIN server with this username and <see cref="PlainPassword"/>; null returns to
    /// NULL security. At most 255 bytes of UTF-8. Default null. Applies to later connections.
    /// </summary>
    public string? PlainUsername
    {
        get => Options.PlainUsername;
        set => Update(nameof(PlainUsername), value is null ? null : RequireCredential(value, nameof(PlainUsername)), static (o, v) => o with { PlainUsername = v });
    }

    /// <summary>ZMQ_PLAIN_PASSWORD: the password sent with <see cref="PlainUsername"/>. At most 255 bytes of UTF-8. Default empty. Applies to later connections.</summary>
    public string PlainPassword
    {
        get => Options.PlainPassword;
        set => Update(nameof(PlainPassword), RequireCredential(value, nameof(PlainPassword)), static (o, v) => o with { PlainPassword = v });
    }

    /// <summary>
    /// ZMQ_CURVE_SERVER: this socket's connections use the CURVE mechanism (RFC 25, CurveZMQ RFC 26)
    /// as the server, with <see cref="CurveKeys"/> as its long-term key pair: each connection is
    /// encrypted and authenticated with keys of its own (perfect forward secrecy). When a ZAP
    /// handler is bound in this socket's <see cref="Context"/> (or <see cref="ZapDomain"/> is set),
    /// each client's long-term public key goes to it and the client is refused unless it answers
    /// 200; otherwise every client that knows this server's public key gets in. Takes precedence
    /// over PLAIN. Default false. Applies to later connections.
    /// </summary>
    public bool CurveServer
    {
        get => Options.CurveServer;
        set => Update(nameof(CurveServer), value, static (o, v) => o with { CurveServer = v });
    }

    /// <summary>
    /// ZMQ_CURVE_PUBLICKEY and ZMQ_CURVE_SECRETKEY: this socket's long-term CURVE key pair (see
    /// <see cref="CurveKeyPair.Generate"/> and <c>zmq keys</c>). A CURVE server needs one; a CURVE
    /// client without one uses a fresh pair for each connection (fine unless the server checks
    /// client keys). Default null. Applies to later connections.
    /// </summary>
    public CurveKeyPair? CurveKeys
    {
        get => Options.CurveKeys;
        set => Update(nameof(CurveKeys), value, static (o, v) => o with { CurveKeys = v });
    }

    /// <summary>
    /// ZMQ_CURVE_SERVERKEY: the long-term public key (32 bytes; <see cref="CurveKeyPair.ParseKey"/>
    /// reads the Z85 form) of the CURVE server this socket connects to; setting it makes this socket
    /// a CURVE client (unless <see cref="CurveServer"/>), and empty returns it to PLAIN or NULL.
    /// Default empty. Applies to later connections.
    /// </summary>
    public ReadOnlyMemory<byte> CurveServerKey
    {
        get => Options.CurveServerKey ?? ReadOnlyMemory<byte>.Empty;
        set => Update(nameof(CurveServerKey), value.IsEmpty ? null : CurveKeyPair.RequireKey(value.Span, nameof(CurveServerKey)), static (o, v) => o with { CurveServerKey = v });
    }

    /// <summary>
    /// ZMQ_ZAP_DOMAIN: the domain this socket names in its ZAP requests (RFC 27), for the handler
    /// to tell servers apart. With NULL security, setting it makes each connection ask ZAP about the
    /// peer's address (and refuse it when no handler is bound or the handler says no). At most 255
    /// ASCII characters. Default empty. Applies to later connections.
    /// </summary>
    public string ZapDomain
    {
        get => Options.ZapDomain;
        set => Update(nameof(ZapDomain), RequireZapDomain(value), static (o, v) => o with { ZapDomain = v });
    }

    /// <summary>ZMQ_MAXMSGSIZE: a peer that sends a larger message (all frames together) is disconnected before the bytes are stored. Default -1 (no limit).</summary>
    public long MaxMessageSize
    {
        get => Options.MaxMessageSize;
        set => Update(nameof(MaxMessageSize), value >= -1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxMessageSize), value, "must be -1 (no limit) or a size in bytes"), static (o, v) => o with { MaxMessageSize = v });
    }

    /// <summary>ZMQ_ROUTING_ID: the identity this socket announces to its peers (0 to 255 bytes, not starting with a zero byte).</summary>
    public ReadOnlyMemory<byte> RoutingId
    {
        get => Options.RoutingId;
        set => Update(nameof(RoutingId), RequireRoutingId(value), static (o, v) => o with { RoutingId = v });
    }

    /// <summary>ZMQ_IPV6: bind <c>*</c> to all IPv6 and IPv4 addresses, and prefer IPv6 when resolving names. Default false.</summary>
    public bool IPv6
    {
        get => Options.IPv6;
        set => Update(nameof(IPv6), value, static (o, v) => o with { IPv6 = v });
    }

    /// <summary>ZMQ_BACKLOG: connections the operating system queues for a bound endpoint. Default 100.</summary>
    public int Backlog
    {
        get => Options.Backlog;
        set => Update(nameof(Backlog), RequirePositive(value, nameof(Backlog)), static (o, v) => o with { Backlog = v });
    }

    /// <summary>ZMQ_IMMEDIATE: queue messages only to peers whose connection is complete (no queuing for a connecting peer). Default false. Applies to later connects.</summary>
    public bool Immediate
    {
        get => Options.Immediate;
        set => Update(nameof(Immediate), value, static (o, v) => o with { Immediate = v });
    }

    /// <summary>ZMQ_CONFLATE: keep only the newest message in each queue (last-value caching); the high-water marks no longer apply. Default false. Applies to later connections.</summary>
    public bool Conflate
    {
        get => Options.Conflate;
        set => Update(nameof(Conflate), value, static (o, v) => o with { Conflate = v });
    }

    internal SocketOptions Options => Volatile.Read(ref _options);

    /// <summary>Whether a connecting pipe survives disconnection (the pattern allows it and ZMQ_IMMEDIATE is off).</summary>
    internal bool KeepsPipesWhileDisconnected => _pattern.KeepsPipesWhileDisconnected && !Options.Immediate;

    /// <summary>The pattern, for the socket class that created it (to reach type-specific options).</summary>
    private protected SocketPattern Pattern => _pattern;

    /// <summary>Runs <paramref name="action"/> under the socket lock (for type-specific options and operations).</summary>
    private protected void Locked(Action action)
    {
        using (_sync.EnterScope())
        {
            ThrowIfDisposedLocked();
            action();
        }
    }

    /// <summary>Runs <paramref name="function"/> under the socket lock.</summary>
    private protected T Locked<T>(Func<T> function)
    {
        using (_sync.EnterScope())
        {
            ThrowIfDisposedLocked();
            return function();
        }
    }

    /// <summary>The routing id the next connect assigns to its peer (ZMQ_CONNECT_ROUTING_ID), consumed by that connect.</summary>
    private ReadOnlyMemory<byte> NextConnectRoutingId { get; set; }

    /// <summary>Sets ZMQ_CONNECT_ROUTING_ID (ROUTER and STREAM), validating it.</summary>
    private protected void SetConnectRoutingId(ReadOnlyMemory<byte> value)
    {
        byte[] id = value.ToArray();
        if (id.Length is 0 or > 255)
        {
            throw new ArgumentOutOfRangeException("ConnectRoutingId", id.Length, "a routing id is 1 to 255 bytes");
        }
        Locked(() => NextConnectRoutingId = id);
    }

    /// <summary>Takes the routing id set for this connect, if any.</summary>
    internal byte[]? TakeConnectRoutingId()
    {
        using (_sync.EnterScope())
        {
            if (NextConnectRoutingId.IsEmpty)
            {
                return null;
            }
            byte[] id = NextConnectRoutingId.ToArray();
            NextConnectRoutingId = default;
            return id;
        }
    }

    internal Readiness SendReadiness { get; } = new();

    internal Readiness ReceiveReadiness { get; } = new();

    internal bool ReceivesFromPeers => _pattern.ReceivesFromPeers;

    /// <summary>Diagnostics: the peers currently attached.</summary>
    internal int PeerCount
    {
        get
        {
            using (_sync.EnterScope())
            {
                return _pipes.Count;
            }
        }
    }

    /// <summary>Diagnostics: messages that arrived from peers and wait to be received (approximate while traffic flows).</summary>
    internal long QueuedInbound
    {
        get
        {
            using (_sync.EnterScope())
            {
                return _pipes.Sum(pipe => pipe.Inbound.Count);
            }
        }
    }

    /// <summary>
    /// Accepts connections on <paramref name="endpoint"/>: <c>tcp://host:port</c> (host <c>*</c> for
    /// every interface, port <c>*</c> for one chosen by the system), <c>ipc:///path</c> or
    /// <c>ipc://@name</c>, or <c>inproc://name</c>.
    /// </summary>
    /// <returns>The endpoint as bound, with the chosen port or path (also in <see cref="LastEndpoint"/>).</returns>
    /// <exception cref="ArgumentException">The endpoint is malformed.</exception>
    /// <exception cref="ZmqException">The address is in use (<see cref="ZmqError.AddressInUse"/>) or not available.</exception>
    public string Bind(string endpoint)
    {
        Endpoint parsed = Endpoint.Parse(endpoint, forBind: true);
        ThrowIfDisposed();
        EndpointHandle handle = Transport.Bind(this, parsed);
        Register(handle);
        Raise(SocketEventKind.Listening, handle.Endpoint);
        return handle.Endpoint;
    }

    /// <summary>
    /// Connects to <paramref name="endpoint"/> in the background, and reconnects whenever the
    /// connection is lost. Messages sent before the peer is there are queued (up to the high-water
    /// mark) and delivered once it is.
    /// </summary>
    /// <exception cref="ArgumentException">The endpoint is malformed.</exception>
    public void Connect(string endpoint)
    {
        Endpoint parsed = Endpoint.Parse(endpoint, forBind: false);
        ThrowIfDisposed();
        Register(Transport.Connect(this, parsed));
    }

    /// <summary>Stops listening on an endpoint given to <see cref="Bind"/> (as written or as returned) and closes its connections.</summary>
    /// <exception cref="ZmqException">The socket is not bound there (<see cref="ZmqError.EndpointNotFound"/>).</exception>
    public void Unbind(string endpoint) => Forget(endpoint, isBind: true);

    /// <summary>Closes the connection made by <see cref="Connect"/> to <paramref name="endpoint"/> and drops what is queued for it.</summary>
    /// <exception cref="ZmqException">The socket is not connected there (<see cref="ZmqError.EndpointNotFound"/>).</exception>
    public void Disconnect(string endpoint) => Forget(endpoint, isBind: false);

    /// <summary>Starts reporting this socket's connection events (see <see cref="SocketMonitor"/>).</summary>
    public SocketMonitor Monitor()
    {
        var monitor = new SocketMonitor(this);
        using (_sync.EnterScope())
        {
            ThrowIfDisposedLocked();
            _monitors = [.. _monitors, monitor];
        }
        return monitor;
    }

    /// <summary>Closes the socket, waiting up to <see cref="Linger"/> for queued messages to be written.</summary>
    public void Dispose()
    {
        DisposeAsync().AsTask().GetAwaiter().GetResult();
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the socket, waiting up to <see cref="Linger"/> for queued messages to be written.</summary>
    public async ValueTask DisposeAsync()
    {
        EndpointHandle[] endpoints;
        Pipe[] pipes;
        SocketOptions options;
        using (_sync.EnterScope())
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            endpoints = [.. _endpoints];
            pipes = [.. _pipes];
            options = _options;
        }
        GC.SuppressFinalize(this);
        SendReadiness.Set();
        ReceiveReadiness.Set();
        foreach (EndpointHandle endpoint in endpoints)
        {
            endpoint.StopAccepting();
        }
        await LingerAsync(pipes, options.Linger).ConfigureAwait(false);
        foreach (EndpointHandle endpoint in endpoints)
        {
            await endpoint.CloseAsync().ConfigureAwait(false);
        }
        using (_sync.EnterScope())
        {
            pipes = [.. _pipes];
        }
        foreach (Pipe pipe in pipes)
        {
            DetachPipe(pipe);
        }
        SocketMonitor[] monitors = Interlocked.Exchange(ref _monitors, []);
        foreach (SocketMonitor monitor in monitors)
        {
            monitor.Complete();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Type} socket{(LastEndpoint is { } endpoint ? " " + endpoint : "")}";

    // ---------------------------------------------------------------- send and receive cores

    /// <summary>
    /// Sends <paramref name="message"/>, waiting up to <paramref name="timeout"/> for room
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: forever; zero: not at all). On success the message
    /// is left empty (its frames now belong to the socket); on failure it is unchanged.
    /// </summary>
    internal bool Send(Message message, TimeSpan timeout)
    {
        RequireFrames(message);
        long? deadline = null;
        while (true)
        {
            int epoch = SendReadiness.Epoch;
            if (TrySendOnce(message))
            {
                return true;
            }
            // The deadline is computed only once waiting is needed: the fast path reads no clock.
            deadline ??= Deadline.After(timeout);
            if (deadline == Deadline.Immediate || !SendReadiness.Wait(epoch, deadline.Value))
            {
                return false;
            }
        }
    }

    /// <summary>Sends <paramref name="message"/>, waiting as long as needed; see <see cref="Send(Message, TimeSpan)"/>.</summary>
    internal ValueTask SendAsync(Message message, CancellationToken cancellationToken)
    {
        RequireFrames(message);
        return TrySendOnce(message) ? default : SendSlowAsync(message, cancellationToken);
    }

    /// <summary>Moves the next message into <paramref name="target"/> (which must be empty), waiting up to <paramref name="timeout"/>.</summary>
    internal bool Receive(Message target, TimeSpan timeout)
    {
        long? deadline = null;
        while (true)
        {
            int epoch = ReceiveReadiness.Epoch;
            if (TryReceiveOnce(target))
            {
                return true;
            }
            deadline ??= Deadline.After(timeout);
            if (deadline == Deadline.Immediate || !ReceiveReadiness.Wait(epoch, deadline.Value))
            {
                return false;
            }
        }
    }

    /// <summary>Moves the next message into <paramref name="target"/> (which must be empty), waiting as long as needed.</summary>
    internal ValueTask ReceiveAsync(Message target, CancellationToken cancellationToken) =>
        TryReceiveOnce(target) ? default : ReceiveSlowAsync(target, cancellationToken);

    // ---------------------------------------------------------------- pipes (called by transports)

    /// <summary>
    /// Adds a peer. Returns false (and the caller must close the pipe) when the socket is disposed
    /// or its type takes no more peers. Caller holds no socket lock.
    /// </summary>
    internal bool AttachPipe(Pipe pipe)
    {
        Pipe? displaced;
        using (_sync.EnterScope())
        {
            if (_disposed || !_pattern.CanAttach(pipe))
            {
                return false;
            }
            _pipes.Add(pipe);
            displaced = _pattern.Attach(pipe);
        }
        if (displaced is not null)
        {
            DetachPipe(displaced);
        }
        SendReadiness.Set();
        ReceiveReadiness.Set();
        return true;
    }

    /// <summary>
    /// The socket lets go of a peer: the pipe is dropped from routing, both its queues are closed,
    /// and an inproc peer socket is told. Caller holds no socket lock. Idempotent.
    /// </summary>
    internal void DetachPipe(Pipe pipe)
    {
        using (_sync.EnterScope())
        {
            if (pipe.IsDetached)
            {
                return;
            }
            pipe.IsDetached = true;
            _pipes.Remove(pipe);
            _pattern.Detach(pipe);
        }
        pipe.CloseSocketSide();
        pipe.FarEnd?.OnSocketSideClosed();
        SendReadiness.Set();
    }

    /// <summary>
    /// The far side of a pipe went away (connection lost, inproc peer closed): stop sending to it;
    /// what it already sent is still delivered. Caller holds no socket lock.
    /// </summary>
    internal void OnFarSideClosed(Pipe pipe)
    {
        pipe.CloseFarSide();
        using (_sync.EnterScope())
        {
            if (pipe.IsDetached)
            {
                return;
            }
            _pipes.Remove(pipe);
            _pattern.OnFarSideClosed(pipe);
        }
        SendReadiness.Set();
        ReceiveReadiness.Set();
    }

    /// <summary>Reports an event to every monitor. Any thread, any lock.</summary>
    internal void Raise(SocketEventKind kind, string endpoint, string? detail = null)
    {
        SocketMonitor[] monitors = Volatile.Read(ref _monitors);
        if (monitors.Length == 0)
        {
            return;
        }
        var socketEvent = new SocketEvent(kind, endpoint, detail);
        foreach (SocketMonitor monitor in monitors)
        {
            monitor.Post(socketEvent);
        }
    }

    internal void RemoveMonitor(SocketMonitor monitor)
    {
        using (_sync.EnterScope())
        {
            _monitors = [.. _monitors.Where(m => m != monitor)];
        }
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> once disposal has started.</summary>
    internal void ThrowIfDisposed()
    {
        using (_sync.EnterScope())
        {
            ThrowIfDisposedLocked();
        }
    }

    // ---------------------------------------------------------------- private

    private static void RequireFrames(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.IsEmpty)
        {
            ThrowNoFrames();
        }
    }

    [DoesNotReturn]
    private static void ThrowNoFrames() =>
        throw new ArgumentException("a message needs at least one frame", "message");

    private bool TrySendOnce(Message message)
    {
        using (_sync.EnterScope())
        {
            ThrowIfDisposedLocked();
            return _pattern.TrySend(message);
        }
    }

    private bool TryReceiveOnce(Message target)
    {
        using (_sync.EnterScope())
        {
            ThrowIfDisposedLocked();
            return _pattern.TryReceive(target);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendSlowAsync(Message message, CancellationToken cancellationToken)
    {
        while (true)
        {
            int epoch = SendReadiness.Epoch;
            if (TrySendOnce(message))
            {
                return;
            }
            await SendReadiness.WaitAsync(epoch, cancellationToken).ConfigureAwait(false);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReceiveSlowAsync(Message target, CancellationToken cancellationToken)
    {
        while (true)
        {
            int epoch = ReceiveReadiness.Epoch;
            if (TryReceiveOnce(target))
            {
                return;
            }
            await ReceiveReadiness.WaitAsync(epoch, cancellationToken).ConfigureAwait(false);
        }
    }

    private void ThrowIfDisposedLocked()
    {
        if (_disposed)
        {
            ThrowDisposed();
        }
    }

    [DoesNotReturn]
    private void ThrowDisposed() =>
        throw new ObjectDisposedException(GetType().Name, "the socket has been disposed");

    private void Register(EndpointHandle handle)
    {
        using (_sync.EnterScope())
        {
            if (!_disposed)
            {
                _endpoints.Add(handle);
                _lastEndpoint = handle.Endpoint;
                return;
            }
        }
        handle.CloseAsync().AsTask().GetAwaiter().GetResult();
        throw new ObjectDisposedException(GetType().Name, "the socket was disposed during the call");
    }

    private void Forget(string endpoint, bool isBind)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        EndpointHandle? handle;
        using (_sync.EnterScope())
        {
            ThrowIfDisposedLocked();
            handle = _endpoints.FirstOrDefault(h => h.IsBind == isBind && h.Matches(endpoint));
            if (handle is null)
            {
                throw new ZmqException(ZmqError.EndpointNotFound, $"this socket is not {(isBind ? "bound to" : "connected to")} '{endpoint}'");
            }
            _endpoints.Remove(handle);
        }
        handle.CloseAsync().AsTask().GetAwaiter().GetResult();
    }

    private static async Task LingerAsync(Pipe[] pipes, TimeSpan linger)
    {
        if (linger == TimeSpan.Zero)
        {
            return;
        }
        using var deadline = new CancellationTokenSource();
        if (linger != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(linger);
        }
        foreach (Pipe pipe in pipes)
        {
            if (pipe.StreamEnd is { } end && !await end.WaitDrainedAsync(deadline.Token).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    private void Update<T>(string name, T value, Func<SocketOptions, T, SocketOptions> change)
    {
        using (_sync.EnterScope())
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(GetType().Name, $"cannot set {name}: the socket has been disposed");
            }
            _options = change(_options, value);
        }
    }

    private static int RequireNonNegative(int value, string name) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, "must not be negative");

    private static int RequirePositive(int value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "must be positive");

    private static TimeSpan RequireNonNegative(TimeSpan value, string name) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, "must not be negative");

    private static TimeSpan RequirePositive(TimeSpan value, string name) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, "must be positive");

    private static TimeSpan RequireTimeout(TimeSpan value, string name) =>
        value >= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "must be zero or positive, or Timeout.InfiniteTimeSpan");

    /// <summary>A non-negative span that a timer can wait (whole milliseconds up to <see cref="int.MaxValue"/>).</summary>
    private static TimeSpan RequireMilliseconds(TimeSpan value, string name) =>
        value >= TimeSpan.Zero && value.TotalMilliseconds <= int.MaxValue
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"must be zero or positive, and at most {int.MaxValue} ms");

    private static TimeSpan RequireTtl(TimeSpan value) =>
        value >= TimeSpan.Zero && value <= Zmtp.Heartbeat.MaxTtl
            ? value
            : throw new ArgumentOutOfRangeException(nameof(HeartbeatTtl), value, $"must be zero or positive, and at most {Zmtp.Heartbeat.MaxTtl.TotalSeconds} s (a 16-bit count of tenths of a second)");

    private static string RequireCredential(string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        int length = System.Text.Encoding.UTF8.GetByteCount(value);
        return length <= Security.PlainHello.MaxLength
            ? value
            : throw new ArgumentOutOfRangeException(name, $"is {length} bytes of UTF-8; PLAIN carries at most {Security.PlainHello.MaxLength}");
    }

    private static string RequireZapDomain(string value)
    {
        ArgumentNullException.ThrowIfNull(value, nameof(ZapDomain));
        return value.Length <= 255 && System.Text.Ascii.IsValid(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ZapDomain), "must be at most 255 ASCII characters");
    }

    private static ReadOnlyMemory<byte> RequireRoutingId(ReadOnlyMemory<byte> value)
    {
        if (value.Length > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(RoutingId), value.Length, "a routing id is at most 255 bytes");
        }
        if (value.Length > 0 && value.Span[0] == 0)
        {
            throw new ArgumentException("a routing id must not start with a zero byte (reserved by ZMTP)", nameof(RoutingId));
        }
        return value.ToArray();
    }
}
