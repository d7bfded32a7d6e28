// Publish/subscribe between two processes, over tcp:// (any machine) or ipc:// (same machine,
// a Unix domain socket).
//
// Run the two sides yourself, in two terminals (either may start first: ZeroMQ connects, and
// reconnects, in the background):
//   dotnet run --project samples/PubSub -- subscriber tcp://127.0.0.1:5556
//   dotnet run --project samples/PubSub -- publisher  tcp://127.0.0.1:5556
// or over ipc, with ipc:///tmp/zmq-sample-weather as the endpoint.
//
// Without arguments it runs both for you, over tcp and then over ipc: it starts a second copy of
// itself as the subscriber, and publishes to it.

using System.Diagnostics;
using Zmq;

string role = args.Length > 0 ? args[0] : "both";
string endpoint = args.Length > 1 ? args[1] : "tcp://127.0.0.1:5556";
switch (role)
{
    case "publisher":
        Publish(endpoint, startSubscriber: null);
        return 0;
    case "subscriber":
        return Subscribe(endpoint);
    case "both":
        // "*" lets the system choose the port (tcp) or the file name (ipc); Bind returns the result.
        Publish("tcp://127.0.0.1:*", StartSubscriberProcess);
        Publish("ipc://*", StartSubscriberProcess);
        return 0;
    default:
        Console.Error.WriteLine("usage: PubSub [publisher|subscriber] [endpoint, default tcp://127.0.0.1:5556]");
        return 1;
}

// The publisher binds, waits for a subscriber, publishes ten updates on two topics, then "end".
static void Publish(string endpoint, Func<string, Process>? startSubscriber)
{
    using var publisher = new PubSocket();
    // A monitor reports connection events: here, when a subscriber has connected.
    using SocketMonitor monitor = publisher.Monitor();
    string bound = publisher.Bind(endpoint);
    Console.WriteLine($"publisher:  bound to {bound}; waiting for a subscriber");
    using Process? subscriberProcess = startSubscriber?.Invoke(bound);

    monitor.WaitForAsync(SocketEventKind.HandshakeSucceeded, TimeSpan.FromSeconds(60)).Wait();
    // The subscriber sends its subscriptions right after the handshake. A PUB drops what it
    // publishes before they arrive ("slow joiner"), so give them a moment; without this pause the
    // first update is usually lost. (A publisher that publishes all the time need not care.)
    Thread.Sleep(200);
    for (int i = 1; i <= 10; i++)
    {
        publisher.Send(new Message("weather", $"update {i}: {Random.Shared.Next(-5, 30)} °C"));
        publisher.Send(new Message("sports", $"update {i}: the subscriber does not want this"));
        Thread.Sleep(100);
    }
    publisher.Send(new Message("end"));
    Console.WriteLine("publisher:  sent 10 weather and 10 sports updates, then end");

    // Disposing the socket (at the end of this method) waits up to its Linger time, one second by
    // default, for queued messages to be written out.
    subscriberProcess?.WaitForExit();
}

// The subscriber connects, subscribes to "weather" (and "end"), and prints until "end".
static int Subscribe(string endpoint)
{
    using var subscriber = new SubSocket();
    subscriber.Subscribe("weather");
    subscriber.Subscribe("end");
    subscriber.Connect(endpoint);
    Console.WriteLine($"subscriber: connecting to {endpoint}");
    int received = 0;
    while (subscriber.TryReceive(TimeSpan.FromSeconds(30), out Message? message))
    {
        using (message)
        {
            if (message.GetString(0) == "end")
            {
                Console.WriteLine($"subscriber: end; received {received} weather updates and no sports");
                return 0;
            }
            received++;
            Console.WriteLine($"subscriber: {message.GetString(0)}  {message.GetString(1)}");
        }
    }
    Console.WriteLine("subscriber: nothing for 30 s; giving up");
    return 1;
}

// Starts this program again as "subscriber ENDPOINT"; its output goes to the same console.
static Process StartSubscriberProcess(string endpoint)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
    {
        start.ArgumentList.Add(typeof(Program).Assembly.Location);   // started as "dotnet PubSub.dll"
    }
    start.ArgumentList.Add("subscriber");
    start.ArgumentList.Add(endpoint);
    return Process.Start(start)!;
}
