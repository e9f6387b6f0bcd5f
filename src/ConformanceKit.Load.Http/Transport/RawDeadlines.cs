using System.Diagnostics;

namespace ConformanceKit.Load.Http;

/// <summary>
/// The raw transport's request timeouts without a timer per request: each connection keeps its request's deadline in
/// a field, and one shared timer looks every <see cref="Period"/> for a deadline that has passed and closes that
/// request's connection (its pending send or receive then fails, and the connection reports the timeout). So a request
/// times out within a period after its deadline. The timer runs while any connection is open and stops after.
/// </summary>
internal static class RawDeadlines
{
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private static readonly Lock Gate = new();
    private static readonly HashSet<RawHttpConnection> Watched = [];
    private static RawHttpConnection[] snapshot = [];
    private static Timer? timer;

    public static void Watch(RawHttpConnection connection)
    {
        lock (Gate)
        {
            if (Watched.Add(connection))
            {
                snapshot = [.. Watched];
                timer ??= new Timer(static _ => Sweep(), null, Period, Period);
            }
        }
    }

    public static void Forget(RawHttpConnection connection)
    {
        lock (Gate)
        {
            if (Watched.Remove(connection))
            {
                snapshot = [.. Watched];
                if (Watched.Count == 0)
                {
                    timer?.Dispose();
                    timer = null;
                }
            }
        }
    }

    private static void Sweep()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var connection in Volatile.Read(ref snapshot))
        {
            connection.ExpireIfLate(now);
        }
    }
}
