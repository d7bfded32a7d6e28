using Zmq.Cli.Arguments;

namespace Zmq.Cli.Running;

/// <summary>The ZAP handler of a <c>--plain-server</c> socket: an <see cref="Authenticator"/> that lets in the users given.</summary>
internal static class PlainAuthenticator
{
    /// <summary>An authenticator for the <c>--plain-server</c> users, or null when there are none.</summary>
    public static Authenticator? For(CliOptions options)
    {
        if (options.PlainUsers.Count == 0)
        {
            return null;
        }
        var authenticator = new Authenticator();
        foreach (PlainCredentials user in options.PlainUsers)
        {
            authenticator.AddUser(user.Username, user.Password);
        }
        return authenticator;
    }
}
