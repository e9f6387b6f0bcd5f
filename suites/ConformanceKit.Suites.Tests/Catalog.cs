using ConformanceKit.Scenarios;

namespace ConformanceKit.Suites.Tests;

/// <summary>Every scenario of suites/, loaded once; one theory row per scenario id.</summary>
public static class Catalog
{
    private static readonly Lazy<IReadOnlyDictionary<string, Scenario>> Scenarios = new(() =>
        new ScenarioLoader().Load([RepositoryPaths.Suites]).ToDictionary(s => s.Id, StringComparer.Ordinal));

    public static Scenario Get(string id) => Scenarios.Value[id];

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var id in Scenarios.Value.Keys)
        {
            data.Add(id);
        }

        return data;
    }
}
