using System.Globalization;
using ConformanceKit.Load;
using ConformanceKit.Load.Http;
using Spectre.Console;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// The load run's live progress in a terminal: a Spectre.Console table, one row per scenario (elapsed, requests, the
/// last second's rate, p50 and p99, failures, and its conditional figures), redrawn four times a second from the
/// latest snapshot. The engine reports snapshots on its own thread; they are only stored there, and the table is
/// changed on the display's thread alone.
/// </summary>
internal static class LoadLiveView
{
    public static async Task<LoadResult> RunAsync(IReadOnlyList<LoadScenario> scenarios, LoadOptions options, CancellationToken cancellationToken)
    {
        var latest = new Latest();
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]load[/]");
        foreach (var column in (string[])["scenario", "elapsed", "requests", "req/s", "p50 ms", "p99 ms", "failed", "conditional"])
        {
            table.AddColumn(new TableColumn(column));
        }

        LoadResult? result = null;
        await AnsiConsole.Live(table).AutoClear(false).StartAsync(async context =>
        {
            var run = LoadRunner.RunAsync(scenarios, options, latest, cancellationToken);
            while (!run.IsCompleted)
            {
                await Task.WhenAny(run, Task.Delay(250, CancellationToken.None)).ConfigureAwait(false);
                if (latest.Value is { } snapshot)
                {
                    Fill(table, snapshot);
                    context.Refresh();
                }
            }

            result = await run.ConfigureAwait(false);
        }).ConfigureAwait(false);
        return result!;
    }

    private static void Fill(Table table, LoadSnapshot snapshot)
    {
        table.Rows.Clear();
        foreach (var scenario in snapshot.Scenarios)
        {
            var requests = scenario.Requests;
            table.AddRow(
                Markup.Escape(scenario.Name),
                F($"{snapshot.Elapsed.TotalSeconds:0.0} s"),
                F($"{requests.Count}"),
                F($"{requests.LastSecondRps}"),
                LoadConsole.Ms(requests.Latency.At(50) ?? 0),
                LoadConsole.Ms(requests.Latency.At(99) ?? 0),
                requests.Failed == 0 ? "0" : F($"[red]{requests.Failed}[/]"),
                Markup.Escape(Conditional(scenario)));
        }
    }

    private static string Conditional(ScenarioSnapshot scenario)
    {
        var parts = new List<string>();
        if (scenario.Step(HttpSteps.Revalidate) is { Count: > 0 } reads)
        {
            parts.Add("304 " + LoadConsole.Percent((double)reads.Counter(HttpCounters.NotModified) / reads.Count));
        }

        if (scenario.Step(HttpSteps.Write) is { Count: > 0 } writes)
        {
            parts.Add(F($"written {writes.Counter(HttpCounters.Written)}, 412 {writes.StatusCodes.GetValueOrDefault(412)}, lost updates {writes.Counter(HttpCounters.LostUpdates)}"));
        }

        return string.Join("; ", parts);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class Latest : IProgress<LoadSnapshot>
    {
        private volatile LoadSnapshot? value;

        public LoadSnapshot? Value => value;

        public void Report(LoadSnapshot snapshot) => value = snapshot;
    }
}
