namespace ConformanceKit.Load;

/// <summary>
/// The open model's arrivals. Each phase's schedule runs on a thread of its own, which waits for each arrival's due
/// time and starts the iteration there, so an iteration's synchronous part (up to its first real wait) runs on that
/// thread: a step that blocks delays the arrivals behind it, and their latency, measured from their intended start,
/// shows it (coordinated-omission correction, as in wrk2). An arrival finding MaxInFlight iterations running is
/// dropped. Each running iteration holds a slot, a virtual user whose state carries over to its next iteration.
/// </summary>
internal sealed class OpenModel(IterationRunner runner, RunClock clock, Func<int, VirtualUser> newUser, CancellationToken cancellationToken)
{
    private readonly Lock sync = new();
    private readonly Stack<VirtualUser> free = new();
    private readonly TaskCompletionSource idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int created;
    private int inFlight;
    private long dropped;
    private bool closing;

    public int InFlight => Volatile.Read(ref inFlight);

    public long Dropped => Volatile.Read(ref dropped);

    public Task RunPhaseAsync(OpenModelPhase phase, CancellationToken stop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Schedule(phase, stop);
                done.TrySetResult();
            }
            catch (Exception exception) // Passed to the awaiting phase; a thread of its own must not end the process.
            {
                done.TrySetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = "load arrivals",
        };
        thread.Start();
        return done.Task.WaitAsync(stop);
    }

    /// <summary>Completes when no iteration is in flight; no arrival starts after this is called.</summary>
    public Task StopAsync()
    {
        lock (sync)
        {
            closing = true;
            if (inFlight == 0)
            {
                idle.TrySetResult();
            }
        }

        return idle.Task;
    }

    private void Schedule(OpenModelPhase phase, CancellationToken stop)
    {
        var start = clock.Now;
        for (var k = 0L; phase.ArrivalTime(k) is { } offset; k++)
        {
            var due = clock.After(start, offset);
            if (!clock.WaitUntil(due, stop))
            {
                return;
            }

            if (TryRent(phase.MaxInFlight) is not { } user)
            {
                Interlocked.Increment(ref dropped);
                continue;
            }

            _ = RunAsync(user, due);
        }

        clock.WaitUntil(clock.After(start, phase.Duration), stop);
    }

    private async Task RunAsync(VirtualUser user, long due)
    {
        try
        {
            await runner.RunAsync(user, due, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Return(user);
        }
    }

    private VirtualUser? TryRent(int maxInFlight)
    {
        lock (sync)
        {
            if (closing || inFlight >= maxInFlight)
            {
                return null;
            }

            inFlight++;
            return free.Count > 0 ? free.Pop() : newUser(created++);
        }
    }

    private void Return(VirtualUser user)
    {
        lock (sync)
        {
            free.Push(user);
            inFlight--;
            if (inFlight == 0 && closing)
            {
                idle.TrySetResult();
            }
        }
    }
}
