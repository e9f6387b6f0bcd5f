using ConformanceKit.Checks;
using ConformanceKit.Runs;
using Xunit.Abstractions;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>The whole catalog passes against the SQLite-backed reference server exactly as against the
/// in-memory one: no fail, warn or error, and the same verdict for every check.</summary>
public sealed class SqliteCatalogTests(SqliteCatalogFixture runs, ITestOutputHelper output) : IClassFixture<SqliteCatalogFixture>
{
    [Fact]
    public void The_sqlite_store_passes_the_catalog_with_no_fail_warn_or_error()
    {
        output.WriteLine($"four catalog runs in {runs.Elapsed.TotalSeconds:0.0} s (in memory: {runs.MemoryPlain.Duration.TotalSeconds:0.0} s and {runs.MemoryStrict.Duration.TotalSeconds:0.0} s)");
        ShouldBeClean(runs.SqlitePlain);
        ShouldBeClean(runs.SqliteStrict);
    }

    [Fact]
    public void Every_check_has_the_same_verdict_on_both_stores()
    {
        SameVerdicts(runs.MemoryPlain, runs.SqlitePlain);
        SameVerdicts(runs.MemoryStrict, runs.SqliteStrict);
    }

    private void ShouldBeClean(RunResult run)
    {
        var summary = run.Summary;
        output.WriteLine($"{run.Target}: {summary.Pass} pass, {summary.Info} info, {summary.Skip} skip, {summary.Fail} fail, {summary.Warn} warn, {summary.Error} error in {run.Duration.TotalSeconds:0.0} s");
        var bad = run.Checks.Where(c => c.Verdict is Verdict.Fail or Verdict.Warn or Verdict.Error)
            .Select(c => $"{c.Verdict} {c.Check.Id}: {c.Message}")
            .ToList();
        bad.ShouldBeEmpty(run.Target);
        summary.Pass.ShouldBeGreaterThan(0);
    }

    private static void SameVerdicts(RunResult memory, RunResult sqlite)
    {
        var expected = memory.Checks.ToDictionary(c => c.Check.Id, c => c.Verdict, StringComparer.Ordinal);
        var actual = sqlite.Checks.ToDictionary(c => c.Check.Id, c => c.Verdict, StringComparer.Ordinal);
        actual.Keys.ShouldBe(expected.Keys, ignoreOrder: true);
        var differences = expected.Where(e => actual[e.Key] != e.Value).Select(e => $"{e.Key}: memory {e.Value}, sqlite {actual[e.Key]}").ToList();
        differences.ShouldBeEmpty($"{memory.Target} vs {sqlite.Target}");
    }
}
