namespace Zmq.Tests.Interop;

/// <summary>
/// pyzmq (libzmq) programs for the interop tests, run by <see cref="Support.PythonPeer"/>.
/// The traffic scripts take <c>bind|connect ENDPOINT COUNT</c>, print <c>READY &lt;endpoint&gt;</c>
/// once bound or connected (the endpoint as bound, so <c>tcp://127.0.0.1:*</c> comes back with its
/// port), then print one result line: <c>OK</c>, <c>SENT</c> or <c>FAIL ...</c>.
/// </summary>
internal static class PyZmqScripts
{
    /// <summary>
    /// Common part: arguments, the traffic of <see cref="InteropTraffic"/> (same messages, same
    /// order), and the socket set-up. Timeouts make a lost message a FAIL line instead of a hang;
    /// the linger lets queued messages out before <c>ctx.term()</c> returns.
    /// </summary>
    private const string Prelude = """
        import sys
        import zmq

        MODE, ENDPOINT, COUNT = sys.argv[1], sys.argv[2], int(sys.argv[3])
        BIG = bytes(j % 251 for j in range(70000))
        SPECIALS = [[b'topic', b'', b'hello'], [b''], [b'', b'', b''], [b'big', BIG], [b'end']]
        TOTAL = COUNT + len(SPECIALS)

        def expected(i):
            if i >= COUNT:
                return SPECIALS[i - COUNT]
            head = b'%d' % i
            return [head, b'', b'tail'] if i % 16 == 5 else [head]

        def show(parts):
            return '[' + ', '.join(repr(p) if len(p) <= 16 else '%r... (%d bytes)' % (p[:16], len(p)) for p in parts) + ']'

        def mismatch(i, parts):
            want = expected(i)
            if parts == want:
                return None
            return 'FAIL message %d: expected %s, got %s' % (i, show(want), show(parts))

        def open_socket(kind):
            ctx = zmq.Context()
            s = ctx.socket(kind)
            s.linger = 20000
            s.rcvtimeo = 10000
            s.sndtimeo = 20000
            if MODE == 'bind':
                s.bind(ENDPOINT)
                endpoint = s.getsockopt_string(zmq.LAST_ENDPOINT)
            else:
                s.connect(ENDPOINT)
                endpoint = ENDPOINT
            print('READY ' + endpoint, flush=True)
            return ctx, s

        """;

    /// <summary>A PULL socket that receives and checks the whole run, then prints OK or the first problem.</summary>
    public const string Pull = Prelude + """
        ctx, s = open_socket(zmq.PULL)
        result = 'OK'
        for i in range(TOTAL):
            try:
                parts = s.recv_multipart()
            except zmq.Again:
                result = 'FAIL nothing received for 10 s at message %d of %d' % (i, TOTAL)
                break
            problem = mismatch(i, parts)
            if problem:
                result = problem
                break
        else:
            if s.poll(100, zmq.POLLIN):
                result = 'FAIL an extra message after all %d: %s' % (TOTAL, show(s.recv_multipart()))
        print(result, flush=True)
        s.close()
        ctx.term()
        """;

    /// <summary>A PUSH socket that sends the whole run, then prints SENT (or FAIL when a send times out).</summary>
    public const string Push = Prelude + """
        ctx, s = open_socket(zmq.PUSH)
        result = 'SENT'
        for i in range(TOTAL):
            try:
                s.send_multipart(expected(i))
            except zmq.Again:
                result = 'FAIL could not send message %d of %d for 20 s' % (i, TOTAL)
                break
        print(result, flush=True)
        s.close()
        ctx.term()
        """;

    /// <summary>
    /// A PAIR socket that sends the whole run and receives (and checks) the whole run at the same
    /// time, interleaving non-blocking sends and receives on a poller, then prints OK or the first problem.
    /// </summary>
    public const string Pair = Prelude + """
        ctx, s = open_socket(zmq.PAIR)
        poller = zmq.Poller()
        poller.register(s, zmq.POLLIN | zmq.POLLOUT)
        sent = received = 0
        result = None
        while result is None and (sent < TOTAL or received < TOTAL):
            poller.modify(s, (zmq.POLLIN if received < TOTAL else 0) | (zmq.POLLOUT if sent < TOTAL else 0))
            events = dict(poller.poll(10000)).get(s, 0)
            if not events:
                result = 'FAIL stalled for 10 s having sent %d and received %d of %d' % (sent, received, TOTAL)
                break
            if events & zmq.POLLIN:
                while received < TOTAL:
                    try:
                        parts = s.recv_multipart(zmq.NOBLOCK)
                    except zmq.Again:
                        break
                    result = mismatch(received, parts)
                    if result:
                        break
                    received += 1
            if events & zmq.POLLOUT:
                while sent < TOTAL:
                    try:
                        s.send_multipart(expected(sent), zmq.NOBLOCK)
                    except zmq.Again:
                        break
                    sent += 1
        if result is None and s.poll(100, zmq.POLLIN):
            result = 'FAIL an extra message after all %d: %s' % (TOTAL, show(s.recv_multipart()))
        print(result or 'OK', flush=True)
        s.close()
        ctx.term()
        """;

    /// <summary>
    /// <c>ENDPOINT</c>: a PUSH socket that connects, queues "hello", prints READY and keeps the
    /// connection until a line arrives on stdin.
    /// </summary>
    public const string ConnectPushAndHold = """
        import sys
        import zmq

        ctx = zmq.Context()
        s = ctx.socket(zmq.PUSH)
        s.linger = 5000
        s.connect(sys.argv[1])
        s.send(b'hello')
        print('READY', flush=True)
        sys.stdin.readline()
        s.close()
        ctx.term()
        """;

    /// <summary>
    /// <c>ENDPOINT</c>: a PULL socket that binds, prints <c>READY &lt;endpoint&gt;</c>, then prints
    /// the first message it receives (or FAIL after 10 s).
    /// </summary>
    public const string BindPullAndPrintOne = """
        import sys
        import zmq

        ctx = zmq.Context()
        s = ctx.socket(zmq.PULL)
        s.linger = 0
        s.rcvtimeo = 10000
        s.bind(sys.argv[1])
        print('READY ' + s.getsockopt_string(zmq.LAST_ENDPOINT), flush=True)
        try:
            print('GOT ' + s.recv_string(), flush=True)
        except zmq.Again:
            print('FAIL nothing received for 10 s', flush=True)
        s.close()
        ctx.term()
        """;
}
