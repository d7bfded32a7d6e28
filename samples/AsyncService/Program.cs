// An asynchronous service behind a broker: clients send requests to a ROUTER, a Proxy passes them
// to a DEALER, which hands each to one of the workers; replies find their way back to the client
// that asked. Clients and workers only know the broker's two endpoints, so either side can grow
// or shrink without the other noticing.
//
//   client A (REQ)    \                               / worker 1 (REP)
//   client B (REQ)     >-- ROUTER ~ Proxy ~ DEALER --<-- worker 2 (REP)
//   client C (DEALER) /    frontend         backend   \ worker 3 (REP)
//
// How the reply finds its way: the ROUTER puts the client's routing id in front of each request,
// the REP worker keeps everything up to the empty delimiter frame (the "envelope") and puts it back
// in front of its reply, and the ROUTER sends the reply to the client that id names.
//
// A REQ client waits for each reply before its next request. A DEALER client need not: it sends
// several requests at once and takes the replies as they come, in whatever order the workers finish.
//
// Run it: dotnet run --project samples/AsyncService

using Zmq;

// The broker.
using var frontend = new RouterSocket();
string clientsEndpoint = frontend.Bind("tcp://127.0.0.1:*");
using var backend = new DealerSocket();
string workersEndpoint = backend.Bind("tcp://127.0.0.1:*");
using var stopBroker = new CancellationTokenSource();
Task broker = new Proxy(frontend, backend).RunAsync(stopBroker.Token);
Console.WriteLine($"broker:   clients connect to {clientsEndpoint}, workers to {workersEndpoint}");

using var stopWorkers = new CancellationTokenSource();
Task[] workers = [Serve("worker 1", stopWorkers.Token), Serve("worker 2", stopWorkers.Token), Serve("worker 3", stopWorkers.Token)];

// Clients and workers run concurrently as async methods: awaiting a socket holds no thread.
Task[] clients = [AskOneByOne("client A", 3), AskOneByOne("client B", 3), AskAllAtOnce("client C", 4)];
await Task.WhenAll(clients);
Console.WriteLine("done: every request got its reply; the DEALER spread them over the workers in turn.");

stopWorkers.Cancel();
await Task.WhenAll(workers);
stopBroker.Cancel();
await broker;

// A REQ client: one request, then its reply, and again.
async Task AskOneByOne(string name, int count)
{
    using var client = new ReqSocket();
    client.Connect(clientsEndpoint);
    for (int i = 1; i <= count; i++)
    {
        await client.SendAsync($"{name} request {i}");
        using Message reply = await client.ReceiveAsync();
        Console.WriteLine($"{name}: got '{reply.GetString(0)}'");
    }
}

// A DEALER client: all its requests at once, then the replies in the order they come back.
// A DEALER adds no envelope, so it writes the empty delimiter frame a REP worker expects.
async Task AskAllAtOnce(string name, int count)
{
    using var client = new DealerSocket();
    client.Connect(clientsEndpoint);
    for (int i = 1; i <= count; i++)
    {
        await client.SendAsync(new Message("", $"{name} request {i}"));
    }
    for (int i = 1; i <= count; i++)
    {
        using Message reply = await client.ReceiveAsync();   // frames: "" (the delimiter), then the reply
        Console.WriteLine($"{name}: got '{reply.GetString(1)}'");
    }
}

// A REP worker: receive, work a little, reply; until stopped.
async Task Serve(string name, CancellationToken stopping)
{
    using var worker = new RepSocket();
    worker.Connect(workersEndpoint);
    try
    {
        while (true)
        {
            using Message request = await worker.ReceiveAsync(stopping);
            await Task.Delay(Random.Shared.Next(10, 60), stopping);   // the "work"
            await worker.SendAsync($"{request.GetString(0)}, answered by {name}");
        }
    }
    catch (OperationCanceledException)
    {
        // Stopped.
    }
}
