using System.Diagnostics;
using System.Globalization;
using System.Text;
using ConformanceKit.Http;
using ConformanceKit.RealServers;
using ConformanceKit.Targets;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// <c>conformancekit bench real-races</c>: how many writes of an N-way If-Match race a real server lets
/// through, with small and large bodies. Per server (nginx, Apache httpd, each started from the repo's configs
/// on a free loopback port and stopped by pid afterwards) and body size: a fresh file under /dav/, then
/// <c>--rounds</c> rounds. A round first waits (bounded, reported) until the file's ETag is strong: httpd makes
/// the tag of a file written less than a second ago weak, and If-Match never matches a weak tag, so racing on
/// it would measure nothing. Then every client reads the file on its own connection (all must see that tag),
/// and all are released together, each sending PUT with If-Match: that tag and a body of its own of exactly the
/// size. A correct server lets exactly one through and answers 412 to the rest; every further success is a lost
/// update. Last, a read shows whose body the file holds. Only loopback traffic, every request bounded.
/// </summary>
internal static class RealServerRaceBenchmark
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a round waits for a strong ETag before it gives up (httpd needs a little over 1 s).</summary>
    private static readonly TimeSpan StrongWait = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var options = RealServerRaceOptions.Parse(args);
        var total = Stopwatch.StartNew();
        await output.WriteLineAsync(
            $"real-server races: {N(options.Clients)} clients per If-Match race, {N(options.Rounds)} rounds per server and body size, bodies of {string.Join(" and ", options.Sizes.Select(Size))}, seed {N(options.Seed)}; "
            + $"each server started from the repo's configs on a free loopback port; {N(Environment.ProcessorCount)} cores").ConfigureAwait(false);
        foreach (var name in options.Servers)
        {
            RealServer server;
            try
            {
                server = await RealServer.StartAsync(name, new RealServerOptions { Workers = 2 }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is MissingToolException or RealServerStartException)
            {
                await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return ExitCodes.CannotRun;
            }

            await using (server.ConfigureAwait(false))
            {
                var target = new TargetDefinition(
                    name,
                    TargetKind.Remote,
                    new Uri(server.BaseAddress.GetLeftPart(UriPartial.Authority)),
                    new ResourceRecipe("/dav/{id}.json", CreateMethod.Put, null, "application/json", null),
                    [],
                    new Capabilities(Writes: true, LastModified: true, Ranges: true, RequirePreconditions: false),
                    [],
                    "(bench real-races)");
                var settings = new ClientSettings { RequestTimeout = RequestTimeout, MaxBodyBytes = options.Sizes.Max() + 4096 };
                await using var session = await TargetSession.OpenAsync(target, null, settings, TimeProvider.System, cancellationToken).ConfigureAwait(false);
                foreach (var size in options.Sizes)
                {
                    var measured = await MeasureAsync(session, size, options, output, cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync($"{server.Version}, {Size(size)} bodies: {measured.Describe(options.Clients)}").ConfigureAwait(false);
                }
            }
        }

        await output.WriteLineAsync($"a correct server: exactly 1 successful write per round, the other {N(options.Clients - 1)} refused with 412, 0 lost updates").ConfigureAwait(false);
        await output.WriteLineAsync($"done in {total.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s").ConfigureAwait(false);
        return ExitCodes.Conformant;
    }

    private static async Task<Measurement> MeasureAsync(TargetSession session, int size, RealServerRaceOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var path = session.Target.Resource.PathFor($"bench-real-races-{N(size)}-{N(options.Seed)}-{Guid.NewGuid():N}");
        var url = session.Resolve(path);
        var contentType = session.Target.Resource.ContentType;
        using var observer = session.CreateClient("observer");
        var clients = Enumerable.Range(1, options.Clients).Select(i => session.CreateClient("c" + N(i).PadLeft(2, '0'))).ToList();
        var measurement = new Measurement();
        try
        {
            var created = await observer.SendAsync(0, HttpMethod.Put, url, [], Body(size, "initial", 0, options.Seed), contentType, cancellationToken).ConfigureAwait(false);
            if (created.Response is not { Status: >= 200 and < 300 })
            {
                measurement.Stopped = $"creating {path} answered {created.Response?.Status.ToString(CultureInfo.InvariantCulture) ?? created.Error}";
                return measurement;
            }

            for (var round = 1; round <= options.Rounds; round++)
            {
                var (tag, waited) = await StrongTagAsync(observer, url, cancellationToken).ConfigureAwait(false);
                measurement.Waits.Add(waited);
                if (tag is null)
                {
                    measurement.Stopped = $"round {N(round)}: no strong ETag within {StrongWait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
                    break;
                }

                // Warm-up and barrier: every client has its connection and has seen the tag before anyone writes.
                var reads = await Task.WhenAll(clients.Select(c => c.SendAsync(round, HttpMethod.Get, url, [], null, null, cancellationToken))).ConfigureAwait(false);
                if (reads.Any(r => r.Response?.Field("ETag")?.Trim() != tag))
                {
                    measurement.Stopped = $"round {N(round)}: the clients' reads did not all show {tag}";
                    break;
                }

                var order = clients.ToArray();
                new Random((options.Seed * 1000) + round).Shuffle(order);
                var bodies = clients.ToDictionary(c => c.Name, c => Body(size, c.Name, round, options.Seed), StringComparer.Ordinal);
                var writes = new Task<Exchange>[order.Length];
                for (var i = 0; i < order.Length; i++)
                {
                    writes[i] = order[i].SendAsync(round, HttpMethod.Put, url, [new HeaderLine("If-Match", tag)], bodies[order[i].Name], contentType, cancellationToken);
                }

                var written = await Task.WhenAll(writes).ConfigureAwait(false);
                var winners = written.Where(w => w.Response is { Status: >= 200 and < 300 }).Select(w => w.Client).ToList();
                var refused = written.Count(w => w.Response?.Status == 412);
                var final = await observer.SendAsync(round, HttpMethod.Get, url, [], null, null, cancellationToken).ConfigureAwait(false);
                var holder = bodies.FirstOrDefault(b => final.Response?.Body == b.Value).Key;
                var outcome = holder is null ? FinalContent.Neither : winners.Contains(holder) ? FinalContent.AWinner : FinalContent.ARefusedWrite;
                measurement.Add(winners.Count, refused, written.Length - winners.Count - refused, outcome);
                if (options.Verbose)
                {
                    await output.WriteLineAsync($"  {Size(size)} round {N(round)}: waited {Ms(waited)} for the strong tag {tag}; {N(winners.Count)} writes succeeded, {N(refused)} got 412; the file holds {(holder ?? "no racer's body")}").ConfigureAwait(false);
                }
            }

            return measurement;
        }
        finally
        {
            await observer.SendAsync(0, HttpMethod.Delete, url, [], null, null, CancellationToken.None).ConfigureAwait(false);
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>Reads until the ETag is strong (at most <see cref="StrongWait"/>): the tag, or null, and how long it took.</summary>
    private static async Task<(string? Tag, TimeSpan Waited)> StrongTagAsync(NamedClient observer, Uri url, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            var read = await observer.SendAsync(0, HttpMethod.Get, url, [], null, null, cancellationToken).ConfigureAwait(false);
            var field = read.Response?.Field("ETag")?.Trim();
            if (field is not null && EntityTag.TryParse(field, out var tag) && !tag.IsWeak)
            {
                return (field, started.Elapsed);
            }

            if (started.Elapsed + Poll > StrongWait)
            {
                return (null, started.Elapsed);
            }

            await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A JSON document of exactly <paramref name="size"/> bytes (ASCII), different per writer and round.</summary>
    private static string Body(int size, string writer, int round, int seed)
    {
        var head = $"{{\"writer\":\"{writer}\",\"round\":{N(round)},\"pad\":\"";
        const string Tail = "\"}";
        var random = new Random((seed * 7919) + (round * 131) + writer.Sum(c => (int)c));
        var pad = new StringBuilder(Math.Max(0, size - head.Length - Tail.Length));
        while (pad.Length < size - head.Length - Tail.Length)
        {
            pad.Append((char)('a' + random.Next(26)));
        }

        return head + pad + Tail;
    }

    private static string Size(int bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => N(bytes / (1024 * 1024)) + " MiB",
        >= 1024 when bytes % 1024 == 0 => N(bytes / 1024) + " KiB",
        _ => N(bytes) + " B",
    };

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private enum FinalContent
    {
        AWinner,
        ARefusedWrite,
        Neither,
    }

    /// <summary>What the rounds of one server and size showed.</summary>
    private sealed class Measurement
    {
        private readonly List<int> _successes = [];
        private int _refused;
        private int _other;
        private int _winnerHeld;
        private int _refusedHeld;
        private int _neither;

        public List<TimeSpan> Waits { get; } = [];

        public string? Stopped { get; set; }

        public void Add(int successes, int refused, int other, FinalContent final)
        {
            _successes.Add(successes);
            _refused += refused;
            _other += other;
            switch (final)
            {
                case FinalContent.AWinner:
                    _winnerHeld++;
                    break;
                case FinalContent.ARefusedWrite:
                    _refusedHeld++;
                    break;
                default:
                    _neither++;
                    break;
            }
        }

        public string Describe(int clients)
        {
            if (_successes.Count == 0)
            {
                return $"no round ran ({Stopped})";
            }

            var sorted = _successes.Order().ToList();
            var median = sorted[(sorted.Count - 1) / 2];
            var lost = _successes.Sum(s => Math.Max(0, s - 1));
            var waits = Waits.Order().ToList();
            var text = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"successful writes per {clients}-way If-Match race median {median}, min {sorted[0]}, max {sorted[^1]}, mean {_successes.Average().ToString("0.0", CultureInfo.InvariantCulture)} in {_successes.Count} rounds; ")
                .Append(CultureInfo.InvariantCulture, $"{_refused} refused with 412, {_other} other answers; {lost} lost updates; ")
                .Append(CultureInfo.InvariantCulture, $"the file then held a winner's body in {_winnerHeld}/{_successes.Count} rounds")
                .Append(_refusedHeld > 0 ? $", a 412'd write's body in {_refusedHeld.ToString(CultureInfo.InvariantCulture)}" : string.Empty)
                .Append(_neither > 0 ? $", no racer's body in {_neither.ToString(CultureInfo.InvariantCulture)}" : string.Empty)
                .Append(CultureInfo.InvariantCulture, $"; waited for a strong ETag median {Ms(waits[(waits.Count - 1) / 2])}, max {Ms(waits[^1])}");
            if (Stopped is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"; stopped early: {Stopped}");
            }

            return text.ToString();
        }
    }
}
