namespace ConformanceKit.Load;

/// <summary>What a closed-model phase lets users start: any number of iterations (a timed phase, which ends by the
/// clock), or a fixed budget (<see cref="BudgetGate"/>).</summary>
internal class IterationGate
{
    public virtual bool TryClaim() => true;

    public virtual void Complete()
    {
    }
}

/// <summary>Exactly <paramref name="total"/> iterations, claimed one at a time; <see cref="AllDone"/> when all have ended.</summary>
internal sealed class BudgetGate(long total) : IterationGate
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long claimed;
    private long completed;

    public Task AllDone => done.Task;

    public override bool TryClaim()
    {
        while (true)
        {
            var seen = Volatile.Read(ref claimed);
            if (seen >= total)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref claimed, seen + 1, seen) == seen)
            {
                return true;
            }
        }
    }

    public override void Complete()
    {
        if (Interlocked.Increment(ref completed) == total)
        {
            done.TrySetResult();
        }
    }
}
