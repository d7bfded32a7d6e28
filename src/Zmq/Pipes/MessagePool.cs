namespace Zmq.Pipes;

/// <summary>
/// Recycles the <see cref="Message"/> objects that carry messages inside the library, so that
/// steady-state traffic allocates nothing per message.
/// </summary>
/// <remarks>
/// Contract: any thread may rent or return; a message returned must not be used again by the
/// returner. Messages handed to the application are never returned here (the application cannot be
/// trusted to stop using them); the pool simply allocates a replacement.
/// </remarks>
internal static class MessagePool
{
    private static readonly BatchedPool<Message> s_pool = new(localCapacity: 64, sharedCapacity: 8192);

    /// <summary>An empty message, recycled when possible.</summary>
    public static Message Rent() => s_pool.TryTake() ?? new Message();

    /// <summary>A pooled message holding copies of every frame of <paramref name="source"/> (one per receiver when sending to several).</summary>
    public static Message RentCopyOf(Message source)
    {
        Message copy = Rent();
        copy.AppendCopyOf(source);
        return copy;
    }

    /// <summary>Clears <paramref name="message"/> and keeps it for reuse. The caller gives up the reference.</summary>
    public static void Return(Message message)
    {
        message.Clear();
        s_pool.Give(message);
    }
}
