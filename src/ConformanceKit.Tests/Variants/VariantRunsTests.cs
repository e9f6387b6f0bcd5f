using ConformanceKit.Checks;
using Xunit.Abstractions;

namespace ConformanceKit.Tests.Variants;

/// <summary>
/// The catalog against every legal variant of the reference server (<see cref="VariantTable"/>): a legal
/// choice never fails a check. Per row: no fail and no error, a warn only where the row allows it, and exactly
/// the row's number of skips. Checks listed as catalog bugs must still fail there (a ratchet): once one is
/// fixed, the test asks to drop its entry.
/// </summary>
[Collection(ConformanceKit.Tests.Load.LoadRuns.Name)]
public sealed class VariantRunsTests(VariantRunsFixture variants, ITestOutputHelper output) : IClassFixture<VariantRunsFixture>
{
    public static TheoryData<string> Rows() => [.. VariantTable.Rows.Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(Rows))]
    public void No_false_failure_against_the_variant(string name)
    {
        var row = VariantTable.Rows.Single(r => r.Name == name);
        var run = variants.RunOf(row);
        var s = run.Summary;
        output.WriteLine($"{row.Name}: {s.Pass} pass, {s.Fail} fail, {s.Warn} warn, {s.Info} info, {s.Skip} skip, {s.Error} error in {run.Duration.TotalSeconds:0.00} s (all rows: {variants.Elapsed.TotalSeconds:0.0} s)");
        foreach (var check in run.Checks.Where(c => c.Verdict is not Verdict.Pass))
        {
            output.WriteLine($"  {check.Verdict.ToString().ToUpperInvariant(),-5} {check.Check.Id}: {check.Message}");
        }

        run.Checks.Where(c => c.Verdict == Verdict.Error).Select(c => $"{c.Check.Id}: {c.Message}").ShouldBeEmpty($"{row.Name}: checks that could not be evaluated");
        var broken = run.Checks.Where(c => c.Verdict is Verdict.Fail or Verdict.Warn).ToList();
        broken
            .Where(c => !row.CatalogBugs.ContainsKey(c.Check.Id) && !(c.Verdict == Verdict.Warn && row.AllowedWarns.ContainsKey(c.Check.Id)))
            .Select(c => $"{c.Check.Id}: {c.Verdict} {c.Message}")
            .ShouldBeEmpty($"{row.Name}: false failures (a legal choice must never fail a check)");
        row.CatalogBugs.Keys
            .Where(id => !broken.Any(c => c.Check.Id == id))
            .ShouldBeEmpty($"{row.Name}: catalog bugs that no longer fail; drop their entries from VariantTable");
        s.Skip.ShouldBe(row.Skips, $"{row.Name}: skips");
    }
}
