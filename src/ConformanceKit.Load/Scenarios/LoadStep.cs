namespace ConformanceKit.Load;

/// <summary>
/// One named step of a scenario: an async delegate that does one unit of work (for the HTTP workloads, one
/// request) and reports a <see cref="StepOutcome"/>. A step that throws is recorded as a failure with the
/// exception's message; a step cancelled by the run's token is recorded as interrupted.
/// </summary>
public sealed class LoadStep
{
    public LoadStep(string name, Func<StepContext, CancellationToken, ValueTask<StepOutcome>> run)
    {
        Name = Names.Check(name, "Step name");
        Run = run ?? throw new ArgumentNullException(nameof(run));
    }

    public string Name { get; }

    public Func<StepContext, CancellationToken, ValueTask<StepOutcome>> Run { get; }

    public override string ToString() => Name;
}
