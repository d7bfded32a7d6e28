namespace Zmq.Tests.Interop;

/// <summary>
/// pyzmq (libzmq) programs for the pattern interop tests (REQ/REP, DEALER/ROUTER, PUB/SUB,
/// XPUB/XSUB, proxies), run through <see cref="LibzmqLink"/> as <c>script MODE ENDPOINTS ARGS...</c>.
/// Each prints <c>READY &lt;endpoint&gt; ...</c> once its sockets are bound or connected, and most
/// then print one result line: <c>OK</c> (or <c>SENT n</c>, <c>GOT ...</c>) or <c>FAIL ...</c>.
/// </summary>
/// <remarks>
/// Every receive has a 10 s timeout, so a lost message becomes a FAIL line, not a hang; every
/// script ends with <c>ctx.term()</c> so that what it sent last still leaves (linger 5 s).
/// </remarks>
internal static class PyZmqPatternScripts
{
    /// <summary>
    /// Common part: arguments, the request/reply traffic of <see cref="RoundTrips"/> (same frames),
    /// socket set-up, linking (<c>attach</c>, following the rules of
    /// <see cref="LibzmqLink.StartAsync(IReadOnlyList{ZmqSocket}, string, InteropTransport, bool, string[])"/>)
    /// and helpers that turn a timeout or a wrong message into a <c>Failure</c> carrying the FAIL line.
    /// </summary>
    private const string Setup = """
        import os
        import sys
        import zmq

        MODE, ENDPOINTS, ARGS = sys.argv[1], sys.argv[2], sys.argv[3:]
        BIG = bytes(j % 251 for j in range(70000))

        def request(i):
            head = b'%d' % i
            if i % 250 == 249:
                return [head, BIG]
            return [[head], [head, b'', b'tail'], [head, b''], [b'', head]][i % 4]

        def reply(i):
            return [b're'] + request(i)

        def show(parts):
            return '[' + ', '.join(repr(p) if len(p) <= 16 else '%r... (%d bytes)' % (p[:16], len(p)) for p in parts) + ']'

        def is_generated(rid):
            return len(rid) == 5 and rid[0] == 0

        class Failure(Exception):
            pass

        ctx = zmq.Context()

        def new_socket(kind, **options):
            s = ctx.socket(kind)
            s.linger = 5000
            s.rcvtimeo = 10000
            s.sndtimeo = 10000
            for name, value in options.items():
                s.setsockopt(getattr(zmq, name), value)
            return s

        def attach(*sockets):
            if MODE == 'bind':
                shown = []
                for k, s in enumerate(sockets):
                    single = len(sockets) == 1 or ENDPOINTS.endswith(':*')
                    s.bind(ENDPOINTS if single else '%s.%d' % (ENDPOINTS, k))
                    shown.append(s.getsockopt_string(zmq.LAST_ENDPOINT))
            else:
                shown = ENDPOINTS.split(',')
                for k, s in enumerate(sockets):
                    if len(shown) == len(sockets):
                        targets = [shown[k]]
                    elif len(sockets) == 1:
                        targets = shown
                    else:
                        targets = shown[:1]
                    for endpoint in targets:
                        s.connect(endpoint)
            print('READY ' + ' '.join(shown), flush=True)

        def recv(s, what):
            try:
                return s.recv_multipart()
            except zmq.Again:
                raise Failure('FAIL nothing received for 10 s: ' + what)

        def send(s, parts, what):
            try:
                s.send_multipart(parts)
            except zmq.Again:
                raise Failure('FAIL could not send for 10 s: ' + what)

        def expect(parts, want, what):
            if parts != want:
                raise Failure('FAIL %s: expected %s, got %s' % (what, show(want), show(parts)))

        def run(body, *sockets):
            try:
                result = body() or 'OK'
            except Failure as failure:
                result = str(failure)
            print(result, flush=True)
            for s in sockets:
                s.close()
            for auth in AUTHENTICATORS:
                auth.stop()
            ctx.term()

        AUTHENTICATORS = []

        def start_plain_authenticator(credentials):
            import zmq.auth.thread
            user, _, password = credentials.decode().partition(':')
            auth = zmq.auth.thread.ThreadAuthenticator(ctx)
            auth.start()
            auth.configure_plain(domain='*', passwords={user: password})
            AUTHENTICATORS.append(auth)

        """;

    /// <summary><c>COUNT</c>: a REP socket that serves COUNT requests, checking each is <c>request(i)</c> and answering <c>reply(i)</c>.</summary>
    public const string Rep = Setup + """
        COUNT = int(ARGS[0])
        s = new_socket(zmq.REP)
        attach(s)

        def body():
            for i in range(COUNT):
                expect(recv(s, 'request %d of %d' % (i, COUNT)), request(i), 'request %d' % i)
                send(s, reply(i), 'reply %d' % i)

        run(body, s)
        """;

    /// <summary><c>COUNT</c>: a REQ socket that makes COUNT round trips, checking each reply is <c>reply(i)</c>.</summary>
    public const string Req = Setup + """
        COUNT = int(ARGS[0])
        s = new_socket(zmq.REQ)
        attach(s)

        def body():
            for i in range(COUNT):
                send(s, request(i), 'request %d of %d' % (i, COUNT))
                expect(recv(s, 'reply %d of %d' % (i, COUNT)), reply(i), 'reply %d' % i)

        run(body, s)
        """;

    /// <summary>
    /// <c>COUNT</c>: a REQ socket with REQ_RELAXED and REQ_CORRELATE that sends requests in pairs
    /// without waiting in between (COUNT requests in all, COUNT even), and after each pair expects the
    /// reply to the second: the reply to the first carries a stale request id and must be dropped.
    /// </summary>
    public const string RelaxedReq = Setup + """
        COUNT = int(ARGS[0])
        s = new_socket(zmq.REQ, REQ_RELAXED=1, REQ_CORRELATE=1)
        attach(s)

        def body():
            for i in range(0, COUNT, 2):
                send(s, request(i), 'request %d of %d' % (i, COUNT))
                send(s, request(i + 1), 'request %d of %d' % (i + 1, COUNT))
                expect(recv(s, 'reply %d of %d' % (i + 1, COUNT)), reply(i + 1), 'reply %d (the reply to %d must be dropped)' % (i + 1, i))

        run(body, s)
        """;

    /// <summary>
    /// <c>COUNT</c>: a ROUTER socket that serves COUNT requests from one REQ without a routing id:
    /// each must arrive as <c>[id, '', request(i)...]</c> with one generated id (five bytes, the
    /// first zero); it answers <c>[id, '', reply(i)...]</c>.
    /// </summary>
    public const string RouterServingReq = Setup + """
        COUNT = int(ARGS[0])
        s = new_socket(zmq.ROUTER)
        attach(s)

        def body():
            first = None
            for i in range(COUNT):
                parts = recv(s, 'request %d of %d' % (i, COUNT))
                rid = parts[0]
                if not is_generated(rid) or rid != (first or rid):
                    raise Failure('FAIL request %d came from id %r (first id %r)' % (i, rid, first))
                first = rid
                expect(parts[1:], [b''] + request(i), 'request %d' % i)
                send(s, [rid, b''] + reply(i), 'reply %d' % i)

        run(body, s)
        """;

    /// <summary><c>COUNT</c>: a DEALER socket that talks to a REP as a REQ would: sends <c>['', request(i)...]</c>, expects <c>['', reply(i)...]</c>.</summary>
    public const string DealerAsReq = Setup + """
        COUNT = int(ARGS[0])
        s = new_socket(zmq.DEALER)
        attach(s)

        def body():
            for i in range(COUNT):
                send(s, [b''] + request(i), 'request %d of %d' % (i, COUNT))
                expect(recv(s, 'reply %d of %d' % (i, COUNT)), [b''] + reply(i), 'reply %d' % i)

        run(body, s)
        """;

    /// <summary>
    /// <c>COUNT</c>: two DEALER sockets, "alice" (routing id <c>alice</c>) and "anon" (none), each
    /// sending <c>[name, request(i)...]</c> for every i, then expecting exactly
    /// <c>[name, reply(i)...]</c> for every i: its own replies, in order.
    /// </summary>
    public const string TwoDealers = Setup + """
        COUNT = int(ARGS[0])
        alice = new_socket(zmq.DEALER, ROUTING_ID=b'alice')
        anon = new_socket(zmq.DEALER)
        attach(alice, anon)
        dealers = [(b'alice', alice), (b'anon', anon)]

        def body():
            for i in range(COUNT):
                for name, s in dealers:
                    send(s, [name] + request(i), '%s request %d of %d' % (name, i, COUNT))
            for name, s in dealers:
                for i in range(COUNT):
                    expect(recv(s, '%s reply %d of %d' % (name, i, COUNT)), [name] + reply(i), '%s reply %d' % (name, i))

        run(body, alice, anon)
        """;

    /// <summary>
    /// <c>COUNT</c>: a ROUTER socket serving the two dealers of <see cref="TwoDealers"/>: checks
    /// alice's messages come with id <c>alice</c> and anon's with one generated id, and routes
    /// <c>[id, name, reply(i)...]</c> back to each.
    /// </summary>
    public const string RouterServingTwoDealers = Setup + """
        COUNT = int(ARGS[0])
        s = new_socket(zmq.ROUTER)
        attach(s)

        def body():
            ids = {}
            following = {b'alice': 0, b'anon': 0}
            for k in range(2 * COUNT):
                parts = recv(s, 'message %d of %d' % (k, 2 * COUNT))
                if len(parts) < 2 or parts[1] not in following:
                    raise Failure('FAIL unexpected message ' + show(parts))
                rid, name = parts[0], parts[1]
                i = following[name]
                expect(parts[2:], request(i), '%s request %d' % (name, i))
                if name == b'alice' and rid != b'alice':
                    raise Failure('FAIL alice (routing id alice) came as %r' % rid)
                if name == b'anon' and not is_generated(rid):
                    raise Failure('FAIL anon (no routing id) came as %r, not a generated id' % rid)
                if ids.setdefault(name, rid) != rid:
                    raise Failure('FAIL %s came as %r, then as %r' % (name, ids[name], rid))
                following[name] = i + 1
                send(s, [rid, name] + reply(i), '%s reply %d' % (name, i))

        run(body, s)
        """;

    /// <summary>
    /// A PUB socket that publishes <c>[b'other', b'nope']</c> and <c>[b'topic', b'hello']</c> every
    /// 10 ms (a subscription may arrive at any time, and PUB drops what nobody subscribed to yet)
    /// until a line arrives on stdin, for at most 20 s; then publishes <c>[b'topic', b'end']</c> and
    /// prints <c>SENT n</c> (n: how many hellos).
    /// </summary>
    public const string PublishTopicHello = Setup + """
        import select
        import time
        s = new_socket(zmq.PUB)
        attach(s)

        def body():
            deadline = time.monotonic() + 20
            sent = 0
            while not select.select([sys.stdin], [], [], 0.01)[0]:
                if time.monotonic() > deadline:
                    raise Failure('FAIL not told to stop within 20 s, after %d hellos' % sent)
                s.send_multipart([b'other', b'nope'])
                s.send_multipart([b'topic', b'hello'])
                sent += 1
            s.send_multipart([b'topic', b'end'])
            return 'SENT %d' % sent

        run(body, s)
        """;

    /// <summary>
    /// A SUB socket subscribed to <c>b'topic'</c>: prints <c>GOT [parts]</c> for the first message
    /// it receives, then receives until <c>[b'topic', b'end']</c>, checking that every message in
    /// between is <c>[b'topic', b'hello']</c>, and prints <c>OK n</c> (n: how many in all).
    /// </summary>
    public const string SubscribeTopic = Setup + """
        s = new_socket(zmq.SUB, SUBSCRIBE=b'topic')
        attach(s)

        def body():
            first = recv(s, 'the first message')
            print('GOT ' + show(first), flush=True)
            count = 1
            while True:
                parts = recv(s, 'message %d' % count)
                if parts == [b'topic', b'end']:
                    return 'OK %d' % count
                expect(parts, [b'topic', b'hello'], 'message %d' % count)
                count += 1

        run(body, s)
        """;

    /// <summary>
    /// <c>KIND [OPTION=hex | OPTION:int=N | ZAP_PLAIN=hex(user:password) ...]</c>: one socket of type
    /// KIND (a pyzmq constant name such as SUB or XPUB) with the given byte and integer options set
    /// before it links (ZAP_PLAIN starts pyzmq's ThreadAuthenticator accepting that one user), driven through stdin and stdout (see
    /// <see cref="LibzmqAgent"/>). Every message received is printed as <c>MSG f1.f2...</c>
    /// (frames in hex, separated by dots). Commands, one a line: <c>SEND f1.f2...</c> sends a
    /// message; <c>SET OPTION hex</c> sets a byte option and prints <c>SET-DONE</c>; <c>EXIT</c>
    /// closes the socket and exits. Exits with a FAIL line after 60 s without input.
    /// </summary>
    public const string Agent = Setup + """
        s = new_socket(getattr(zmq, ARGS[0]))
        for option in ARGS[1:]:
            name, _, value = option.partition('=')
            if name == 'ZAP_PLAIN':
                start_plain_authenticator(bytes.fromhex(value))
            elif name.endswith(':int'):
                s.setsockopt(getattr(zmq, name[:-4]), int(value))
            else:
                s.setsockopt(getattr(zmq, name), bytes.fromhex(value))
        attach(s)

        def frames(text):
            return [bytes.fromhex(f) for f in text.split('.')]

        def body():
            poller = zmq.Poller()
            poller.register(s, zmq.POLLIN)
            poller.register(0, zmq.POLLIN)
            pending = b''
            while True:
                events = dict(poller.poll(60000))
                if not events:
                    raise Failure('FAIL no input for 60 s')
                if s in events:
                    while True:
                        try:
                            parts = s.recv_multipart(zmq.NOBLOCK)
                        except zmq.Again:
                            break
                        print('MSG ' + '.'.join(p.hex() for p in parts), flush=True)
                if 0 in events:
                    data = os.read(0, 65536)
                    if not data:
                        return 'BYE'
                    pending += data
                    while b'\n' in pending:
                        line, pending = pending.split(b'\n', 1)
                        command, _, argument = line.decode().strip().partition(' ')
                        if command == 'SEND':
                            send(s, frames(argument), line.decode())
                        elif command == 'SET':
                            name, _, value = argument.partition(' ')
                            s.setsockopt(getattr(zmq, name), bytes.fromhex(value))
                            print('SET-DONE', flush=True)
                        elif command == 'EXIT':
                            return 'BYE'
                        else:
                            raise Failure('FAIL unknown command: ' + line.decode())

        run(body, s)
        """;

    /// <summary>
    /// An XSUB frontend and an XPUB backend (linked in that order) joined by <c>zmq.proxy_steerable</c>
    /// in a thread: data flows from the frontend to the backend, subscriptions back. A line on stdin
    /// sends it TERMINATE on its control socket; prints OK once it has stopped.
    /// </summary>
    public const string Proxy = Setup + """
        import threading
        frontend = new_socket(zmq.XSUB)
        backend = new_socket(zmq.XPUB)
        attach(frontend, backend)
        control = new_socket(zmq.PAIR)
        control.bind('inproc://control')
        steer = new_socket(zmq.PAIR)
        steer.connect('inproc://control')
        proxy = threading.Thread(target=zmq.proxy_steerable, args=(frontend, backend, None, control))
        proxy.start()

        def body():
            sys.stdin.readline()
            send(steer, [b'TERMINATE'], 'TERMINATE')
            proxy.join(10)
            if proxy.is_alive():
                raise Failure('FAIL the proxy did not stop within 10 s of TERMINATE')

        run(body, frontend, backend, control, steer)
        """;
}
