namespace Zmq.Tests.Interop;

/// <summary>
/// Request-reply between Zmq and libzmq (pyzmq), each pattern both ways round, over tcp, ipc paths
/// and abstract ipc names, with either side binding: every reply must answer its own request
/// (<see cref="RoundTrips"/>: multipart bodies with empty frames before, inside and after the body,
/// and now and then a 70,000-byte frame).
/// </summary>
public sealed class LibzmqReqRepTests
{
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task ReqRep_ZmqReqToLibzmqRep_EveryReplyAnswersItsRequest(InteropTransport transport, bool zmqBinds)
    {
        using var req = new ReqSocket();
        await using LibzmqLink link = await LibzmqLink.StartAsync([req], PyZmqPatternScripts.Rep, transport, zmqBinds, Arg(RoundTrips.Count));

        await link.RunAsync(() => RoundTrips.Request(req, RoundTrips.Count), expected: "OK");
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task ReqRep_LibzmqReqToZmqRep_EveryReplyAnswersItsRequest(InteropTransport transport, bool zmqBinds)
    {
        using var rep = new RepSocket();
        await using LibzmqLink link = await LibzmqLink.StartAsync([rep], PyZmqPatternScripts.Req, transport, zmqBinds, Arg(RoundTrips.Count));

        await link.RunAsync(() => RoundTrips.Serve(rep, RoundTrips.Count), expected: "OK");
    }

    /// <summary>
    /// A Zmq REQ with REQ_RELAXED and REQ_CORRELATE sends two requests without waiting to a libzmq
    /// REP, which answers both: the Zmq REQ drops the reply carrying the stale request id.
    /// </summary>
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task ReqRep_ZmqRelaxedCorrelatedReqToLibzmqRep_OnlyTheLatestReplyArrives(InteropTransport transport, bool zmqBinds)
    {
        using var req = new ReqSocket { Relaxed = true, Correlate = true };
        await using LibzmqLink link = await LibzmqLink.StartAsync([req], PyZmqPatternScripts.Rep, transport, zmqBinds, Arg(RoundTrips.ShortCount));

        await link.RunAsync(() => RoundTrips.RequestRelaxed(req, RoundTrips.ShortCount), expected: "OK");
    }

    /// <summary>
    /// A libzmq REQ with REQ_RELAXED and REQ_CORRELATE sends two requests without waiting to a Zmq
    /// REP: the REP must answer each with its whole envelope (the request id frame included), or
    /// the libzmq REQ would drop the reply it waits for.
    /// </summary>
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task ReqRep_LibzmqRelaxedCorrelatedReqToZmqRep_OnlyTheLatestReplyArrives(InteropTransport transport, bool zmqBinds)
    {
        using var rep = new RepSocket();
        await using LibzmqLink link = await LibzmqLink.StartAsync([rep], PyZmqPatternScripts.RelaxedReq, transport, zmqBinds, Arg(RoundTrips.ShortCount));

        await link.RunAsync(() => RoundTrips.Serve(rep, RoundTrips.ShortCount), expected: "OK");
    }

    /// <summary>A libzmq ROUTER sees each request of a Zmq REQ as <c>[generated id, "", body...]</c>, and its replies routed by that id come back.</summary>
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task ReqRouter_ZmqReqToLibzmqRouter_RouterSeesIdDelimiterBody(InteropTransport transport, bool zmqBinds)
    {
        using var req = new ReqSocket();
        await using LibzmqLink link = await LibzmqLink.StartAsync([req], PyZmqPatternScripts.RouterServingReq, transport, zmqBinds, Arg(RoundTrips.ShortCount));

        await link.RunAsync(() => RoundTrips.Request(req, RoundTrips.ShortCount), expected: "OK");
    }

    /// <summary>A Zmq ROUTER sees each request of a libzmq REQ as <c>[generated id, "", body...]</c>, and its replies routed by that id come back.</summary>
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task ReqRouter_LibzmqReqToZmqRouter_RouterSeesIdDelimiterBody(InteropTransport transport, bool zmqBinds)
    {
        using var router = new RouterSocket();
        await using LibzmqLink link = await LibzmqLink.StartAsync([router], PyZmqPatternScripts.Req, transport, zmqBinds, Arg(RoundTrips.ShortCount));

        await link.RunAsync(() => RoundTrips.ServeRequests(router, RoundTrips.ShortCount), expected: "OK");
    }

    /// <summary>A Zmq DEALER sending <c>["", body...]</c> to a libzmq REP gets <c>["", reply...]</c>.</summary>
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task DealerRep_ZmqDealerToLibzmqRep_RepliesComeWithTheDelimiter(InteropTransport transport, bool zmqBinds)
    {
        using var dealer = new DealerSocket();
        await using LibzmqLink link = await LibzmqLink.StartAsync([dealer], PyZmqPatternScripts.Rep, transport, zmqBinds, Arg(RoundTrips.ShortCount));

        await link.RunAsync(() => RoundTrips.Request(dealer, RoundTrips.ShortCount, delimited: true), expected: "OK");
    }

    /// <summary>A libzmq DEALER sending <c>["", body...]</c> to a Zmq REP gets <c>["", reply...]</c>.</summary>
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task DealerRep_LibzmqDealerToZmqRep_RepliesComeWithTheDelimiter(InteropTransport transport, bool zmqBinds)
    {
        using var rep = new RepSocket();
        await using LibzmqLink link = await LibzmqLink.StartAsync([rep], PyZmqPatternScripts.DealerAsReq, transport, zmqBinds, Arg(RoundTrips.ShortCount));

        await link.RunAsync(() => RoundTrips.Serve(rep, RoundTrips.ShortCount), expected: "OK");
    }

    internal static string Arg(int count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
