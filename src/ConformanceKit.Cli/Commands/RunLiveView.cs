using System.Collections.Concurrent;
using System.Globalization;
using ConformanceKit.Checks;
using ConformanceKit.Runs;
using Spectre.Console;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// The run's live progress in a terminal (not under CI, not piped, not <c>--quiet</c>): a Spectre.Console progress
/// bar over the selected checks whose label counts the verdicts so far, with the line of every check that did not
/// pass printed above it as it ends. Results are queued by the run and drawn on the display's loop alone. The end
/// summary is <see cref="RunConsole.Summary"/>, as in the other modes. Not tested headless: keep it this small.
/// </summary>
internal static class RunLiveView
{
    public static async Task<RunResult> RunAsync(int total, Baseline baseline, Func<IProgress<CheckResult>, Task<RunResult>> run)
    {
        var queue = new ConcurrentQueue<CheckResult>();
        var counts = new Dictionary<Verdict, int>();
        RunResult? result = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Label(counts, 0, total), maxValue: total);
                var running = run(new QueueProgress(queue));
                var done = 0;
                while (true)
                {
                    var finished = running.IsCompleted;
                    while (queue.TryDequeue(out var check))
                    {
                        done++;
                        counts[check.Verdict] = counts.GetValueOrDefault(check.Verdict) + 1;
                        if (check.Verdict != Verdict.Pass || baseline.Find(check.Check.Id) is not null)
                        {
                            AnsiConsole.WriteLine(RunConsole.CheckLine(check, baseline));
                        }

                        task.Increment(1);
                        task.Description = Label(counts, done, total);
                    }

                    if (finished)
                    {
                        break;
                    }

                    await Task.WhenAny(running, Task.Delay(100)).ConfigureAwait(false);
                }

                result = await running.ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result!;
    }

    private static string Label(Dictionary<Verdict, int> counts, int done, int total)
    {
        static string Count(Dictionary<Verdict, int> counts, Verdict verdict, string colour) =>
            counts.GetValueOrDefault(verdict) is var n and > 0 ? $"[{colour}]{n.ToString(CultureInfo.InvariantCulture)} {verdict.ToString().ToLowerInvariant()}[/] " : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{done}/{total} checks ")
            + Count(counts, Verdict.Pass, "green") + Count(counts, Verdict.Fail, "red") + Count(counts, Verdict.Warn, "yellow")
            + Count(counts, Verdict.Info, "blue") + Count(counts, Verdict.Skip, "grey") + Count(counts, Verdict.Error, "magenta");
    }

    private sealed class QueueProgress(ConcurrentQueue<CheckResult> queue) : IProgress<CheckResult>
    {
        public void Report(CheckResult value) => queue.Enqueue(value);
    }
}
