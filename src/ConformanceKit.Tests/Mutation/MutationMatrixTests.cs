using System.Text;
using ConformanceKit.Checks;
using ConformanceKit.ReferenceServer;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;
using Xunit.Abstractions;

namespace ConformanceKit.Tests.Mutation;

/// <summary>
/// Mutation testing of the catalog: the correct reference server passes every check, and every defect mode
/// (one deliberate deviation each) is caught by the checks <see cref="MutationTable"/> names; conversely,
/// every MUST and SHOULD check catches at least one defect, or it would pass against a broken server too.
/// </summary>
[Collection(ConformanceKit.Tests.Load.LoadRuns.Name)]
public sealed class MutationMatrixTests(MutationMatrixFixture matrix, ITestOutputHelper output) : IClassFixture<MutationMatrixFixture>
{
    private const string NoDefect = "(no defect)";

    /// <summary>
    /// MUST/SHOULD checks that no defect mode kills, each with the reason. Empty: every check is needed to
    /// catch at least one defect. Add an entry only with a comment saying why no defect can break it.
    /// </summary>
    private static readonly Dictionary<string, string> UnkilledAllowed = new(StringComparer.Ordinal);

    public static TheoryData<string> Targets() => [NoDefect, .. Defects.All.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Catalog_against_the_reference_server_with(string target)
    {
        if (target == NoDefect)
        {
            ShouldBeClean(matrix.CorrectPlain);
            ShouldBeClean(matrix.CorrectStrict);
            return;
        }

        Defects.TryGet(target, out var defect).ShouldBeTrue();
        var run = matrix.RunWith(defect!);
        var killers = run.Checks.Where(c => c.IsKill()).ToList();
        output.WriteLine($"{defect!.Name} ({defect.Section}): {Describe(run)}");
        foreach (var killer in killers)
        {
            output.WriteLine($"  {killer.Verdict.ToString().ToUpperInvariant(),-4} {killer.Check.Id} ({killer.Check.Section}): {killer.Message}");
        }

        var row = MutationTable.MustKill.SingleOrDefault(r => r.Defect == defect)
            ?? throw new ShouldAssertException($"{defect.Name} has no row in MutationTable.MustKill.");
        var killerIds = killers.Select(k => k.Check.Id).ToHashSet(StringComparer.Ordinal);
        row.Killers.Except(killerIds).ShouldBeEmpty($"{defect.Name}: expected killers that did not fail or warn");
        killers.ShouldContain(k => Kills.IsWithin(k.Check.Section, defect.Section), $"{defect.Name}: no failing or warning check in section {defect.Section}");
    }

    [Fact]
    public void Every_must_and_should_check_kills_some_defect()
    {
        var runs = Defects.All.Select(d => (Defect: d, Run: matrix.RunWith(d))).ToList();
        var judged = matrix.Catalog
            .Where(s => s.Kind == ScenarioKind.Requirement && s.Check.Level is RequirementLevel.Must or RequirementLevel.Should)
            .ToList();

        var text = new StringBuilder();
        text.AppendLine($"Mutation matrix: {judged.Count} MUST/SHOULD checks x {runs.Count} defects, ran in {matrix.Elapsed.TotalSeconds:0.0} s");
        var unkilled = new List<string>();
        foreach (var scenario in judged)
        {
            var killedBy = runs
                .Where(r => r.Run.Checks.Any(c => c.Check.Id == scenario.Id && c.IsKill()))
                .Select(r => r.Defect.Name)
                .ToList();
            text.AppendLine($"{scenario.Id} ({scenario.Check.Section} {scenario.Check.Level.ToString().ToUpperInvariant()}) <- {(killedBy.Count == 0 ? "NOT KILLED" : string.Join(", ", killedBy))}");
            if (killedBy.Count == 0 && !UnkilledAllowed.ContainsKey(scenario.Id))
            {
                unkilled.Add(scenario.Id);
            }
        }

        output.WriteLine(text.ToString());
        unkilled.ShouldBeEmpty("MUST/SHOULD checks that pass against every defect: add a defect that breaks each rule, or allow-list it with the reason");
        UnkilledAllowed.Keys.Except(judged.Select(s => s.Id)).ShouldBeEmpty("allow-listed checks that are not in the catalog");
    }

    [Fact]
    public void Every_defect_has_exactly_one_row()
    {
        var rows = MutationTable.MustKill.Select(r => r.Defect).ToList();
        rows.Distinct().Count().ShouldBe(rows.Count, "a defect is listed twice");
        Defects.All.Except(rows).Select(d => d.Name).ShouldBeEmpty("defects without a row in MutationTable");
        var catalogIds = matrix.Catalog.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        MutationTable.MustKill.SelectMany(r => r.Killers).Where(id => !catalogIds.Contains(id)).ShouldBeEmpty("killers that are not catalog checks");
    }

    /// <summary>suites/CATALOG.md is the catalog with this matrix: when it differs from what the matrix shows,
    /// it is rewritten and the test fails, so the new file gets reviewed and committed.</summary>
    [Fact]
    public void The_catalog_document_shows_this_matrix()
    {
        // A race check lists only the kills the table requires of it (asserted above): whether a race also catches
        // another defect depends on how the clients' requests interleave (a read-modify-write race without any
        // collision sees no 412 at all), and the document must not change from run to run.
        var killers = matrix.Catalog.ToDictionary(
            s => s.Id,
            s => (IReadOnlyList<string>)Defects.All
                .Where(d => matrix.RunWith(d).Checks.Any(c => c.Check.Id == s.Id && c.IsKill()))
                .Where(d => s.Race is null || MutationTable.MustKill.Any(row => row.Defect == d && row.Killers.Contains(s.Id)))
                .Select(d => d.Name).ToList(),
            StringComparer.Ordinal);
        var defects = Defects.All.Select(d => (d.Name, d.Section, d.Description)).ToList();
        var expected = ConformanceKit.Reports.CatalogDocument.Render(matrix.Catalog, killers, defects, UnkilledAllowed);
        var file = Path.Combine(RepositoryPaths.Suites, "CATALOG.md");
        var actual = File.Exists(file) ? File.ReadAllText(file).ReplaceLineEndings("\n") : null;
        if (actual != expected)
        {
            File.WriteAllText(file, expected);
        }

        actual.ShouldBe(expected, "suites/CATALOG.md was stale and has been regenerated: review and commit it");
    }

    private void ShouldBeClean(RunResult run)
    {
        output.WriteLine($"{run.Target}: {Describe(run)}");
        var broken = run.Checks.Where(c => c.Verdict is Verdict.Fail or Verdict.Warn or Verdict.Error).ToList();
        broken.Select(c => $"{c.Check.Id}: {c.Verdict} {c.Message}").ShouldBeEmpty($"{run.Target} must pass every applicable check");
        run.Checks.Count(c => c.Verdict == Verdict.Pass).ShouldBeGreaterThan(0);
    }

    private static string Describe(RunResult run)
    {
        var s = run.Summary;
        return $"{s.Pass} pass, {s.Fail} fail, {s.Warn} warn, {s.Info} info, {s.Skip} skip, {s.Error} error in {run.Duration.TotalSeconds:0.00} s";
    }
}
