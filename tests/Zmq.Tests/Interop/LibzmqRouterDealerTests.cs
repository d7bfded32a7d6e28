namespace Zmq.Tests.Interop;

/// <summary>
/// DEALER/ROUTER between Zmq and libzmq (pyzmq), both ways round, over tcp, ipc paths and abstract
/// ipc names, with either side binding. Two dealers talk to one ROUTER: "alice" sets the routing
/// id <c>alice</c>, "anon" sets none. The ROUTER must see <c>alice</c> for the one and one
/// generated id (five bytes, the first zero) for the other, and the replies it routes back by id
/// must reach the right dealer, in order (<see cref="RoundTrips.TwoDealers"/>).
/// </summary>
/// <remarks>When the dealers bind, each binds an endpoint of its own and the ROUTER connects to both.</remarks>
public sealed class LibzmqRouterDealerTests
{
    [Theory(Timeout = 60_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task RouterDealer_ZmqDealersToLibzmqRouter_IdsSeenAndRepliesRoutedBack(InteropTransport transport, bool zmqBinds)
    {
        using var alice = new DealerSocket { RoutingId = "alice"u8.ToArray() };
        using var anon = new DealerSocket();
        await using LibzmqLink link = await LibzmqLink.StartAsync([alice, anon], PyZmqPatternScripts.RouterServingTwoDealers, transport, zmqBinds, LibzmqReqRepTests.Arg(RoundTrips.ShortCount));

        await link.RunAsync(() => RoundTrips.TwoDealers(alice, anon, RoundTrips.ShortCount), expected: "OK");
    }

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(LibzmqLink.TransportsAndBinders), MemberType = typeof(LibzmqLink))]
    public async Task RouterDealer_LibzmqDealersToZmqRouter_IdsSeenAndRepliesRoutedBack(InteropTransport transport, bool zmqBinds)
    {
        using var router = new RouterSocket();
        await using LibzmqLink link = await LibzmqLink.StartAsync([router], PyZmqPatternScripts.TwoDealers, transport, zmqBinds, LibzmqReqRepTests.Arg(RoundTrips.ShortCount));

        await link.RunAsync(() => RoundTrips.ServeTwoDealers(router, RoundTrips.ShortCount), expected: "OK");
    }
}
