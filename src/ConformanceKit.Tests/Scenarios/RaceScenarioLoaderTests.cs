using ConformanceKit.Races;
using ConformanceKit.Scenarios;
using static ConformanceKit.Tests.Scenarios.SuiteText;

namespace ConformanceKit.Tests.Scenarios;

/// <summary>Race scenarios in suite files: a <c>race</c> block instead of steps, with defaults per workload,
/// and precise refusals for what does not make sense.</summary>
public sealed class RaceScenarioLoaderTests : IDisposable
{
    private readonly Configuration.TempFolder _folder = new();
    private readonly ScenarioLoader _loader = new();

    [Fact]
    public void A_race_block_replaces_the_steps()
    {
        var file = _folder.Write("suite.json", Suite(Race("rmw", """{ "workload": "read-modify-write", "clients": 4, "iterations": 3 }""")));

        var scenario = _loader.LoadFile(file).ShouldHaveSingleItem();

        scenario.Race.ShouldBe(new RaceBlock(RaceWorkload.ReadModifyWrite, 4, RaceDefaults.Rounds, 3));
        scenario.Steps.ShouldBeEmpty();
        scenario.Resource.ShouldBe(ResourceSetup.Fresh);
    }

    [Fact]
    public void Each_workload_has_its_own_default_client_count()
    {
        var file = _folder.Write("suite.json", Suite(Race("a", """{ "workload": "if-match" }"""), Race("b", """{ "workload": "read-modify-write" }""")));

        var scenarios = _loader.LoadFile(file);

        scenarios[0].Race.ShouldBe(new RaceBlock(RaceWorkload.IfMatch, RaceDefaults.Clients, 1, RaceDefaults.Iterations));
        scenarios[1].Race.ShouldBe(new RaceBlock(RaceWorkload.ReadModifyWrite, RaceDefaults.ReadModifyWriteClients, 1, RaceDefaults.Iterations));
    }

    /// <summary>Case label, suite text, expected JSON path, part of the expected reason.</summary>
    public static TheoryData<string, string, string, string> Refusals { get; } = new()
    {
        { "unknown workload", Suite(Race("w", """{ "workload": "if-none-match" }""")), "$.scenarios[0].race.workload", "one of the values specified by the enum" },
        { "one client", Suite(Race("c", """{ "workload": "if-match", "clients": 1 }""")), "$.scenarios[0].race.clients", "2" },
        { "too many clients", Suite(Race("c", """{ "workload": "if-match", "clients": 257 }""")), "$.scenarios[0].race.clients", "256" },
        { "no workload", Suite(Race("n", """{ "clients": 4 }""")), "$.scenarios[0].race", "workload" },
        { "unknown race field", Suite(Race("u", """{ "workload": "if-match", "round": 3 }""")), "$.scenarios[0].race.round", "unknown field" },
        { "both steps and race", Suite(Scenario("both", """, "race": { "workload": "if-match" }""")), "$.scenarios[0]", "steps" },
        { "neither steps nor race", Suite("""{ "id": "none", "section": "9110/13.1.1", "level": "MUST", "title": "T", "requirement": "R." }"""), "$.scenarios[0]", "steps" },
        { "race on an absent resource", Suite(Race("absent", """{ "workload": "if-match" }""", """, "resource": "absent" """)), "$.scenarios[0].resource", "a race scenario races on a fresh resource made for it" },
        { "race as an observation", Suite(Race("obs", """{ "workload": "if-match" }""", """, "kind": "observation", "finding": "f", "otherwise": "o" """)), "$.scenarios[0].kind", "a race scenario is a requirement" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void A_bad_race_block_is_refused_at_its_json_path(string label, string suite, string jsonPath, string reason)
    {
        var file = _folder.Write("suite.json", suite);

        var error = Should.Throw<ConfigurationException>(() => _loader.LoadFile(file), label);

        error.File.ShouldBe(file);
        error.JsonPath.ShouldBe(jsonPath, label);
        error.Reason.ShouldContain(reason, Case.Sensitive, label);
    }

    private static string Race(string id, string race, string extra = "") =>
        $$"""
        {
          "id": "{{id}}", "section": "9110/13.1.1", "level": "MUST", "title": "A race",
          "requirement": "A rule in one sentence."{{extra}},
          "race": {{race}}
        }
        """;

    public void Dispose() => _folder.Dispose();
}
