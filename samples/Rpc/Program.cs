// Remote procedure calls with REQ and REP.
//
// The client's REQ socket sends a request and must receive its reply before it sends another; the
// server's REP socket receives a request and must send its reply before it receives another. (Out
// of turn, both throw ZmqException with ZmqError.InvalidState.) The reply goes back to whichever
// client asked, so one server serves many clients.
//
// Here the server is a thread of the same process and they talk over tcp on localhost: moved to
// another process or machine, only the endpoint changes.
//
// Run it: dotnet run --project samples/Rpc

using System.Diagnostics;
using Zmq;

using var server = new RepSocket();
string endpoint = server.Bind("tcp://127.0.0.1:*");   // "*": the system picks a free port
Console.WriteLine($"server: listening on {endpoint}");

using var stop = new CancellationTokenSource();
Task serverLoop = Task.Run(async () =>
{
    try
    {
        while (true)
        {
            // ReceiveAsync waits without holding a thread, and stops when the token is cancelled.
            using Message request = await server.ReceiveAsync(stop.Token);
            string reply = Calculate(request.GetString(0));
            await server.SendAsync(reply);
        }
    }
    catch (OperationCanceledException)
    {
        // Stopped.
    }
});

using var client = new ReqSocket();
client.Connect(endpoint);   // returns at once; the connection is made in the background
foreach (string call in new[] { "add 2 3", "multiply 6 7", "upper hello", "divide 1 0", "add 40 2" })
{
    var clock = Stopwatch.StartNew();
    client.Send(call);   // queued until the connection is up
    // A reply that never comes (a crashed server) would block Receive forever: bound the wait.
    if (!client.TryReceive(TimeSpan.FromSeconds(5), out Message? reply))
    {
        Console.WriteLine("client: no reply within 5 s");
        break;
    }
    using (reply)
    {
        // The first call also pays for connecting (and for .NET compiling the code on first use).
        Console.WriteLine($"client: {call,-13} -> {reply.GetString(0),-28} ({clock.Elapsed.TotalMilliseconds:0.00} ms)");
    }
}

stop.Cancel();
serverLoop.Wait();
Console.WriteLine("done: 5 calls, each answered before the next was sent.");

// The "procedures" the server offers.
static string Calculate(string request)
{
    string[] words = request.Split(' ');
    return (words[0], words.Length) switch
    {
        ("add", 3) => (long.Parse(words[1]) + long.Parse(words[2])).ToString(),
        ("multiply", 3) => (long.Parse(words[1]) * long.Parse(words[2])).ToString(),
        ("divide", 3) when long.Parse(words[2]) == 0 => "error: division by zero",
        ("divide", 3) => (long.Parse(words[1]) / long.Parse(words[2])).ToString(),
        ("upper", 2) => words[1].ToUpperInvariant(),
        _ => $"error: unknown request '{request}'",
    };
}
