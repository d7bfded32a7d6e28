namespace Zmq.Cli;
public static class Program
{
    public static int Main(string[] args)
    {
        using var s = new Zmq.PushSocket();
        Console.WriteLine(s.Bind("tcp://127.0.0.1:*"));
        return 0;
    }
}
