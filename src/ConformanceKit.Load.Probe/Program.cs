// The load engine's own footprint: resident memory while 1,000 virtual users loop, and while 10^7 latencies are
// recorded; recording throughput from one thread and from several at once (stripe contention). Prints one line per
// figure. Not a test: it passes no judgement.
using System.Diagnostics;
using System.Globalization;
using ConformanceKit.Load;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine($"load engine probe: {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}, " +
                  $"{MetricRecorder.DefaultStripes} stripes per recorder");
Report("at start");

// 1. One thousand users for 5 s, each step waiting 1 ms (asynchronously), as HTTP steps would.
var delay = new LoadStep("wait", async (_, ct) =>
{
    await Task.Delay(1, ct);
    return StepOutcome.Ok(200, bytesIn: 100);
});
var peak = 0;
var progress = new Progress<LoadSnapshot>(s => peak = Math.Max(peak, s.Scenarios[0].ActiveUsers));
var users = await Run(new LoadScenario("users", [delay], [LoadPhase.ConstantUsers(1000, TimeSpan.FromSeconds(5))]), progress);
Console.WriteLine($"1000 users x 5 s: {users.Iterations.Count:N0} iterations, {users.Iterations.Rps:N0}/s, at most {peak} users active, " +
                  $"step p50 {users.Steps[0].Latency.At(50):0.000} ms p99 {users.Steps[0].Latency.At(99):0.000} ms (a 1 ms Task.Delay)");
Report("after 1000 users for 5 s");

// 2. Ten million iterations of a step that returns at once, over 1,000 users: 10^7 step latencies and 10^7 iteration latencies.
var quick = new LoadStep("quick", (_, _) => ValueTask.FromResult(StepOutcome.Ok(304)));
var watch = Stopwatch.StartNew();
var many = await Run(new LoadScenario("many", [quick], [LoadPhase.FixedIterations(1000, 10_000_000)]));
watch.Stop();
Console.WriteLine($"10^7 iterations over 1000 users: {watch.Elapsed.TotalSeconds:0.00} s, {many.Iterations.Count / watch.Elapsed.TotalSeconds:N0} iterations/s " +
                  $"(each records 2 latencies), p99 {many.Steps[0].Latency.At(99):0.000} ms");
Report("after 10^7 iterations");

// 3. How close to its schedule the open model starts iterations: 200 arrivals/s for 3 s, a step that returns at once.
var paced = await Run(new LoadScenario("paced", [quick], [LoadPhase.ConstantRate(200, TimeSpan.FromSeconds(3))]));
var pacedStep = paced.Steps[0];
Console.WriteLine($"200/s for 3 s: {paced.Started} started, {paced.Late} late (over 2 ms), latency from intended p50 {pacedStep.Latency.At(50):0.000} ms " +
                  $"p99 {pacedStep.Latency.At(99):0.000} ms max {pacedStep.Latency.MaxMs:0.000} ms; service time p99 {pacedStep.ServiceTime.At(99):0.000} ms");

// 4. The recorder alone: 10^7 records from 1 thread, then the same total split over 2, 4 and 8 threads released
//    together; and with a single stripe, to show what the striping saves. Best of 3 runs each, after a warm-up.
Recorders(1, 0);
foreach (var (threads, stripes) in new[] { (1, 0), (2, 0), (4, 0), (8, 0), (2, 1), (4, 1) })
{
    var best = Enumerable.Range(0, 3).Min(_ => Recorders(threads, stripes));
    Console.WriteLine($"recorder, {threads} thread(s), {(stripes == 0 ? MetricRecorder.DefaultStripes : stripes)} stripe(s): " +
                      $"{1e7 / best.TotalSeconds / 1e6:0.0} M records/s, {best.TotalNanoseconds / 1e7:0.0} ns per record");
}

Report("at the end");

static async Task<ScenarioSnapshot> Run(LoadScenario scenario, IProgress<LoadSnapshot>? progress = null)
{
    var result = await LoadRunner.RunAsync(scenario, new LoadOptions { Timeout = TimeSpan.FromMinutes(2) }, progress);
    if (result.StopReason != LoadStopReason.Completed)
    {
        Console.WriteLine($"  stopped: {result.StopReason} {result.StopMessage}");
    }

    return result.Scenarios[0].Stats;
}

static void Report(string when)
{
    var status = File.Exists("/proc/self/status") ? File.ReadAllLines("/proc/self/status") : [];
    string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?";
    Console.WriteLine($"memory {when}: RSS {Field("VmRSS")}, peak RSS {Field("VmHWM")}, managed heap {GC.GetTotalMemory(false) / 1024 / 1024} MiB, " +
                      $"threads {Process.GetCurrentProcess().Threads.Count}");
}

static TimeSpan Recorders(int threads, int stripes)
{
    var recorder = new MetricRecorder(stripes);
    var outcome = StepOutcome.Ok(200, bytesIn: 100).WithCounter("not-modified");
    var each = 10_000_000 / threads;
    using var start = new Barrier(threads + 1);
    var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
    {
        start.SignalAndWait();
        for (var i = 0; i < each; i++)
        {
            recorder.Record(outcome, 1 + (i % 100_000), 1 + (i % 50_000), i / 1_000_000);
        }
    })).ToList();
    workers.ForEach(w => w.Start());
    start.SignalAndWait();
    var clock = Stopwatch.StartNew();
    workers.ForEach(w => w.Join());
    return clock.Elapsed;
}
