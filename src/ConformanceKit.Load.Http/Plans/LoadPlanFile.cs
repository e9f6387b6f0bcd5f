using System.Globalization;
using System.Text.Json;
using ConformanceKit.Json;
using ConformanceKit.Targets;

namespace ConformanceKit.Load.Http;

/// <summary>
/// Reads a load plan (<see cref="LoadPlan"/>) from JSON with comments:
/// <code>
/// { "workload": "revalidating-readers",
///   "phases": [ { "rampUsers": { "from": 0, "to": 16, "during": "5s" } }, { "constantUsers": { "users": 16, "during": "10s" } } ],
///   "thresholds": [ "p99 &lt; 50ms" ] }
/// </code>
/// A phase is an object with one member, its kind: <c>constantUsers</c> (users, during), <c>rampUsers</c> (from, to,
/// during), <c>fixedIterations</c> (users, iterations), <c>pause</c> (during), <c>constantRate</c> (rate, during,
/// maxInFlight), <c>rampRate</c> (from, to, during, maxInFlight); durations with their unit (<c>500ms</c>, <c>10s</c>,
/// <c>2m</c>). <c>mixed</c> takes <c>readers</c> and <c>writers</c> phase lists instead of <c>phases</c>. Every problem
/// is a <see cref="ConfigurationException"/> naming the file, line, JSON path and reason; unknown fields included.
/// </summary>
public static class LoadPlanFile
{
    /// <summary>The longest a plan may run by the clock, all phases of a scenario together.</summary>
    public static readonly TimeSpan MaxDuration = WorkloadOptions.MaxDuration;

    private static readonly string[] Fields = ["name", "description", "workload", "phases", "readers", "writers", "thresholds", "resources", "seed"];

    private static readonly Dictionary<string, string[]> PhaseFields = new(StringComparer.Ordinal)
    {
        ["constantUsers"] = ["users", "during"],
        ["rampUsers"] = ["from", "to", "during"],
        ["fixedIterations"] = ["users", "iterations"],
        ["pause"] = ["during"],
        ["constantRate"] = ["rate", "during", "maxInFlight"],
        ["rampRate"] = ["from", "to", "during", "maxInFlight"],
    };

    /// <summary>The plan in <paramref name="path"/>; its name is the file's unless it says another.</summary>
    public static LoadPlan Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var source = JsonFile.Read(path);
        source.RejectDuplicates();
        var root = source.Root.RequireObject();
        root.RejectUnknown(Fields);
        var name = root.OptionalString("name") ?? Path.GetFileNameWithoutExtension(path);
        var workload = root.RequiredString("workload", $"the built-in workload whose steps the plan runs: {string.Join(", ", Workloads.Names)}");
        if (!Workloads.Names.Contains(workload))
        {
            throw root.Error("workload", $"there is no workload '{workload}' (workloads: {string.Join(", ", Workloads.Names)})");
        }

        IReadOnlyList<LoadPhase> phases;
        IReadOnlyList<LoadPhase>? writers = null;
        if (workload == Workloads.Mixed)
        {
            if (root.Has("phases"))
            {
                throw root.Error("phases", "mixed runs two scenarios: give \"readers\" and \"writers\", each a list of phases, instead of \"phases\"");
            }

            phases = Phases(root, "readers", "the readers' phases");
            writers = Phases(root, "writers", "the writers' phases");
        }
        else
        {
            foreach (var field in new[] { "readers", "writers", "resources" })
            {
                if (root.Has(field))
                {
                    throw root.Error(field, $"only the mixed workload has {field}; {workload} takes \"phases\"");
                }
            }

            phases = Phases(root, "phases", "the phases the workload's scenario goes through");
        }

        return new LoadPlan(name, root.OptionalString("description"), workload, phases, writers, Thresholds(root),
            WholeNumber(root, "resources", 1, WorkloadOptions.MaxResources), WholeNumber(root, "seed", 0, int.MaxValue));
    }

    private static List<LoadPhase> Phases(JsonCursor root, string field, string what)
    {
        if (!root.Has(field))
        {
            throw root.Error(field, $"required field is missing ({what}, e.g. [ {{ \"constantUsers\": {{ \"users\": 8, \"during\": \"10s\" }} }} ])");
        }

        var list = root.Property(field);
        var phases = list.Items().Select(Phase).ToList();
        if (phases.Count == 0)
        {
            throw list.Error("needs at least one phase");
        }

        var total = LoadPhase.PlannedDurationOf(phases);
        if (total > MaxDuration)
        {
            throw list.Error($"the phases last {DurationText.Format(total)}, more than a load run may ({DurationText.Format(MaxDuration)})");
        }

        return phases;
    }

    private static LoadPhase Phase(JsonCursor item)
    {
        item.RequireObject();
        var members = item.Members().ToList();
        if (members.Count != 1 || !PhaseFields.TryGetValue(members[0].Name, out var known))
        {
            throw item.Error($"a phase is an object with one member, its kind: {string.Join(", ", PhaseFields.Keys)}");
        }

        var (kind, body) = members[0];
        body.RejectUnknown(known);
        try
        {
            return kind switch
            {
                "constantUsers" => LoadPhase.ConstantUsers(Required(body, "users", Int), Required(body, "during", Duration)),
                "rampUsers" => LoadPhase.RampUsers(Required(body, "from", Int), Required(body, "to", Int), Required(body, "during", Duration)),
                "fixedIterations" => LoadPhase.FixedIterations(Required(body, "users", Int), Required(body, "iterations", Int)),
                "pause" => LoadPhase.Pause(Required(body, "during", Duration)),
                "constantRate" => Capped(LoadPhase.ConstantRate(Required(body, "rate", Number), Required(body, "during", Duration)), body),
                _ => Capped(LoadPhase.RampRate(Required(body, "from", Number), Required(body, "to", Number), Required(body, "during", Duration)), body),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw body.Error(e.Message.Split(" (Parameter", 2)[0].Split(Environment.NewLine)[0]);
        }
    }

    /// <summary>An open-model phase with the plan's cap on iterations in flight, or the engine's default.</summary>
    private static OpenModelPhase Capped(OpenModelPhase phase, JsonCursor body) =>
        Optional(body, "maxInFlight", Int) is { } cap ? phase with { MaxInFlight = cap } : phase;

    private static List<Threshold> Thresholds(JsonCursor root)
    {
        if (!root.Has("thresholds"))
        {
            return [];
        }

        var thresholds = new List<Threshold>();
        foreach (var item in root.Property("thresholds").Items())
        {
            if (item.Element.ValueKind != JsonValueKind.String)
            {
                throw item.Error($"must be a threshold such as \"p99 < 50ms\", found {JsonCursor.Describe(item.Element)}");
            }

            thresholds.Add(Threshold.TryParse(item.Element.GetString(), out var threshold, out var error) ? threshold : throw item.Error(error!));
        }

        return thresholds;
    }

    private static T Required<T>(JsonCursor body, string name, Func<JsonCursor, T> read) =>
        body.Has(name) ? read(body.Property(name)) : throw body.Error(name, "required field is missing");

    private static T? Optional<T>(JsonCursor body, string name, Func<JsonCursor, T> read)
        where T : struct =>
        body.Has(name) ? read(body.Property(name)) : null;

    private static int? WholeNumber(JsonCursor root, string name, int min, int max)
    {
        if (!root.Has(name))
        {
            return null;
        }

        var value = Int(root.Property(name));
        return value >= min && value <= max ? value : throw root.Error(name, string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}, found {value}"));
    }

    private static int Int(JsonCursor cursor) =>
        cursor.Element.ValueKind == JsonValueKind.Number && cursor.Element.TryGetInt32(out var value)
            ? value
            : throw cursor.Error($"must be a whole number, found {JsonCursor.Describe(cursor.Element)}");

    private static double Number(JsonCursor cursor) =>
        cursor.Element.ValueKind == JsonValueKind.Number
            ? cursor.Element.GetDouble()
            : throw cursor.Error($"must be a number, found {JsonCursor.Describe(cursor.Element)}");

    private static TimeSpan Duration(JsonCursor cursor) =>
        cursor.Element.ValueKind == JsonValueKind.String && DurationText.TryParse(cursor.Element.GetString(), out var duration)
            ? duration
            : throw cursor.Error($"must be a duration with its unit ({DurationText.Units}), such as \"10s\", found {JsonCursor.Describe(cursor.Element)}");
}
