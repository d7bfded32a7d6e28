namespace Zmq.Pipes;

/// <summary>
/// Recycles the <see cref="Message"/> objects that carry messages inside the library, so that
/// steady-state traffic allocates nothing per message.
/// </summary>
/// <remarks>
/// Contract: any thread may rent or return; a message returned must not be used again by the
/// returner. Each thread keeps a small private stack and trades batches with a shared, locked
/// stack, so the lock is taken once per <see cref="Batch"/> operations. Messages handed to the
/// application are never returned here (the application cannot be trusted to stop using them);
/// the pool simply allocates a replacement.
/// </remarks>
internal static class MessagePool
{
    private const int LocalCapacity = 64;
    private const int Batch = 32;
    private const int SharedCapacity = 8192;

    [ThreadStatic]
    private static Message[]? t_local;
    [ThreadStatic]
    private static int t_localCount;

    private static readonly Lock s_lock = new();
    private static readonly Message[] s_shared = new Message[SharedCapacity];
    private static int s_sharedCount;

    /// <summary>An empty message, recycled when possible.</summary>
    public static Message Rent()
    {
        Message[]? local = t_local;
        if (local is not null && t_localCount > 0)
        {
            int index = --t_localCount;
            Message message = local[index];
            local[index] = null!;
            return message;
        }
        return RentSlow();
    }

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
        Message[] local = t_local ??= new Message[LocalCapacity];
        if (t_localCount == LocalCapacity)
        {
            SpillToShared(local);
        }
        local[t_localCount++] = message;
    }

    private static Message RentSlow()
    {
        Message[] local = t_local ??= new Message[LocalCapacity];
        lock (s_lock)
        {
            int take = Math.Min(Batch, s_sharedCount);
            for (int i = 0; i < take; i++)
            {
                local[t_localCount++] = s_shared[--s_sharedCount];
                s_shared[s_sharedCount] = null!;
            }
        }
        if (t_localCount > 0)
        {
            int index = --t_localCount;
            Message message = local[index];
            local[index] = null!;
            return message;
        }
        return new Message();
    }

    private static void SpillToShared(Message[] local)
    {
        lock (s_lock)
        {
            for (int i = 0; i < Batch; i++)
            {
                Message message = local[--t_localCount];
                local[t_localCount] = null!;
                if (s_sharedCount < SharedCapacity)
                {
                    s_shared[s_sharedCount++] = message;
                }
            }
        }
    }
}
