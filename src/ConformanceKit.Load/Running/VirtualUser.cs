namespace ConformanceKit.Load;

/// <summary>A virtual user: its step context (index, state, random) and, in the closed model, its loop's state.</summary>
internal sealed class VirtualUser(StepContext context)
{
    private volatile UserState state;

    public StepContext Context { get; } = context;

    /// <summary>Iterations this user has started.</summary>
    public long Iterations { get; set; }

    public UserState State
    {
        get => state;
        set => state = value;
    }

    public Task Loop { get; set; } = Task.CompletedTask;

    /// <summary>A seed from the run's seed, the scenario's name, the model and the index (FNV-1a; the same in every process).</summary>
    public static int Seed(int runSeed, string scenario, bool openModel, int index)
    {
        var hash = 2166136261u;
        foreach (var b in BitConverter.GetBytes(runSeed).Concat(scenario.Select(c => (byte)c)).Append(openModel ? (byte)1 : (byte)0)
                     .Concat(BitConverter.GetBytes(index)))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return unchecked((int)hash);
    }
}

internal enum UserState
{
    Idle,
    Running,
    Stopping,
}
