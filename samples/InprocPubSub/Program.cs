// Publish/subscribe between two threads of one process, over inproc:// (in memory: no network,
// no serialization, messages are handed over as they are).
//
// A PUB socket sends each message to every subscriber whose subscription is a prefix of the
// message's first frame (its "topic"). A SUB socket receives nothing until it subscribes.
//
// Run it: dotnet run --project samples/InprocPubSub

using Zmq;

const string Endpoint = "inproc://weather";   // any name, unique within the process

// The publisher binds the name; subscribers connect to it.
using var publisher = new PubSocket();
publisher.Bind(Endpoint);

// A PUB socket drops what it publishes while nobody has subscribed yet, so the subscriber
// thread says when it is ready (over inproc, subscriptions take effect as soon as it connects).
// Sockets are thread-safe; here each thread simply uses its own.
var subscriberReady = new TaskCompletionSource();

var subscriberThread = new Thread(() =>
{
    using var subscriber = new SubSocket();
    subscriber.Subscribe("weather/paris");   // prefixes of the first frame
    subscriber.Subscribe("weather/oslo");
    subscriber.Subscribe("end");             // the publisher's last message
    subscriber.Connect(Endpoint);
    subscriberReady.SetResult();

    while (true)
    {
        // Receive waits for a whole message: every frame arrives together.
        using Message message = subscriber.Receive();
        string topic = message.GetString(0);
        if (topic == "end")
        {
            Console.WriteLine("subscriber: the publisher is done");
            return;
        }
        Console.WriteLine($"subscriber: {topic,-14} {message.GetString(1)}");
    }
});
subscriberThread.Start();

subscriberReady.Task.Wait();
string[] cities = ["paris", "oslo", "rome", "lima"];
for (int round = 1; round <= 3; round++)
{
    foreach (string city in cities)
    {
        int temperature = Random.Shared.Next(-5, 30);
        // Two frames: the topic, then the data. Only paris and oslo reach the subscriber.
        publisher.Send(new Message($"weather/{city}", $"{temperature} °C (round {round})"));
    }
    Console.WriteLine($"publisher:  round {round} sent for {string.Join(", ", cities)}");
    Thread.Sleep(100);
}
publisher.Send(new Message("end"));

subscriberThread.Join();
Console.WriteLine("done: the subscriber saw only the cities it subscribed to.");
