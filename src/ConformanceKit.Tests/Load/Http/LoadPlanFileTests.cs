using ConformanceKit.Load;
using ConformanceKit.Load.Http;

namespace ConformanceKit.Tests.Load.Http;

/// <summary>Load plans as data (suites/load/*.json): the repository's plans, and every malformed plan refused with the
/// file, line, JSON path and reason.</summary>
public sealed class LoadPlanFileTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "ck-plan-" + Guid.NewGuid().ToString("N"));

    public LoadPlanFileTests() => Directory.CreateDirectory(folder);

    [Fact]
    public void The_repository_plans_load_with_their_phases_and_thresholds()
    {
        var readers = LoadPlanFile.Load(Path.Combine(RepositoryPaths.Suites, "load", "readers-ramp.json"));
        readers.Name.ShouldBe("readers-ramp");
        readers.Workload.ShouldBe(Workloads.RevalidatingReaders);
        readers.Phases.Select(p => p.ToString()).ShouldBe(["1 to 16 users over 5 s", "16 users for 10 s", "500/s for 5 s (at most 64 in flight)"]);
        readers.WriterPhases.ShouldBeNull();
        readers.Thresholds.Select(t => t.Expression).ShouldBe(["p99 < 100ms"]);

        var writers = LoadPlanFile.Load(Path.Combine(RepositoryPaths.Suites, "load", "writers-rush.json"));
        writers.Workload.ShouldBe(Workloads.Mixed);
        writers.Resources.ShouldBe(5);
        writers.Phases.Select(p => p.ToString()).ShouldBe(["200/s for 15 s (at most 32 in flight)"]);
        writers.WriterPhases.ShouldNotBeNull().Select(p => p.ToString()).ShouldBe(["10/s to 300/s over 10 s (at most 24 in flight)", "300/s for 5 s (at most 24 in flight)"]);
        writers.Apply(new WorkloadOptions()).Check(Workloads.Mixed).ShouldBeNull();
    }

    [Fact]
    public void A_plan_gives_its_phases_name_and_seed_to_the_workload_options()
    {
        var plan = LoadPlanFile.Load(Write("""{ "workload": "contended-writers", "seed": 7, "phases": [ { "fixedIterations": { "users": 2, "iterations": 10 } }, { "pause": { "during": "500ms" } } ] }"""));

        var options = plan.Apply(new WorkloadOptions());

        options.Plan.ShouldBe("plan");
        options.Seed.ShouldBe(7);
        options.Phases.ShouldNotBeNull().Count.ShouldBe(2);
        options.PlannedDuration.ShouldBe(TimeSpan.FromMilliseconds(500));
        options.Check(Workloads.ContendedWriters).ShouldBeNull();
        (options with { Users = 3 }).Check(Workloads.ContendedWriters).ShouldBe("give phases or a number of users or an arrival rate, not both");
    }

    [Theory]
    [InlineData("""{ "workload": "revalidating-readers", "phases": [], "speed": 1 }""", ":1:53: $.speed: unknown field (known fields here: name, description, workload, phases, readers, writers, thresholds, resources, seed)")]
    [InlineData("""{ "phases": [] }""", ": $.workload: required field is missing (the built-in workload whose steps the plan runs: revalidating-readers, contended-writers, mixed)")]
    [InlineData("""{ "workload": "spike" }""", ":1:3: $.workload: there is no workload 'spike' (workloads: revalidating-readers, contended-writers, mixed)")]
    [InlineData("""{ "workload": "revalidating-readers" }""", ": $.phases: required field is missing (the phases the workload's scenario goes through, e.g.")]
    [InlineData("""{ "workload": "revalidating-readers", "phases": [] }""", ":1:39: $.phases: needs at least one phase")]
    [InlineData("""{ "workload": "revalidating-readers", "phases": [ { "soak": { "during": "1s" } } ] }""", ":1:51: $.phases[0]: a phase is an object with one member, its kind: constantUsers, rampUsers, fixedIterations, pause, constantRate, rampRate")]
    [InlineData("""{ "workload": "revalidating-readers", "phases": [ { "pause": { "during": "1s" }, "constantUsers": { "users": 1, "during": "1s" } } ] }""", "$.phases[0]: a phase is an object with one member, its kind:")]
    [InlineData("""{ "workload": "revalidating-readers", "phases": [ { "constantUsers": { "users": 4 } } ] }""", "$.phases[0].constantUsers.during: required field is missing")]
    [InlineData("""{ "workload": "revalidating-readers", "phases": [ { "constantUsers": { "users": 4, "during": "10" } } ] }""", "$.phases[0].constantUsers.during: must be a duration with its unit (ms, s, m or h), such as \"10s\", found the string \"10\"")]
    [InlineData("""{ "workload": "revalidating-readers", "phases": [ { "constantUsers": { "users": 0, "during": "1s" } } ] }""", "$.phases[0].constantUsers: users must be between 1 and")]
    [InlineData("""{ "workload": "revalidating-readers", "phases": [ { "constantUsers": { "users": 2.5, "during": "1s" } } ] }""", "$.phases[0].constantUsers.users: must be a whole number, found the number 2.5")]
    [InlineData("""{ "workload": "revalidating-readers", "phases": [ { "constantRate": { "rate": 10, "during": "1s", "burst": 3 } } ] }""", "$.phases[0].constantRate.burst: unknown field (known fields here: rate, during, maxInFlight)")]
    [InlineData("""{ "workload": "revalidating-readers", "phases": [ { "constantUsers": { "users": 1, "during": "8m" } }, { "pause": { "during": "3m" } } ] }""", "$.phases: the phases last 11 min, more than a load run may (10 min)")]
    [InlineData("""{ "workload": "revalidating-readers", "phases": [ { "pause": { "during": "1s" } } ], "thresholds": [ "p99 < 50" ] }""", "$.thresholds[0]: Threshold 'p99 < 50': p99 is a latency; give a unit")]
    [InlineData("""{ "workload": "revalidating-readers", "phases": [ { "pause": { "during": "1s" } } ], "writers": [] }""", "$.writers: only the mixed workload has writers; revalidating-readers takes \"phases\"")]
    [InlineData("""{ "workload": "mixed", "phases": [ { "pause": { "during": "1s" } } ] }""", "$.phases: mixed runs two scenarios: give \"readers\" and \"writers\", each a list of phases, instead of \"phases\"")]
    [InlineData("""{ "workload": "mixed", "readers": [ { "pause": { "during": "1s" } } ] }""", "$.writers: required field is missing (the writers' phases")]
    [InlineData("""{ "workload": "mixed", "resources": 0, "readers": [ { "pause": { "during": "1s" } } ], "writers": [ { "pause": { "during": "1s" } } ] }""", "$.resources: must be between 1 and 1000, found 0")]
    [InlineData("""{ "workload": "revalidating-readers", "workload": "mixed" }""", "workload")]
    [InlineData("""{ "workload": "revalidating-readers", """, "$: not valid JSON")]
    public void A_malformed_plan_is_refused_with_the_file_path_and_reason(string text, string message)
    {
        var file = Write(text);

        var error = Should.Throw<ConfigurationException>(() => LoadPlanFile.Load(file));

        error.Message.ShouldStartWith(file);
        error.Message.ShouldContain(message);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(folder, "plan.json");
        File.WriteAllText(path, text);
        return path;
    }
}
