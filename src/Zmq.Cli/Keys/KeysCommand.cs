namespace Zmq.Cli.Keys;

/// <summary>
/// <c>zmq keys</c>: a new CURVE key pair, printed in Z85 as <c>public KEY</c> and <c>secret KEY</c>
/// lines; <c>zmq keys --public SECRET</c> prints the public key of a Z85 secret key.
/// </summary>
internal static class KeysCommand
{
    /// <summary>The command name.</summary>
    public const string Name = "keys";

    /// <summary>The text of <c>zmq keys --help</c>.</summary>
    public const string Usage =
        "usage: zmq keys                  print a new CURVE key pair (Z85, 40 characters each)\n" +
        "       zmq keys --public SECRET  print the public key of the Z85 secret key SECRET\n\n" +
        "The pair is printed as two lines, 'public KEY' and 'secret KEY'. Keep the secret key\n" +
        "secret; give the public key to peers.\n";

    /// <summary>Runs the command, writing to <paramref name="output"/>; returns the exit code.</summary>
    /// <exception cref="CliException">The arguments are wrong or SECRET is not a Z85 key.</exception>
    public static int Run(string[] args, TextWriter output)
    {
        switch (args)
        {
            case []:
                CurveKeyPair pair = CurveKeyPair.Generate();
                output.WriteLine($"public {pair.PublicKeyZ85}");
                output.WriteLine($"secret {pair.SecretKeyZ85}");
                return ExitCodes.Success;
            case ["-h" or "--help"]:
                output.Write(Usage);
                return ExitCodes.Success;
            case ["--public", string secret]:
                output.WriteLine(PublicKeyOf(secret));
                return ExitCodes.Success;
            default:
                throw CliException.Usage($"unexpected arguments for keys: {string.Join(' ', args)} (see zmq keys --help)");
        }
    }

    private static string PublicKeyOf(string secret)
    {
        try
        {
            return CurveKeyPair.FromSecretKey(CurveKeyPair.ParseKey(secret)).PublicKeyZ85;
        }
        catch (ArgumentException error)
        {
            throw CliException.Usage($"--public needs a Z85 secret key: {error.Message}");
        }
    }
}
