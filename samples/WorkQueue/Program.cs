// A work queue (a "pipeline"): a ventilator hands out tasks, several workers do them in parallel,
// a sink collects the results. PUSH sends each message to one connected PULL peer, in turn
// (round-robin); PULL takes messages from all its PUSH peers fairly. Nothing is lost: when every
// worker is busy and its queue full, the ventilator's send waits.
//
//   ventilator (PUSH, binds) --> worker 1..3 (PULL ... PUSH) --> sink (PULL, binds)
//
// All in one process here, over tcp on localhost; each piece could be its own process or machine.
//
// Run it: dotnet run --project samples/WorkQueue

using System.Diagnostics;
using Zmq;

const int WorkerCount = 3;
const int TaskCount = 12;

using var ventilator = new PushSocket();
using SocketMonitor ventilatorEvents = ventilator.Monitor();
string tasksEndpoint = ventilator.Bind("tcp://127.0.0.1:*");
using var sink = new PullSocket();
string resultsEndpoint = sink.Bind("tcp://127.0.0.1:*");

using var stop = new CancellationTokenSource();
Task[] workers = [.. Enumerable.Range(1, WorkerCount).Select(id => Work(id, stop.Token))];   // async: they hold no thread while waiting

// Round-robin spreads tasks over the workers connected at the time of each send: if the
// ventilator started before every worker had connected, the first would get all the work.
// So wait for a completed handshake from each.
for (int i = 0; i < WorkerCount; i++)
{
    await ventilatorEvents.WaitForAsync(SocketEventKind.HandshakeSucceeded, TimeSpan.FromSeconds(10));
}
Console.WriteLine($"ventilator: {WorkerCount} workers connected; sending {TaskCount} tasks");

var clock = Stopwatch.StartNew();
int totalWork = 0;
for (int task = 1; task <= TaskCount; task++)
{
    int milliseconds = Random.Shared.Next(20, 120);   // how long this task takes
    totalWork += milliseconds;
    ventilator.Send(new Message($"{task}", $"{milliseconds}"));
}

var perWorker = new Dictionary<string, int>();
for (int i = 0; i < TaskCount; i++)
{
    using Message result = sink.Receive();
    string worker = result.GetString(0);
    perWorker[worker] = perWorker.GetValueOrDefault(worker) + 1;
    Console.WriteLine($"sink:       task {result.GetString(1),2} done by {worker} in {result.GetString(2)} ms");
}
Console.WriteLine($"sink:       all {TaskCount} tasks in {clock.ElapsedMilliseconds} ms; one worker alone would need about {totalWork} ms");
Console.WriteLine($"sink:       tasks per worker: {string.Join(", ", perWorker.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}");

stop.Cancel();
await Task.WhenAll(workers);

// A worker pulls a task, works, and pushes the result to the sink, until stopped.
async Task Work(int id, CancellationToken stopping)
{
    using var tasks = new PullSocket();
    tasks.Connect(tasksEndpoint);
    using var results = new PushSocket();
    results.Connect(resultsEndpoint);
    string name = $"worker {id}";
    try
    {
        while (true)
        {
            using Message task = await tasks.ReceiveAsync(stopping);
            int milliseconds = int.Parse(task.GetString(1));
            await Task.Delay(milliseconds, stopping);   // the "work"
            await results.SendAsync(new Message(name, task.GetString(0), $"{milliseconds}"), stopping);
        }
    }
    catch (OperationCanceledException)
    {
        // Stopped.
    }
}
