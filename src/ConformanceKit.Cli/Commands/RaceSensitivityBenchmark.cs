using System.Diagnostics;
using System.Globalization;
using ConformanceKit.Http;
using ConformanceKit.Races;
using ConformanceKit.ReferenceServer;
using ConformanceKit.ReferenceServer.Hosting;
using ConformanceKit.Targets;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// <c>conformancekit bench races</c>: how reliably, and how soon, a race block catches a check-then-write
/// race. For each window, <c>--runs</c> runs; each starts a fresh reference server on loopback with
/// <c>non-atomic-write:&lt;window&gt;</c> (so no run inherits another's document, connections or history),
/// creates a fresh document and races <c>--clients</c> clients on it round after round until the first
/// violation or until <c>--duration</c> is used up, with seed <c>--seed</c> + run index. First, the correct
/// server runs once for the same duration as a control: any violation there is a harness bug (exit 1).
/// </summary>
internal static class RaceSensitivityBenchmark
{
    private static readonly TimeSpan GoalWindow = TimeSpan.FromMicroseconds(100);
    private static readonly TimeSpan GoalDuration = TimeSpan.FromSeconds(2);
    private const int GoalPercent = 95;
    private const string Goal = "a 100us window caught in at least 95% of 2-second runs";

    // Every request is bounded, and so is every run: its budget, plus a round's three steps at most.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    public static async Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var options = RaceSensitivityOptions.Parse(args);
        var total = Stopwatch.StartNew();
        await output.WriteLineAsync(
            $"race sensitivity: defect non-atomic-write, {N(options.Clients)} clients, {Plural(options.Runs, "run")} of {Time(options.Duration)} per window, "
            + $"seeds {N(options.Seed)}..{N(unchecked(options.Seed + options.Runs - 1))}; a fresh reference server on loopback per run; "
            + $"{Plural(Environment.ProcessorCount, "core")}").ConfigureAwait(false);
        try
        {
            // The control comes first: it also warms up the JIT on the request paths every run shares.
            var control = await MeasureAsync([], options.Seed, options, stopAtFirstViolation: false, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"control (correct server, {Time(options.Duration)}): {N(control.Violations.Count)} violations in {N(control.Rounds)} rounds{NoResponse(control.NoResponse)}").ConfigureAwait(false);
            if (control.Violations.Count > 0)
            {
                foreach (var violation in control.Violations.Take(3))
                {
                    await output.WriteLineAsync(violation.Describe()).ConfigureAwait(false);
                }

                await error.WriteLineAsync("error: the correct server showed violations: the harness (race runner or history checker) is wrong, so the detection figures would mean nothing; stopped").ConfigureAwait(false);
                return ExitCodes.NonConformant;
            }

            var summaries = new List<(TimeSpan Window, IReadOnlyList<RaceMeasurement> Runs)>();
            foreach (var window in options.Windows)
            {
                var runs = new List<RaceMeasurement>();
                for (var run = 0; run < options.Runs; run++)
                {
                    var seed = unchecked(options.Seed + run);
                    var measured = await MeasureAsync([$"{Defects.NonAtomicWrite.Name}:{DefectWindow.Format(window)}"], seed, options, stopAtFirstViolation: true, cancellationToken).ConfigureAwait(false);
                    runs.Add(measured);
                    if (options.Verbose)
                    {
                        await output.WriteLineAsync(RunLine(window, run, measured)).ConfigureAwait(false);
                    }
                }

                summaries.Add((window, runs));
                await output.WriteLineAsync(WindowLine(window, runs, options.Duration)).ConfigureAwait(false);
            }

            await output.WriteLineAsync(GoalLine(summaries, options.Duration)).ConfigureAwait(false);
            await output.WriteLineAsync($"done in {total.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s").ConfigureAwait(false);
            return ExitCodes.Conformant;
        }
        catch (CannotRunException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.CannotRun;
        }
    }

    private static async Task<RaceMeasurement> MeasureAsync(IReadOnlyList<string> defects, int seed, RaceSensitivityOptions options, bool stopAtFirstViolation, CancellationToken cancellationToken)
    {
        var what = defects.Count == 0 ? "the correct server" : string.Join(", ", defects);
        var limit = options.Duration + (4 * RequestTimeout) + TimeSpan.FromSeconds(10);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var target = TargetDefinition.InBoxReference("bench-races", defects, "bench races");
        try
        {
            await using var session = await TargetSession.OpenAsync(target, new ReferenceTargetLauncher(), new ClientSettings { RequestTimeout = RequestTimeout }, TimeProvider.System, deadline.Token).ConfigureAwait(false);
            var created = await FreshResource.CreateAsync(session, "bench-races-" + N(seed), """{"counter":0}""", deadline.Token).ConfigureAwait(false);
            if (created.Error is not null)
            {
                throw new CannotRunException($"{what} (seed {N(seed)}): the document to race on could not be created: {created.Error}");
            }

            var raceOptions = new RaceOptions
            {
                Clients = options.Clients,
                Rounds = RaceDefaults.MaxRounds,
                Seed = seed,
                RequestTimeout = RequestTimeout,
                Budget = options.Duration,
                StopAtFirstViolation = stopAtFirstViolation,
            };
            var result = await RaceRunner.RunAsync(session, created.Path!, raceOptions, deadline.Token).ConfigureAwait(false);
            return RaceMeasurement.Of(result, seed, out var problem)
                ?? throw new CannotRunException($"{what} (seed {N(seed)}): the race could not run: {problem}");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new CannotRunException($"{what} (seed {N(seed)}): the run did not end within {Time(limit)}");
        }
    }

    private static string RunLine(TimeSpan window, int run, RaceMeasurement m)
    {
        var outcome = m.Detected
            ? $"detected in round {N(m.DetectionRound!.Value)} at {Time(m.TimeToDetection!.Value)} ({string.Join(", ", m.Violations.Select(v => v.Kind.Id()).Distinct())})"
            : $"not detected in {N(m.Rounds)} rounds ({Time(m.Elapsed)})";
        return $"  window {DefectWindow.Format(window)} run {N(run + 1)} (seed {N(m.Seed)}): {outcome}; writes released over {Time(m.MedianReleaseSpread)} (median per round){NoResponse(m.NoResponse)}";
    }

    private static string WindowLine(TimeSpan window, List<RaceMeasurement> runs, TimeSpan duration)
    {
        var detected = runs.Where(r => r.Detected).ToList();
        var line = $"window {DefectWindow.Format(window)}: detected in {N(detected.Count)}/{N(runs.Count)} runs ({Percent(detected.Count, runs.Count)})";
        if (detected.Count > 0)
        {
            var times = detected.Select(r => r.TimeToDetection!.Value).ToList();
            var rounds = detected.Select(r => r.DetectionRound!.Value).ToList();
            line += $", time to first detection median {Time(Percentile(times, 50))} p95 {Time(Percentile(times, 95))} max {Time(times.Max())}, "
                + $"rounds median {N(Percentile(rounds, 50))} max {N(rounds.Max())}";
        }

        var missed = runs.Where(r => !r.Detected).ToList();
        if (missed.Count > 0)
        {
            var rounds = N(Percentile(missed.Select(r => r.Rounds).ToList(), 50));
            line += missed.Count == 1
                ? $"; the run without detection raced {rounds} rounds in {Time(duration)}"
                : $"; the {N(missed.Count)} runs without detection raced median {rounds} rounds in {Time(duration)}";
        }

        var noResponse = runs.Sum(r => r.NoResponse);
        return line + NoResponse(noResponse);
    }

    private static string GoalLine(IReadOnlyList<(TimeSpan Window, IReadOnlyList<RaceMeasurement> Runs)> summaries, TimeSpan duration)
    {
        var measured = summaries.FirstOrDefault(s => s.Window == GoalWindow);
        if (measured.Runs is null)
        {
            return $"goal ({Goal}): not assessed, --windows has no 100us";
        }

        var caught = measured.Runs.Count(r => r.Detected);
        var figure = $"{N(caught)}/{N(measured.Runs.Count)} runs ({Percent(caught, measured.Runs.Count)})";
        if (duration != GoalDuration)
        {
            return $"goal ({Goal}): not assessed, runs were {Time(duration)}, not 2 s; 100us caught in {figure}";
        }

        var met = caught * 100 >= GoalPercent * measured.Runs.Count;
        return $"goal ({Goal}): {(met ? "met" : "NOT met")}, caught in {figure}";
    }

    /// <summary>Nearest-rank percentile: the smallest value with at least <paramref name="percent"/>% of the values at or below it.</summary>
    private static T Percentile<T>(IReadOnlyList<T> values, int percent)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100d * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    private static string Percent(int part, int whole) =>
        (100d * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string NoResponse(int count) => count == 0 ? string.Empty : $" ({N(count)} requests got no response)";

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Plural(int value, string noun) => value == 1 ? $"1 {noun}" : $"{N(value)} {noun}s";

    /// <summary>Milliseconds with a precision that suits the size (0.42 ms, 3.1 ms, 12 ms), seconds from 10 s.</summary>
    private static string Time(TimeSpan span)
    {
        var ms = span.TotalMilliseconds;
        return ms switch
        {
            >= 10_000 => (ms / 1000).ToString("0.#", CultureInfo.InvariantCulture) + " s",
            >= 1000 when ms % 1000 == 0 => (ms / 1000).ToString("0", CultureInfo.InvariantCulture) + " s",
            >= 10 => ms.ToString("0", CultureInfo.InvariantCulture) + " ms",
            >= 1 => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
            _ => ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        };
    }

    /// <summary>A run could not be carried out (exit 3).</summary>
    private sealed class CannotRunException(string message) : Exception(message);
}
