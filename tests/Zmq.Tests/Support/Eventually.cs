namespace Zmq.Tests.Support;

/// <summary>Bounded waiting for tests: poll a condition with a deadline instead of sleeping a fixed time.</summary>
public static class Eventually
{
    /// <summary>Default bound for anything that should happen "soon".</summary>
    public static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    /// <summary>Waits until <paramref name="condition"/> holds, failing with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Soon);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for: {what}");
            }
            await Task.Delay(5);
        }
    }
}
