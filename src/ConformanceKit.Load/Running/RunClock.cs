namespace ConformanceKit.Load;

/// <summary>Monotonic time from <see cref="TimeProvider.GetTimestamp"/>, measured from the load's start.</summary>
internal sealed class RunClock(TimeProvider time)
{
    private readonly double microsecondsPerTick = 1_000_000.0 / time.TimestampFrequency;

    public TimeProvider Time => time;

    public long Origin { get; private set; } = time.GetTimestamp();

    public long Now => time.GetTimestamp();

    public TimeSpan Elapsed => time.GetElapsedTime(Origin);

    /// <summary>Makes now the origin (the load starts after the init hooks).</summary>
    public void Restart() => Origin = time.GetTimestamp();

    public TimeSpan Since(long timestamp) => time.GetElapsedTime(Origin, timestamp);

    public long After(long timestamp, TimeSpan span) => timestamp + (long)(span.TotalSeconds * time.TimestampFrequency);

    public long Microseconds(long from, long to) => (long)((to - from) * microsecondsPerTick);

    /// <summary>The whole second of the load <paramref name="timestamp"/> falls in.</summary>
    public int Second(long timestamp) => (int)Math.Clamp((timestamp - Origin) / time.TimestampFrequency, -1, int.MaxValue);

    /// <summary>Waits on the calling thread until <paramref name="due"/>; false when <paramref name="stop"/> came first.
    /// With the system clock it waits on the token's handle, in whole milliseconds rounded up, so it wakes about 0.6 ms
    /// after <paramref name="due"/> and never before (Task.Delay here is 1 to 4 ms late); another provider's delays
    /// are awaited instead, so a fake clock drives it.</summary>
    public bool WaitUntil(long due, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var remaining = time.GetElapsedTime(Now, due);
            if (remaining <= TimeSpan.Zero)
            {
                return true;
            }

            if (ReferenceEquals(time, TimeProvider.System))
            {
                stop.WaitHandle.WaitOne((int)Math.Ceiling(Math.Min(remaining.TotalMilliseconds, 1000)));
                continue;
            }

            try
            {
                Task.Delay(remaining, time, stop).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Awaits until <paramref name="due"/> (for phase boundaries, where a millisecond or two does not matter).</summary>
    public Task DelayUntil(long due, CancellationToken stop)
    {
        var remaining = time.GetElapsedTime(Now, due);
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, time, stop) : Task.CompletedTask;
    }
}
