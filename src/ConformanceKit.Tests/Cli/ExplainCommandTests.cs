using ConformanceKit.Scenarios;

namespace ConformanceKit.Tests.Cli;

/// <summary><c>conformancekit explain ID</c>: the requirement, the scenario told step by step, and the advice;
/// an unknown or missing id is a usage error (exit 2) that helps find the right one.</summary>
public sealed class ExplainCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task A_scripted_check_shows_its_requirement_its_steps_and_the_advice()
    {
        var code = await _cli.RunAsync("explain", "optimistic-locking", "--suite", RepositoryPaths.Suites);

        code.ShouldBe(0, _cli.Error);
        _cli.Output.ShouldStartWith("optimistic-locking: Optimistic locking: a write with a stale ETag is refused with 412 and loses nothing");
        _cli.Output.ShouldContain("  section   RFC 9110 section 13.1.1 (https://www.rfc-editor.org/rfc/rfc9110#section-13.1.1)");
        _cli.Output.ShouldContain("  level     MUST (broken: fail)");
        _cli.Output.ShouldContain("  4. B: PUT {resource}, If-Match: {etagB}, body {doc:b}; expect status 412");
        _cli.Output.ShouldContain("How servers usually get it right\n  Parse If-Match as a list");
    }

    [Fact]
    public async Task A_race_check_says_what_the_clients_do_and_what_is_required()
    {
        var code = await _cli.RunAsync("explain", "if-match-race-one-winner", "--suite", RepositoryPaths.Suites);

        code.ShouldBe(0, _cli.Error);
        _cli.Output.ShouldContain("16 clients, each on its own connection, read the current ETag");
        _cli.Output.ShouldContain("Repeated for 5 round(s)");
        _cli.Output.ShouldContain("conditional UPDATE ... WHERE id = ? AND version = ?");
    }

    [Fact]
    public async Task An_observation_says_it_judges_nothing()
    {
        var code = await _cli.RunAsync("explain", "blind-overwrite-loses-update", "--suite", RepositoryPaths.Suites);

        code.ShouldBe(0, _cli.Error);
        _cli.Output.ShouldContain("  level     observation (reported as info; it judges nothing)");
    }

    [Theory]
    [InlineData("optimistic-lock", "error: no check 'optimistic-lock' in the catalog; did you mean optimistic-locking?")]
    [InlineData("if-match-star", "did you mean if-match-star-absent, if-match-star-delete-existing, if-match-star-existing?")]
    [InlineData("zzz", "error: no check 'zzz' in the catalog of ")]
    public async Task An_unknown_id_exits_2_and_names_the_closest_ids(string id, string message)
    {
        var code = await _cli.RunAsync("explain", id, "--suite", RepositoryPaths.Suites);

        code.ShouldBe(2);
        _cli.Error.ShouldContain(message);
    }

    [Fact]
    public async Task Without_an_id_it_says_how_to_call_it()
    {
        (await _cli.RunAsync("explain")).ShouldBe(2);
        _cli.Error.ShouldStartWith("error: explain needs a check id, e.g. conformancekit explain optimistic-locking");
    }

    [Fact]
    public void Every_check_of_the_catalog_has_advice()
    {
        var catalog = new ScenarioLoader().Load([RepositoryPaths.Suites]);

        catalog.Where(s => s.Advice is null).Select(s => s.Id).ShouldBeEmpty();
    }

    public void Dispose() => _cli.Dispose();
}
