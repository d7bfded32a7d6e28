// Encrypted and authenticated messaging with CURVE, and a ZAP handler that decides who gets in.
//
// The server has a long-term key pair and gives its public key to its clients; a client that
// knows it can connect, and everything it sends travels encrypted with keys made for that one
// connection. The server also checks who the client is: the Authenticator (the process's ZAP
// handler) lets in only the client keys it was given. A client with an unknown key is refused,
// and its socket's monitor says why.
//
// Key pairs are usually made once, with `zmq keys`, and kept: CurveKeyPair.FromSecretKey reads the
// Z85 text it prints. Here they are made fresh each run.
//
// Run it: dotnet run --project samples/Secure

using Zmq;

CurveKeyPair serverKeys = CurveKeyPair.Generate();
CurveKeyPair trustedKeys = CurveKeyPair.Generate();
Console.WriteLine($"server public key: {serverKeys.PublicKeyZ85}");

await using var authenticator = new Authenticator();
authenticator.AddCurveKey(trustedKeys.PublicKey.Span);   // only this client may connect

using var server = new RepSocket { CurveServer = true, CurveKeys = serverKeys };
string endpoint = server.Bind("tcp://127.0.0.1:*");

using var trusted = new ReqSocket { CurveServerKey = serverKeys.PublicKey, CurveKeys = trustedKeys };
trusted.Connect(endpoint);
trusted.Send("what is the secret?");
using (Message question = server.Receive())
{
    Console.WriteLine($"server: received '{question.GetString(0)}' over an encrypted connection");
    server.Send("the secret is 42");
}
using (Message answer = trusted.Receive())
{
    Console.WriteLine($"trusted client: received '{answer.GetString(0)}'");
}

// A client whose key the authenticator does not know: the handshake fails and nothing gets through.
using var stranger = new ReqSocket { CurveServerKey = serverKeys.PublicKey, Linger = TimeSpan.Zero };
using SocketMonitor events = stranger.Monitor();
stranger.Connect(endpoint);
SocketEvent refused = await events.WaitForAsync(SocketEventKind.HandshakeFailed, TimeSpan.FromSeconds(10));
Console.WriteLine($"stranger: refused ({refused.Detail})");
Console.WriteLine("done: only the trusted client got in.");
