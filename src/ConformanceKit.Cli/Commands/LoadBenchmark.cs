using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ConformanceKit.Http;
using ConformanceKit.Load;
using ConformanceKit.Load.Http;
using ConformanceKit.RealServers;
using ConformanceKit.RealServers.PeerTools;
using ConformanceKit.Targets;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// Plain <c>conformancekit bench</c>: our load engine against wrk and hey, in one invocation, on the same loopback
/// targets with the same connections and duration. The targets: nginx serving a static file, and the reference server
/// in a process of its own (<see cref="ReferenceServerProcess"/>) serving a document created for the run; every tool
/// sends GET with If-None-Match: the target's ETag, so every answer is a 304. Ours is the engine with the built-in
/// revalidating-readers workload (closed model, one user per connection, each on a keep-alive connection of its own,
/// the raw HTTP/1.1 transport). After a warm-up of ours on each target (not counted), each round runs wrk, hey and ours
/// on nginx, then on the reference server, in an order reversed every round; the figures are the medians over the
/// rounds. It prints every run, the medians, the reference server's 304 path against nginx's (both measured by wrk),
/// and ends with the line <c>ratios: ours/wrk=X ours/hey=Y</c> (nginx target). A benchmark: it passes no judgement.
/// Installs nothing: wrk and hey must be on PATH (exit 3 naming the packages). Loopback only, bounded, and both
/// servers are stopped by pid at the end, also after an error or a cancellation.
/// </summary>
internal static class LoadBenchmark
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ServerStart = TimeSpan.FromSeconds(30);
    private const string Wrk = "wrk";
    private const string Hey = "hey";
    private const string Ours = "ours";
    private const double GoalOursWrk = 0.9;
    private const double GoalOursHey = 1.5;
    private const double GoalRefNginx = 1.0;

    public static async Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var options = LoadBenchmarkOptions.Parse(args);
        if (MissingTools() is { } missing)
        {
            await error.WriteLineAsync($"error: {missing}").ConfigureAwait(false);
            return ExitCodes.CannotRun;
        }

        var total = Stopwatch.StartNew();
        NginxServer? nginx = null;
        ReferenceServerProcess? reference = null;
        try
        {
            await output.WriteLineAsync(
                $"load benchmark: GET with If-None-Match (every answer a 304), {N(options.Connections)} connections, {S(options.Duration)} per run, "
                + $"{Plural(options.Rounds, "round")} (the tools in turn, the order reversed every round), wrk -t {N(options.Threads)}; "
                + $"{Plural(Environment.ProcessorCount, "core")}, load average {LoadAverage()} at start").ConfigureAwait(false);
            nginx = await NginxServer.StartAsync(new RealServerOptions(), cancellationToken).ConfigureAwait(false);
            reference = await ReferenceServerProcess.StartAsync(ServerStart, cancellationToken).ConfigureAwait(false);
            BenchTarget[] targets =
            [
                await PrepareNginxAsync(nginx, cancellationToken).ConfigureAwait(false),
                await PrepareReferenceAsync(reference, cancellationToken).ConfigureAwait(false),
            ];
            foreach (var target in targets)
            {
                await output.WriteLineAsync($"  {target.Name}: {target.Description} on {target.Url}, ETag {target.ETag}").ConfigureAwait(false);
            }

            await output.WriteLineAsync(
                $"  wrk: wrk -t {N(options.Threads)} -c {N(options.Connections)} -d {N((long)options.Duration.TotalSeconds)}s --latency -H 'If-None-Match: ETAG' URL; "
                + $"hey: hey -z {N((long)options.Duration.TotalSeconds)}s -c {N(options.Connections)} -H 'If-None-Match: ETAG' URL; "
                + $"ours: workload revalidating-readers, {N(options.Connections)} users (closed model), transport {LoadTransport.Raw}, "
                + $"inline socket completions {(SocketCompletions.Inline ? "on" : "off")}").ConfigureAwait(false);
            var warmUp = options.Duration < WarmUp ? options.Duration : WarmUp;
            await output.WriteLineAsync($"warm-up: {S(warmUp)} of ours on each target (not counted)").ConfigureAwait(false);
            foreach (var target in targets)
            {
                await RunOursAsync(target, options.Connections, warmUp, cancellationToken).ConfigureAwait(false);
            }

            var runs = new List<ToolRun>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                foreach (var target in targets)
                {
                    string[] tools = round % 2 == 1 ? [Wrk, Hey, Ours] : [Ours, Hey, Wrk];
                    foreach (var tool in tools)
                    {
                        var run = await RunAsync(tool, target, options, cancellationToken).ConfigureAwait(false);
                        runs.Add(run);
                        await output.WriteLineAsync($"round {N(round)}/{N(options.Rounds)}  {target.Name,-9}  {run.Line()}").ConfigureAwait(false);
                    }
                }
            }

            await output.WriteLineAsync(Summary(targets, runs, options, total.Elapsed)).ConfigureAwait(false);
            return ExitCodes.Conformant;
        }
        catch (MissingToolException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.CannotRun;
        }
        catch (Exception e) when (e is RealServerStartException or CannotStartException or PeerToolException or TimeoutException or HttpRequestException
                                      or FormatException or TargetUnreachableException or WorkloadException)
        {
            var log = reference is { HasExited: true } ? await reference.OutputAsync().ConfigureAwait(false) : "";
            await error.WriteLineAsync($"error: the benchmark could not be carried out: {e.Message}{(log.Length > 0 ? $"\nreference server output:\n{log}" : "")}").ConfigureAwait(false);
            return ExitCodes.CannotRun;
        }
        finally
        {
            if (reference is not null)
            {
                await reference.DisposeAsync().ConfigureAwait(false);
            }

            if (nginx is not null)
            {
                await nginx.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Why the peer tools cannot run (not on <paramref name="path"/>, by default PATH), naming the packages;
    /// null when both are there.</summary>
    internal static string? MissingTools(string? path = null)
    {
        path ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        var missing = new[] { (Wrk, WrkRunner.AptPackage), (Hey, HeyRunner.AptPackage) }.Where(t => !OnPath(t.Item1, path)).ToList();
        return missing.Count == 0
            ? null
            : $"{string.Join(" and ", missing.Select(m => m.Item1))} {(missing.Count == 1 ? "is" : "are")} not on PATH; the load benchmark compares our engine with wrk and hey "
              + $"and installs nothing: install the Debian packages {string.Join(" and ", missing.Select(m => m.AptPackage))} (apt-get install -y wrk hey)";
    }

    private static bool OnPath(string tool, string path) =>
        path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool))
            .Any(file => File.Exists(file) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0));

    private static async Task<BenchTarget> PrepareNginxAsync(NginxServer nginx, CancellationToken cancellationToken)
    {
        var url = nginx.UriOf(nginx.StaticFilePath);
        using var client = Client();
        using var response = await client.GetAsync(url, cancellationToken).ConfigureAwait(false);
        var etag = response.StatusCode == HttpStatusCode.OK ? response.Headers.ETag?.ToString() : null;
        var target = new BenchTarget("nginx", $"{nginx.Version} (pid {nginx.ProcessId.ToString(CultureInfo.InvariantCulture)}, 1 worker), static file {nginx.StaticFilePath}", nginx.BaseAddress,
            nginx.StaticFilePath, etag ?? throw new CannotStartException($"GET {url} answered {(int)response.StatusCode} without an ETag"), () => ProcessCpu.OfTree(nginx.ProcessId));
        await CheckNotModifiedAsync(client, target, cancellationToken).ConfigureAwait(false);
        return target;
    }

    /// <summary>Creates the document every tool revalidates (PUT with If-None-Match: *).</summary>
    private static async Task<BenchTarget> PrepareReferenceAsync(ReferenceServerProcess reference, CancellationToken cancellationToken)
    {
        var path = $"/items/bench-{Guid.NewGuid():N}"[..20];
        var url = new Uri(reference.BaseAddress, path);
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Put, url)
        {
            Content = new StringContent("""{"benchmark":"load","note":"revalidated with If-None-Match by wrk, hey and ours"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var etag = response.IsSuccessStatusCode ? response.Headers.ETag?.ToString() : null;
        var target = new BenchTarget("reference", $"the reference server, {reference.CommandLine} (pid {reference.ProcessId.ToString(CultureInfo.InvariantCulture)}), document {path}", reference.BaseAddress,
            path, etag ?? throw new CannotStartException($"PUT {url} answered {(int)response.StatusCode} without an ETag"), () => ProcessCpu.OfTree(reference.ProcessId));
        await CheckNotModifiedAsync(client, target, cancellationToken).ConfigureAwait(false);
        return target;
    }

    private static async Task CheckNotModifiedAsync(HttpClient client, BenchTarget target, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Url);
        request.Headers.TryAddWithoutValidation("If-None-Match", target.ETag);
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NotModified)
        {
            throw new CannotStartException($"GET {target.Url} with If-None-Match: {target.ETag} answered {(int)response.StatusCode}, not 304");
        }
    }

    private static HttpClient Client() =>
        new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(10) };

    private static Task<ToolRun> RunAsync(string tool, BenchTarget target, LoadBenchmarkOptions options, CancellationToken cancellationToken) => tool switch
    {
        Ours => RunOursAsync(target, options.Connections, options.Duration, cancellationToken),
        _ => RunPeerAsync(tool, target, options, cancellationToken),
    };

    private static async Task<ToolRun> RunPeerAsync(string tool, BenchTarget target, LoadBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var peer = new PeerRunOptions(target.Url)
        {
            Connections = options.Connections,
            Threads = options.Threads,
            Duration = options.Duration,
            Headers = [new("If-None-Match", target.ETag)],
        };
        var (children, server) = (ProcessCpu.EndedChildren(), target.ServerCpu());
        var result = tool == Wrk
            ? await WrkRunner.RunAsync(peer, cancellationToken).ConfigureAwait(false)
            : await HeyRunner.RunAsync(peer, cancellationToken).ConfigureAwait(false);
        var notModified = result.StatusCounts?.GetValueOrDefault(304);
        return new ToolRun(tool, target.Name, result.RequestsPerSecond, result.LatencyP99Ms, result.TotalRequests, result.Errors + result.NonSuccessResponses,
            PerRequest(children, ProcessCpu.EndedChildren(), result.TotalRequests), PerRequest(server, target.ServerCpu(), result.TotalRequests), null,
            notModified is { } count && count != result.TotalRequests - result.Errors ? $"{N(count)} of them 304" : null);
    }

    private static async Task<ToolRun> RunOursAsync(BenchTarget target, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        var definition = new TargetDefinition($"bench-{target.Name}", TargetKind.Remote, target.BaseAddress,
            new ResourceRecipe(null, CreateMethod.Put, null, "application/json", target.Path), [],
            new Capabilities(Writes: false, LastModified: false, Ranges: false, RequirePreconditions: false), [], "(conformancekit bench)");
        await using var session = await TargetSession.OpenAsync(definition, null, new ClientSettings(), TimeProvider.System, cancellationToken).ConfigureAwait(false);
        using var workload = Workloads.Create(Workloads.RevalidatingReaders, session,
            new WorkloadOptions { Users = connections, Duration = duration, UseExisting = true, Http = new LoadHttpSettings { Transport = LoadTransport.Raw } });
        var scenarios = workload.CreateScenarios([], includeDefaults: false);
        var (cpu, allocated, server) = (ProcessCpu.Self(), GC.GetTotalAllocatedBytes(), target.ServerCpu());
        var result = await LoadRunner.RunAsync(scenarios, new LoadOptions { Timeout = duration + TimeSpan.FromMinutes(1) }, null, cancellationToken).ConfigureAwait(false);
        var (cpuAfter, allocatedAfter, serverAfter) = (ProcessCpu.Self(), GC.GetTotalAllocatedBytes(), target.ServerCpu());
        if (result.StopReason != LoadStopReason.Completed)
        {
            throw new CannotStartException($"our engine's run on {target.Name} stopped: {result.StopReason} {result.StopMessage}");
        }

        var step = result.Scenarios[0].Stats.Step(HttpSteps.Revalidate)!;
        var notModified = step.StatusCodes.GetValueOrDefault(304);
        return new ToolRun(Ours, target.Name, step.Rps, step.Latency.At(99), step.Count, step.Failed, PerRequest(cpu, cpuAfter, step.Count),
            PerRequest(server, serverAfter, step.Count), step.Count > 0 ? (double)(allocatedAfter - allocated) / step.Count : null,
            notModified < step.Count - connections ? $"{N(notModified)} of them 304" : null);
    }

    private static double? PerRequest(TimeSpan? before, TimeSpan? after, long requests) =>
        before is { } b && after is { } a && requests > 0 ? (a - b).TotalMicroseconds / requests : null;

    private static string Summary(IReadOnlyList<BenchTarget> targets, List<ToolRun> runs, LoadBenchmarkOptions options, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        var medians = new Dictionary<(string Target, string Tool), ToolRun>();
        foreach (var target in targets)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{target.Name}: medians of {Plural(options.Rounds, "run")} per tool");
            foreach (var tool in new[] { Wrk, Hey, Ours })
            {
                var median = ToolRun.Median([.. runs.Where(r => r.Target == target.Name && r.Tool == tool)]);
                medians[(target.Name, tool)] = median;
                text.AppendLine(CultureInfo.InvariantCulture, $"  {median.Line()}");
            }

            text.AppendLine(CultureInfo.InvariantCulture,
                $"  on {target.Name}: ours/wrk={Ratio(medians[(target.Name, Ours)], medians[(target.Name, Wrk)])} ours/hey={Ratio(medians[(target.Name, Ours)], medians[(target.Name, Hey)])}");
        }

        var (nginxWrk, referenceWrk) = (medians[("nginx", Wrk)], medians[("reference", Wrk)]);
        var refNginx = referenceWrk.RequestsPerSecond / nginxWrk.RequestsPerSecond;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"ref304/nginx304={refNginx:0.00} (the same client, wrk: reference {N(referenceWrk.RequestsPerSecond)} req/s, nginx {N(nginxWrk.RequestsPerSecond)} req/s; "
            + $"server cpu {Us(referenceWrk.ServerCpuUs)} vs {Us(nginxWrk.ServerCpuUs)} per request; goal >= {GoalRefNginx:0.0}: {Met(refNginx >= GoalRefNginx)})");
        var oursWrk = medians[("nginx", Ours)].RequestsPerSecond / nginxWrk.RequestsPerSecond;
        var oursHey = medians[("nginx", Ours)].RequestsPerSecond / medians[("nginx", Hey)].RequestsPerSecond;
        text.AppendLine(CultureInfo.InvariantCulture,
            $"goals on nginx: ours/wrk >= {GoalOursWrk:0.0} {Met(oursWrk >= GoalOursWrk)}, ours/hey >= {GoalOursHey:0.0} {Met(oursHey >= GoalOursHey)}; "
            + $"load average {LoadAverage()} at the end; done in {elapsed.TotalSeconds:0} s");
        text.Append(CultureInfo.InvariantCulture, $"ratios: ours/wrk={oursWrk:0.00} ours/hey={oursHey:0.00}");
        return text.ToString();
    }

    private static string Ratio(ToolRun ours, ToolRun peer) => (ours.RequestsPerSecond / peer.RequestsPerSecond).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Met(bool met) => met ? "met" : "not met";

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    internal static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    internal static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    internal static string Us(double? value) => value is { } v ? $"{v.ToString("0.0", CultureInfo.InvariantCulture)} us" : "n/a";

    private static string S(TimeSpan duration) => $"{duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";

    private static string Plural(int count, string noun) => $"{N(count)} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>A loopback target of the benchmark: its base address and the path every tool revalidates, with the ETag
    /// sent, and how to read the server's CPU time.</summary>
    private sealed record BenchTarget(string Name, string Description, Uri BaseAddress, string Path, string ETag, Func<TimeSpan?> ServerCpu)
    {
        public Uri Url => new(BaseAddress, Path);
    }
}

/// <summary>What one tool measured on one target: requests per second, p99 latency, requests and failed ones (errors,
/// and statuses other than 2xx/3xx), the CPU per request of the client and of the server, and for ours the bytes
/// allocated per request.</summary>
internal sealed record ToolRun(string Tool, string Target, double RequestsPerSecond, double? P99Ms, long Requests, long Failed, double? ClientCpuUs,
    double? ServerCpuUs, double? AllocatedBytes, string? Note)
{
    public string Line()
    {
        var p99 = P99Ms is { } ms ? ms.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
        var line = $"{Tool,-4}  {LoadBenchmark.N(RequestsPerSecond),9} req/s  p99 {p99,6} ms  client cpu {LoadBenchmark.Us(ClientCpuUs),8}/req  server cpu {LoadBenchmark.Us(ServerCpuUs),8}/req";
        line += AllocatedBytes is { } bytes ? $"  {bytes.ToString("0", CultureInfo.InvariantCulture)} B/req allocated" : "";
        line += Failed > 0 ? $"  ({LoadBenchmark.N(Failed)} of {LoadBenchmark.N(Requests)} requests failed)" : "";
        return line + (Note is null ? "" : $"  ({Note})");
    }

    /// <summary>The medians of several runs of one tool on one target, figure by figure.</summary>
    public static ToolRun Median(IReadOnlyList<ToolRun> runs) => runs.Count == 1 ? runs[0] with { Note = null } : new(
        runs[0].Tool, runs[0].Target, Median(runs.Select(r => (double?)r.RequestsPerSecond))!.Value, Median(runs.Select(r => r.P99Ms)),
        runs.Sum(r => r.Requests), runs.Sum(r => r.Failed), Median(runs.Select(r => r.ClientCpuUs)), Median(runs.Select(r => r.ServerCpuUs)),
        Median(runs.Select(r => r.AllocatedBytes)), null);

    private static double? Median(IEnumerable<double?> values)
    {
        var known = values.OfType<double>().Order().ToList();
        return known.Count == 0 ? null
            : known.Count % 2 == 1 ? known[known.Count / 2]
            : (known[(known.Count / 2) - 1] + known[known.Count / 2]) / 2;
    }
}
