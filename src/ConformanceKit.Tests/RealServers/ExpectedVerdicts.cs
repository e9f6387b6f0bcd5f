using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ConformanceKit.Checks;
using ConformanceKit.Runs;

namespace ConformanceKit.Tests.RealServers;

/// <summary>
/// What the whole catalog gives against one real server version, checked in as
/// <c>RealServers/Expected/&lt;server&gt;-&lt;version&gt;.json</c>: every check's verdict, and for every check
/// that does not pass the judgement (<see cref="Entry.Kind"/>: the server deviates from the RFC, an observation,
/// or a legal choice that makes the check not applicable), a one-line reason written by whoever judged it, and
/// the evidence (the deciding exchange) summarised from the run that recorded the file. Only verdicts are
/// compared; reasons and evidence are for readers (the README's section on real servers quotes them).
/// </summary>
internal sealed partial record ExpectedVerdicts
{
    /// <summary>Set to 1 to write the expectations of the server versions found instead of comparing with them.</summary>
    public const string RecordVariable = "CONFORMANCEKIT_RECORD_REAL_SERVERS";

    /// <summary>The reason a recorded non-pass gets until someone judges it; the test refuses a file that has one.</summary>
    public const string Unjudged = "UNJUDGED";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The server's own version string: <c>nginx/1.22.1</c>, <c>Apache/2.4.71 (Debian)</c>.</summary>
    public required string Server { get; init; }

    /// <summary>The targets.json entry the run used.</summary>
    public required string Target { get; init; }

    public required string Summary { get; init; }

    public string Regenerate { get; init; } = $"{RecordVariable}=1 dotnet test src/ConformanceKit.Tests --filter FullyQualifiedName~RealServerCatalog";

    public required IReadOnlyList<Entry> Checks { get; init; }

    /// <param name="Kind">For a non-pass: <c>deviation</c> (fail or warn: the server breaks the rule; harness errors
    /// were fixed, not recorded), <c>observation</c> (info), <c>not-applicable</c> (skip: a capability the target
    /// lacks, or a legal choice the check builds on).</param>
    public sealed record Entry(string Id, string Verdict, string? Kind = null, string? Reason = null, string? Evidence = null);

    /// <summary><c>nginx-1.22.1.json</c>, <c>apache2-2.4.71.json</c>: the binary's name and the version number.</summary>
    public static string FileName(string binary, string version) =>
        $"{binary}-{(VersionNumber().Match(version) is { Success: true } m ? m.Value : version)}.json";

    public static string Folder => Path.Combine(RepositoryPaths.Root, "src", "ConformanceKit.Tests", "RealServers", "Expected");

    public static ExpectedVerdicts? Load(string file) =>
        File.Exists(file) ? JsonSerializer.Deserialize<ExpectedVerdicts>(File.ReadAllText(file), Json) : null;

    public void Save(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, JsonSerializer.Serialize(this, Json).ReplaceLineEndings("\n") + "\n");
    }

    /// <summary>The expectations a run shows. Reasons are kept from <paramref name="previous"/> (an earlier file of
    /// this or another version) where the check's verdict is the same; a skip's reason defaults to the harness's
    /// own; any other non-pass gets <see cref="Unjudged"/> and its message, to be judged and written.</summary>
    public static ExpectedVerdicts From(RunResult run, string server, ExpectedVerdicts? previous)
    {
        ArgumentNullException.ThrowIfNull(run);
        var known = previous?.Checks.ToDictionary(e => e.Id, StringComparer.Ordinal) ?? [];
        var entries = run.Checks.Select(check =>
        {
            var verdict = VerdictName(check.Verdict);
            if (check.Verdict == Verdict.Pass)
            {
                return new Entry(check.Check.Id, verdict);
            }

            var kept = known.GetValueOrDefault(check.Check.Id) is { } old && old.Verdict == verdict && old.Reason is not null && !old.Reason.StartsWith(Unjudged, StringComparison.Ordinal) ? old : null;
            var kind = check.Verdict switch
            {
                Verdict.Info => "observation",
                Verdict.Skip => "not-applicable",
                _ => "deviation",
            };
            var reason = kept?.Reason ?? (check.Verdict == Verdict.Skip ? Normalise(check.Message) : $"{Unjudged}: {Normalise(check.Message)}");
            return new Entry(check.Check.Id, verdict, kept?.Kind ?? kind, reason, Evidence(check));
        }).ToList();
        var s = run.Summary;
        return new ExpectedVerdicts
        {
            Server = server,
            Target = run.Target,
            Summary = $"{s.Pass} pass, {s.Fail} fail, {s.Warn} warn, {s.Info} info, {s.Skip} skip, {s.Error} error",
            Checks = entries,
        };
    }

    /// <summary>Every difference between these expectations and a run, one line each (empty: they agree).</summary>
    public IReadOnlyList<string> Differences(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var expected = Checks.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var check in run.Checks)
        {
            if (!expected.TryGetValue(check.Check.Id, out var entry))
            {
                lines.Add($"{check.Check.Id}: not in the file (a new check?), got {VerdictName(check.Verdict)}: {check.Message}");
            }
            else if (entry.Verdict != VerdictName(check.Verdict))
            {
                lines.Add($"{check.Check.Id}: expected {entry.Verdict}{(entry.Reason is null ? string.Empty : $" ({entry.Reason})")}, got {VerdictName(check.Verdict)}: {check.Message}{(Evidence(check) is { } evidence ? $" | evidence: {evidence}" : string.Empty)}");
            }
        }

        var ran = run.Checks.Select(c => c.Check.Id).ToHashSet(StringComparer.Ordinal);
        lines.AddRange(Checks.Where(e => !ran.Contains(e.Id)).Select(e => $"{e.Id}: in the file ({e.Verdict}) but not in the catalog any more"));
        return lines;
    }

    public static string VerdictName(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    /// <summary>The exchange that decided the verdict (else the last one), in one line: method, the path with the
    /// check's resource as <c>{resource}</c>, the conditional fields sent, and the status with the ETag answered.</summary>
    public static string? Evidence(CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var exchange = check.DecidingStep > 0
            ? check.Exchanges.LastOrDefault(e => e.Step == check.DecidingStep)
            : check.Exchanges.Count > 0 ? check.Exchanges[^1] : null;
        if (exchange is null)
        {
            return null;
        }

        var request = exchange.Request;
        var path = FreshPath().Replace(request.Url.AbsolutePath, "{resource}");
        var fields = request.Headers
            .Where(h => h.Name.StartsWith("If-", StringComparison.OrdinalIgnoreCase) || h.Name.Equals("Range", StringComparison.OrdinalIgnoreCase))
            .Select(h => $"{h.Name}: {h.Value}");
        var sent = string.Join(", ", new[] { $"step {exchange.Step}: {exchange.Client} {request.Method} {path}" }.Concat(fields));
        var answer = exchange.Response is { } response
            ? $"{response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}{(response.Field("ETag") is { } etag ? $" ETag {etag}" : " (no ETag)")}"
            : $"no response ({exchange.Error})";
        return $"{sent} -> {answer}";
    }

    /// <summary>A message without what changes from run to run (the resource's per-run name).</summary>
    private static string Normalise(string message) => FreshPath().Replace(message, "{resource}");

    [GeneratedRegex(@"\d+(\.\d+)+")]
    private static partial Regex VersionNumber();

    // The harness names fresh resources <check>-fresh-<nonce> (and -absent-) under the target's resource.path.
    [GeneratedRegex(@"/[^\s?]*-(fresh|absent)-[0-9a-f]{6}[^\s?]*")]
    private static partial Regex FreshPath();
}
