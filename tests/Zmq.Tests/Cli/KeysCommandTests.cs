namespace Zmq.Tests.Cli;

/// <summary><c>zmq keys</c>: new CURVE key pairs in Z85, and the public key of a given secret key.</summary>
public class KeysCommandTests
{
    [Fact]
    public async Task Keys_prints_a_public_and_a_secret_key_that_belong_together()
    {
        ToolResult run = await ZmqTool.RunAsync("", "keys");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, run.StdoutLines.Length);
        Assert.StartsWith("public ", run.StdoutLines[0]);
        Assert.StartsWith("secret ", run.StdoutLines[1]);
        string publicKey = run.StdoutLines[0]["public ".Length..];
        string secretKey = run.StdoutLines[1]["secret ".Length..];
        Assert.Equal(40, publicKey.Length);
        Assert.Equal(publicKey, CurveKeyPair.FromSecretKey(secretKey).PublicKeyZ85);
    }

    [Fact]
    public async Task Keys_public_derives_the_public_key_libzmq_derives()
    {
        ToolResult run = await ZmqTool.RunAsync("", "keys", "--public", "}qW]%qQcT3F25VZhQ[raDCtzh2REBI8%rV%>0IH*");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["E6$VnJmHAkXQLRu{F/#twn=IGXKrXLS)8t9bkf?."], run.StdoutLines);
    }

    [Theory]
    [InlineData(new[] { "--public", "nope" }, "--public needs a Z85 secret key: a Z85 CURVE key is 40 characters, not 4")]
    [InlineData(new[] { "--public" }, "unexpected arguments for keys: --public")]
    [InlineData(new[] { "extra" }, "unexpected arguments for keys: extra")]
    public async Task Keys_with_bad_arguments_exits_1_saying_why(string[] args, string expected)
    {
        ToolResult run = await ZmqTool.RunAsync("", ["keys", .. args]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal($"zmq: {expected}", run.Stderr.TrimEnd().Split('\n')[0].Split(" (see")[0]);
    }
}
