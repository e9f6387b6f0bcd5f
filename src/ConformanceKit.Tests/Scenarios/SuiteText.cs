namespace ConformanceKit.Tests.Scenarios;

/// <summary>Builds small suite files as text, so each test shows only the part it is about.</summary>
internal static class SuiteText
{
    public const string Get200 = """{ "client": "A", "request": { "method": "GET" }, "expect": { "status": 200 } }""";

    public static string Suite(params string[] scenarios) =>
        $$"""{ "group": "Unit test suite", "scenarios": [ {{string.Join(",\n", scenarios)}} ] }""";

    /// <param name="extra">More scenario fields, each written as <c>, "name": value</c>.</param>
    public static string Scenario(string id, string extra = "", params string[] steps) =>
        $$"""
        {
          "id": "{{id}}", "section": "9110/13.1.1", "level": "MUST", "title": "A title",
          "requirement": "A rule in one sentence."{{extra}},
          "steps": [ {{string.Join(",\n", steps.Length == 0 ? [Get200] : steps)}} ]
        }
        """;
}
