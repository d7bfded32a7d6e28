// An event broker: publishers and subscribers that do not know each other meet at a Proxy that
// sits between an XSUB socket (publishers connect to it) and an XPUB socket (subscribers connect
// to it). Events flow down, from publishers to subscribers; subscriptions flow up, so each
// publisher only sends what some subscriber wants. A capture socket gets a copy of everything the
// broker forwards, which a "tap" prints.
//
//   weather station (PUB) \                     / display (SUB "weather")
//                          >-- XSUB ~ Proxy ~ XPUB --<
//   stock ticker (PUB)    /         |           \ trader  (SUB "stocks/ACME")
//                                capture --> tap
//
// Run it: dotnet run --project samples/EventBroker

using Zmq;

// The broker: two endpoints everyone knows, and a Proxy between them.
using var frontend = new XSubSocket();
string publishersEndpoint = frontend.Bind("tcp://127.0.0.1:*");
using var backend = new XPubSocket();
string subscribersEndpoint = backend.Bind("tcp://127.0.0.1:*");
using var capture = new PushSocket();
capture.Bind("inproc://broker-capture");
var proxy = new Proxy(frontend, backend, capture);
using var stopBroker = new CancellationTokenSource();
Task broker = proxy.RunAsync(stopBroker.Token);
Console.WriteLine($"broker:  publishers connect to {publishersEndpoint}, subscribers to {subscribersEndpoint}");

// Everyone runs concurrently as async methods: awaiting a socket holds no thread.
using var stopTap = new CancellationTokenSource();
Task tap = Tap(stopTap.Token);

// The subscribers each take three events, then leave.
Task[] subscribers = [Subscribe("display", "weather"), Subscribe("trader ", "stocks/ACME")];

// The publishers publish until told to stop; they need not know who listens, or whether anyone does.
using var stopPublishers = new CancellationTokenSource();
Task[] publishers =
[
    Publish(["weather/paris", "weather/oslo"], stopPublishers.Token),
    Publish(["stocks/ACME", "stocks/INIT"], stopPublishers.Token),
];

await Task.WhenAll(subscribers);
stopPublishers.Cancel();
await Task.WhenAll(publishers);
await Task.Delay(200);   // let the tap see the last cancellations
stopBroker.Cancel();
await broker;
stopTap.Cancel();
await tap;

ProxyStatistics statistics = proxy.Statistics;
Console.WriteLine($"broker:  stopped; forwarded {statistics.FrontendMessagesIn} events down and {statistics.BackendMessagesIn} subscription messages up");

// A publisher: connects to the broker and publishes an event on each of its topics every 50 ms.
// Until a subscriber's subscription has come up through the broker, its events go nowhere.
async Task Publish(string[] topics, CancellationToken stopping)
{
    using var publisher = new PubSocket();
    publisher.Connect(publishersEndpoint);
    try
    {
        for (int i = 1; ; i++)
        {
            foreach (string topic in topics)
            {
                await publisher.SendAsync(new Message(topic, $"event {i}"), stopping);
            }
            await Task.Delay(50, stopping);
        }
    }
    catch (OperationCanceledException)
    {
        // Stopped.
    }
}

// A subscriber: connects to the broker, subscribes to a prefix, prints three events and leaves.
async Task Subscribe(string name, string prefix)
{
    using var subscriber = new SubSocket();
    subscriber.Subscribe(prefix);
    subscriber.Connect(subscribersEndpoint);
    using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));   // no event for 10 s: give up (throws)
    for (int i = 0; i < 3; i++)
    {
        using Message message = await subscriber.ReceiveAsync(patience.Token);
        Console.WriteLine($"{name}: {message.GetString(0),-13} {message.GetString(1)}");
    }
    Console.WriteLine($"{name}: leaving");
}

// The tap: prints the subscription messages the broker forwards (one frame: the byte 1 to
// subscribe or 0 to cancel, then the prefix) and counts the events.
async Task Tap(CancellationToken stopping)
{
    using var tap = new PullSocket();
    tap.Connect("inproc://broker-capture");
    int events = 0;
    try
    {
        while (true)
        {
            using Message message = await tap.ReceiveAsync(stopping);
            ReadOnlySpan<byte> first = message[0].Span;
            if (message.Count == 1 && first.Length > 0 && first[0] <= 1)
            {
                string action = first[0] == 1 ? "subscribe to" : "cancel";
                Console.WriteLine($"tap:     subscription going up: {action} '{System.Text.Encoding.UTF8.GetString(first[1..])}'");
            }
            else
            {
                events++;
            }
        }
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine($"tap:     saw {events} events go down");
    }
}
