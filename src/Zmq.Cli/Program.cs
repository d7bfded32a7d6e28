namespace Zmq.Cli;

/// <summary>Entry point of the <c>zmq</c> command-line tool.</summary>
public static class Program
{
    /// <summary>Runs the tool.</summary>
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("zmq: not implemented yet");
        return 1;
    }
}
