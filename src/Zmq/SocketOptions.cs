namespace Zmq;

/// <summary>
/// The settings a socket applies to each new connection. Immutable: a socket swaps in a new
/// snapshot when a property changes, and every connection keeps the snapshot it started with
/// (as in libzmq, options set after bind or connect apply to later connections).
/// </summary>
internal sealed record SocketOptions
{
    /// <summary>ZMQ_SNDHWM: messages queued per peer before sending blocks or drops (0 = unbounded).</summary>
    public int SendHighWatermark { get; init; } = 1000;

    /// <summary>ZMQ_RCVHWM: messages queued per peer before the connection stops reading (0 = unbounded).</summary>
    public int ReceiveHighWatermark { get; init; } = 1000;

    /// <summary>ZMQ_LINGER: how long dispose waits for queued messages to be written.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>ZMQ_SNDTIMEO: how long a blocking send waits.</summary>
    public TimeSpan SendTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>ZMQ_RCVTIMEO: how long a blocking receive waits.</summary>
    public TimeSpan ReceiveTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>ZMQ_RECONNECT_IVL: the first wait before reconnecting.</summary>
    public TimeSpan ReconnectInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>ZMQ_RECONNECT_IVL_MAX: the wait doubles after each failure up to this (zero = no backoff).</summary>
    public TimeSpan ReconnectIntervalMax { get; init; } = TimeSpan.Zero;

    /// <summary>ZMQ_HANDSHAKE_IVL: a connection that has not completed its handshake by then is closed.</summary>
    public TimeSpan HandshakeInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>ZMQ_HEARTBEAT_IVL: how often a connection sends a PING (zero = never).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.Zero;

    /// <summary>ZMQ_HEARTBEAT_TIMEOUT: how long after a PING with no traffic in return the connection is closed (zero = the interval).</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>ZMQ_HEARTBEAT_TTL: the time to live announced in each PING (zero = none), in tenths of a second on the wire.</summary>
    public TimeSpan HeartbeatTtl { get; init; } = TimeSpan.Zero;

    /// <summary>ZMQ_PLAIN_SERVER: connections authenticate their peers with the PLAIN mechanism, through ZAP.</summary>
    public bool PlainServer { get; init; }

    /// <summary>ZMQ_PLAIN_USERNAME: when set (and not a PLAIN server), connections log in to their peers with PLAIN.</summary>
    public string? PlainUsername { get; init; }

    /// <summary>ZMQ_PLAIN_PASSWORD: the password sent with <see cref="PlainUsername"/>.</summary>
    public string PlainPassword { get; init; } = "";

    /// <summary>ZMQ_CURVE_SERVER: connections use CURVE as the server (needs <see cref="CurveKeys"/>).</summary>
    public bool CurveServer { get; init; }

    /// <summary>ZMQ_CURVE_PUBLICKEY and ZMQ_CURVE_SECRETKEY: this socket's long-term CURVE key pair.</summary>
    public CurveKeyPair? CurveKeys { get; init; }

    /// <summary>ZMQ_CURVE_SERVERKEY: when set (and not a CURVE server), connections use CURVE as a client of the server with this public key.</summary>
    public byte[]? CurveServerKey { get; init; }

    /// <summary>ZMQ_ZAP_DOMAIN: the domain of ZAP requests; with NULL security, setting it turns ZAP on.</summary>
    public string ZapDomain { get; init; } = "";

    /// <summary>ZMQ_MAXMSGSIZE: the largest inbound message in bytes (-1 = no limit).</summary>
    public long MaxMessageSize { get; init; } = -1;

    /// <summary>ZMQ_ROUTING_ID: the identity announced to peers.</summary>
    public ReadOnlyMemory<byte> RoutingId { get; init; }

    /// <summary>ZMQ_IPV6: use IPv6 (dual-stack) for wildcard binds and name resolution.</summary>
    public bool IPv6 { get; init; }

    /// <summary>ZMQ_IMMEDIATE: connecting pipes exist only while connected.</summary>
    public bool Immediate { get; init; }

    /// <summary>ZMQ_CONFLATE: queues keep only the newest message.</summary>
    public bool Conflate { get; init; }

    /// <summary>ZMQ_BACKLOG: pending connections the listener queues.</summary>
    public int Backlog { get; init; } = 100;
}
