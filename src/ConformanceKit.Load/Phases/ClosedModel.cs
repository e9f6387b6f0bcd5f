namespace ConformanceKit.Load;

/// <summary>
/// The closed model's users: <see cref="Apply"/> sets which gate they claim iterations from and how many loop.
/// Users below the target loop (idle ones are started, stopping ones kept); users above it stop after their current
/// iteration. Users and their state carry over from one closed phase to the next. A user whose claim fails (a
/// fixed budget used up) goes idle until the next gate.
/// </summary>
internal sealed class ClosedModel(IterationRunner runner, Func<int, VirtualUser> newUser, CancellationToken cancellationToken)
{
    private readonly Lock sync = new();
    private readonly List<VirtualUser> users = [];
    private IterationGate? gate;
    private int target;
    private int running;

    /// <summary>Users looping now, those finishing a last iteration included.</summary>
    public int Running => Volatile.Read(ref running);

    public void Apply(IterationGate? next, int count)
    {
        lock (sync)
        {
            var changed = !ReferenceEquals(next, gate);
            Volatile.Write(ref gate, next);
            while (users.Count < count)
            {
                users.Add(newUser(users.Count));
            }

            // With the same gate only the users between the old and the new target change; a new gate also wakes users
            // that went idle on the old one.
            var from = changed ? 0 : Math.Min(target, count);
            for (var i = from; i < Math.Max(target, count); i++)
            {
                var user = users[i];
                if (i < count && user.State == UserState.Idle)
                {
                    user.State = UserState.Running;
                    Interlocked.Increment(ref running);
                    user.Loop = Task.Run(() => LoopAsync(user), CancellationToken.None);
                }
                else if (i < count)
                {
                    user.State = UserState.Running;
                }
                else if (user.State == UserState.Running)
                {
                    user.State = UserState.Stopping;
                }
            }

            target = count;
        }
    }

    /// <summary>Stops every user after its current iteration; completes when all have.</summary>
    public Task StopAsync()
    {
        lock (sync)
        {
            Apply(null, 0);
            foreach (var user in users.Where(u => u.State == UserState.Running))
            {
                user.State = UserState.Stopping;
            }

            return Task.WhenAll(users.Select(u => u.Loop));
        }
    }

    private async Task LoopAsync(VirtualUser user)
    {
        var synchronousInARow = 0;
        while (true)
        {
            var current = Volatile.Read(ref gate);
            if (user.State != UserState.Running || current is null || cancellationToken.IsCancellationRequested || !current.TryClaim())
            {
                if (Retire(user, current))
                {
                    return;
                }

                continue;
            }

            bool synchronous;
            try
            {
                var iteration = runner.RunAsync(user, null, cancellationToken);
                synchronous = iteration.IsCompleted;
                await iteration.ConfigureAwait(false);
            }
            finally
            {
                current.Complete();
            }

            // Steps that never wait would keep this thread forever: after 16 iterations in a row that did not wait, let
            // others run. In a row, not every 16th: an HTTP step completes at once whenever its response is already
            // there (about half the time on loopback), and yielding then would move the user to the thread pool and
            // wake a worker for nothing (the load benchmark's profile: a sched_yield per request).
            synchronousInARow = synchronous ? synchronousInARow + 1 : 0;
            if (synchronousInARow >= 16)
            {
                synchronousInARow = 0;
                await Task.Yield();
            }
        }
    }

    /// <summary>Ends the user's loop, unless it is still wanted and a new gate has come since it last looked.</summary>
    private bool Retire(VirtualUser user, IterationGate? seen)
    {
        lock (sync)
        {
            if (user.State == UserState.Running && gate is not null && !ReferenceEquals(gate, seen) && !cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            user.State = UserState.Idle;
            Interlocked.Decrement(ref running);
            return true;
        }
    }
}
