namespace ConformanceKit.Load;

/// <summary>Closed model: <see cref="Users"/> users share exactly <see cref="Iterations"/> iterations (each user
/// claims the next one when it is free); the phase ends when the last has finished. Bounded by the run's timeout.</summary>
public sealed record FixedIterationsPhase : LoadPhase
{
    internal FixedIterationsPhase(int users, long iterations)
    {
        Users = PhaseChecks.Users(users, 1, nameof(Users));
        Iterations = iterations >= 1 && iterations <= PhaseConstants.MaxIterations
            ? iterations
            : throw new ArgumentOutOfRangeException(nameof(iterations), iterations, $"Iterations must be between 1 and {PhaseConstants.MaxIterations}.");
    }

    public int Users { get; }

    public long Iterations { get; }

    public override TimeSpan PlannedDuration => TimeSpan.Zero;

    public override bool IsOpenModel => false;

    public override string ToString() => $"{Iterations} iterations over {Users} users";
}
