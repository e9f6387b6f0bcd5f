using System.Globalization;
using ConformanceKit.Load;
using ConformanceKit.Load.Http;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// The options of <c>conformancekit load</c>, read and checked in one place: every bad value is a
/// <see cref="UsageException"/> naming the option and the reason, before any target is opened.
/// </summary>
internal sealed record LoadCommandOptions
{
    public const string Command = "load";

    private static readonly string[] ValueOptions =
        ["--target", "--targets", "--workload", "--plan", "--duration", "--users", "--rate", "--max-in-flight", "--threshold", "--json", "--report", "--seed", "--resources"];

    /// <summary>What a load plan says itself, so the command line cannot also say it.</summary>
    private static readonly string[] PlanDecides = ["--workload", "--duration", "--users", "--rate", "--max-in-flight", "--resources"];

    private static readonly string[] FlagOptions = ["--abort-on-breach", "--allow-remote", "--no-default-thresholds"];

    public required string Target { get; init; }

    public required string TargetsFile { get; init; }

    public required string Workload { get; init; }

    public required WorkloadOptions WorkloadOptions { get; init; }

    public required IReadOnlyList<Threshold> Thresholds { get; init; }

    public bool AbortOnBreach { get; init; }

    public bool AllowRemote { get; init; }

    public bool DefaultThresholds { get; init; } = true;

    public string ReportRoot { get; init; } = DefaultPaths.ReportsDirectory;

    public string? JsonFile { get; init; }

    /// <summary>The load plan the run follows (<c>--plan</c>), or null for <c>--workload</c> with users or a rate.</summary>
    public LoadPlan? Plan { get; init; }

    public static LoadCommandOptions Parse(IReadOnlyList<string> args)
    {
        var reader = new ArgumentReader(Command, args, ValueOptions, FlagOptions);
        var target = reader.Required("--target", "NAME (a target of targets.json, e.g. reference)");
        if (reader.Value("--plan") is { } planName)
        {
            return ParsePlan(reader, target, planName);
        }

        var workload = reader.Required("--workload", $"W ({string.Join(", ", Workloads.Names)}), or --plan NAME|FILE");
        if (!Workloads.Names.Contains(workload))
        {
            throw new UsageException($"--workload: there is no workload '{workload}' (workloads: {string.Join(", ", Workloads.Names)})");
        }

        var duration = ParseDuration(reader.Required("--duration", "D (e.g. 30s or 2m; at most 10m)"));
        var users = reader.WholeNumber("--users");
        var rate = reader.Value("--rate") is { } rateText ? ParseRate(rateText) : (double?)null;
        if (users is not null && rate is not null)
        {
            throw new UsageException("give either --users N (closed model) or --rate R (open model), not both");
        }

        if (users is null && rate is null)
        {
            throw new UsageException("'load' needs --users N (closed model: N users looping) or --rate R (open model: R iterations per second)");
        }

        var maxInFlight = reader.WholeNumber("--max-in-flight");
        if (maxInFlight is not null && rate is null)
        {
            throw new UsageException("--max-in-flight caps the open model; it goes with --rate, not --users");
        }

        var resources = reader.WholeNumber("--resources");
        if (resources is not null && workload != Workloads.Mixed)
        {
            throw new UsageException($"--resources is for the mixed workload, not {workload}");
        }

        var options = new WorkloadOptions { Duration = duration, Seed = reader.WholeNumber("--seed") ?? 1 };
        try
        {
            options = options with
            {
                Users = users,
                Rate = rate,
                MaxInFlight = maxInFlight ?? options.MaxInFlight,
                Resources = resources ?? options.Resources,
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new UsageException(Option(e.ParamName) + ": " + e.Message.Split(" (Parameter", 2)[0].Split(Environment.NewLine)[0]);
        }

        if (options.Check(workload) is { } problem)
        {
            throw new UsageException(problem);
        }

        return Finish(reader, target, workload, options, [], null);
    }

    /// <summary><c>--plan NAME</c> (<c>suites/load/NAME.json</c> beside the targets file) or <c>--plan FILE</c>: the
    /// plan's workload, phases, thresholds and resources; <c>--seed</c> and <c>--threshold</c> still apply.</summary>
    private static LoadCommandOptions ParsePlan(ArgumentReader reader, string target, string planName)
    {
        if (PlanDecides.FirstOrDefault(o => reader.All(o).Count > 0) is { } clash)
        {
            throw new UsageException($"{clash} does not go with --plan: the plan gives the workload, its phases and resources");
        }

        var file = PlanFile(planName, reader.Value("--targets") ?? DefaultPaths.TargetsFile);
        var plan = LoadPlanFile.Load(file);
        var options = plan.Apply(new WorkloadOptions());
        if (reader.WholeNumber("--seed") is { } seed)
        {
            options = options with { Seed = seed };
        }

        if (options.Check(plan.Workload) is { } problem)
        {
            throw new UsageException($"--plan {planName}: {problem}");
        }

        return Finish(reader, target, plan.Workload, options, plan.Thresholds, plan);
    }

    /// <summary>A plan's file: the path given when it is one, else <c>NAME.json</c> in the suites' <c>load/</c> folder.</summary>
    internal static string PlanFile(string plan, string targetsFile)
    {
        if (File.Exists(plan))
        {
            return plan;
        }

        var folder = Path.Combine(DefaultPaths.SuitesFor(targetsFile), "load");
        var named = Path.Combine(folder, plan + ".json");
        if (plan.IndexOfAny(['/', '\\']) < 0 && !plan.EndsWith(".json", StringComparison.Ordinal) && File.Exists(named))
        {
            return named;
        }

        var known = Directory.Exists(folder) ? string.Join(", ", Directory.GetFiles(folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)) : "";
        throw new UsageException($"--plan: '{plan}' is neither a file nor a plan in {folder} (plans: {(known.Length == 0 ? "none" : known)})");
    }

    private static LoadCommandOptions Finish(ArgumentReader reader, string target, string workload, WorkloadOptions options, IReadOnlyList<Threshold> planned, LoadPlan? plan)
    {
        var thresholds = new List<Threshold>(planned);
        foreach (var text in reader.All("--threshold"))
        {
            thresholds.Add(Threshold.TryParse(text, out var threshold, out var error) ? threshold : throw new UsageException($"--threshold: {error}"));
        }

        return new LoadCommandOptions
        {
            Target = target,
            TargetsFile = reader.Value("--targets") ?? DefaultPaths.TargetsFile,
            Workload = workload,
            WorkloadOptions = options,
            Plan = plan,
            Thresholds = thresholds,
            AbortOnBreach = reader.Flag("--abort-on-breach"),
            AllowRemote = reader.Flag("--allow-remote"),
            DefaultThresholds = !reader.Flag("--no-default-thresholds"),
            ReportRoot = reader.Value("--report") ?? DefaultPaths.ReportsDirectory,
            JsonFile = reader.Value("--json"),
        };
    }

    /// <summary>A duration with its unit: <c>500ms</c>, <c>30s</c>, <c>2m</c> (more than 0, at most <see cref="WorkloadOptions.MaxDuration"/>).</summary>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var digits = trimmed.TakeWhile(c => char.IsAsciiDigit(c) || c == '.').Count();
        double? scale = trimmed[digits..] switch
        {
            "ms" => 0.001,
            "s" => 1,
            "m" => 60,
            _ => null,
        };
        if (digits == 0 || scale is null || !double.TryParse(trimmed.AsSpan(0, digits), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            throw new UsageException($"--duration: '{text}' is not a duration; give a number with the unit ms, s or m (e.g. 30s, 2m)");
        }

        var duration = TimeSpan.FromSeconds(number * scale.Value);
        if (duration <= TimeSpan.Zero || duration > WorkloadOptions.MaxDuration)
        {
            throw new UsageException($"--duration: {text} is out of range; a load run lasts more than 0 and at most {WorkloadOptions.MaxDuration.TotalMinutes:0}m");
        }

        return duration;
    }

    private static double ParseRate(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith("/s", StringComparison.Ordinal))
        {
            trimmed = trimmed[..^2];
        }

        return double.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) && rate > 0
            ? rate
            : throw new UsageException($"--rate: '{text}' is not an arrival rate; give iterations per second, more than 0 (e.g. 200 or 0.5)");
    }

    private static string Option(string? parameter) => parameter switch
    {
        "Users" => "--users",
        "Rate" => "--rate",
        "MaxInFlight" => "--max-in-flight",
        "Resources" => "--resources",
        _ => "load",
    };
}
