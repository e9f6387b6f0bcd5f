using System.Runtime.CompilerServices;

namespace ConformanceKit.Load;

/// <summary>
/// Runs one iteration: the steps in order, the first failure ending it. A step's latency runs from the iteration's
/// intended start for the first step (the actual start in the closed model) and from its own start for the others,
/// so an iteration's latency is the sum of its steps'; service time always runs from the actual start. A throwing
/// step is a failure with the exception's message; cancellation by the run is an interruption, recorded nowhere else.
/// An iteration allocates nothing of its own: its state machine is pooled, and the records go into preallocated stats.
/// </summary>
internal sealed class IterationRunner
{
    private readonly IReadOnlyList<LoadStep> steps;
    private readonly RunClock clock;
    private readonly long lateTicks;
    private readonly string[] failedAt;
    private long sequence;
    private long started;
    private long late;
    private long interrupted;

    public IterationRunner(LoadScenario scenario, RunClock clock, TimeSpan lateTolerance)
    {
        steps = scenario.Steps;
        this.clock = clock;
        lateTicks = (long)(lateTolerance.TotalSeconds * clock.Time.TimestampFrequency);
        failedAt = [.. steps.Select(s => $"failed at step '{s.Name}'")];
        Steps = [.. steps.Select(_ => new MetricRecorder())];
    }

    public IReadOnlyList<MetricRecorder> Steps { get; }

    public MetricRecorder Iterations { get; } = new();

    public long Started => Volatile.Read(ref started);

    public long Late => Volatile.Read(ref late);

    public long Interrupted => Volatile.Read(ref interrupted);

    /// <param name="intended">The open model's schedule; null in the closed model.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask RunAsync(VirtualUser user, long? intended, CancellationToken cancellationToken)
    {
        var context = user.Context;
        var start = clock.Now;
        var origin = intended is { } due && due < start ? due : start;
        Interlocked.Increment(ref started);
        if (intended is { } scheduled && start - scheduled > lateTicks)
        {
            Interlocked.Increment(ref late);
        }

        context.Iteration = Interlocked.Increment(ref sequence) - 1;
        context.UserIteration = user.Iterations++;
        long bytesIn = 0, bytesOut = 0;
        var failedStep = -1;
        var stepStart = start;
        for (var i = 0; i < steps.Count && failedStep < 0; i++)
        {
            context.StepName = steps[i].Name;
            StepOutcome outcome;
            try
            {
                outcome = await steps[i].Run(context, cancellationToken).ConfigureAwait(false) ?? StepOutcome.Fail("the step returned no outcome");
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Interlocked.Increment(ref interrupted);
                return;
            }
            catch (Exception exception) // A step's exception is its failure, never the run's.
            {
                outcome = StepOutcome.FromException(exception);
            }

            var end = clock.Now;
            Steps[i].Record(outcome, clock.Microseconds(i == 0 ? origin : stepStart, end), clock.Microseconds(stepStart, end), clock.Second(end));
            bytesIn += outcome.BytesIn;
            bytesOut += outcome.BytesOut;
            failedStep = outcome.IsOk ? -1 : i;
            stepStart = end;
        }

        Iterations.Record(failedStep < 0, null, bytesIn, bytesOut, failedStep < 0 ? null : failedAt[failedStep], [],
            clock.Microseconds(origin, stepStart), clock.Microseconds(start, stepStart), clock.Second(stepStart));
    }
}
