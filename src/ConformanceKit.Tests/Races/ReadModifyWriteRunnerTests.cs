using ConformanceKit.Races;
using ConformanceKit.ReferenceServer;
using Xunit.Abstractions;

namespace ConformanceKit.Tests.Races;

/// <summary>The read-modify-write workload against the reference server on loopback: on the correct server
/// the counter counts every successful write and the checker finds nothing; where preconditions are not
/// enforced atomically, increments are lost and the checker names the writes.</summary>
public sealed class ReadModifyWriteRunnerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task On_the_correct_server_the_counter_equals_the_number_of_successful_writes()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await ReferenceTarget.OpenAsync(deadline.Token);
        var path = await ReferenceTarget.FreshDocumentAsync(session, deadline.Token, CounterDocument.Initial);

        var result = await ReadModifyWriteRunner.RunAsync(session, path, new ReadModifyWriteOptions { Clients = 8, Iterations = 10, Seed = 4 }, deadline.Token);

        output.WriteLine($"{result.SuccessfulWrites} successful writes, {result.WriteStatuses}, {result.RetriesPerSuccess:0.00} retries per success");
        result.StopReason.ShouldBeNull();
        result.Violations.ShouldBeEmpty();
        result.SuccessfulWrites.ShouldBe(80);
        result.Counter.ShouldNotBeNull().Outcome.ShouldBe(RuleOutcome.Holds, result.Counter.Detail);
        CounterDocument.TryRead(result.History!.Final!.Evidence!.Response!.Body).ShouldBe(80);
        result.WriteStatuses.ByStatus.Keys.ShouldBeSubsetOf([204, 412]);
        result.IsClean.ShouldBeTrue();
    }

    [Fact]
    public async Task With_write_preconditions_ignored_increments_are_lost_and_the_checker_names_the_writes()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await ReferenceTarget.OpenAsync(deadline.Token, Defects.WritePreconditionsIgnored.Name);
        var path = await ReferenceTarget.FreshDocumentAsync(session, deadline.Token, CounterDocument.Initial);

        var result = await ReadModifyWriteRunner.RunAsync(session, path, new ReadModifyWriteOptions { Clients = 8, Iterations = 5, Seed = 4 }, deadline.Token);

        // Every client's first write sends the same validator (all read before anyone wrote) and succeeds.
        result.SuccessfulWrites.ShouldBe(40);
        result.Conflicts.ShouldBe(0);
        var lost = result.Violations.Where(v => v.Kind == ViolationKind.LostUpdate).ToList();
        lost.ShouldNotBeEmpty();
        lost[0].Operations.Count.ShouldBeGreaterThanOrEqualTo(2);
        lost[0].Describe().ShouldContain("in read-modify-write (seed 4)");
        result.Counter!.Outcome.ShouldBe(RuleOutcome.Broken);
        result.Counter.Detail.ShouldContain("but 40 writes succeeded");
        result.IsClean.ShouldBeFalse();
        output.WriteLine(result.Counter.Detail);
        output.WriteLine(lost[0].Describe());
    }

    [Fact]
    public async Task A_non_atomic_check_then_write_loses_increments()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await ReferenceTarget.OpenAsync(deadline.Token, "non-atomic-write:5ms");
        var path = await ReferenceTarget.FreshDocumentAsync(session, deadline.Token, CounterDocument.Initial);

        var result = await ReadModifyWriteRunner.RunAsync(session, path, new ReadModifyWriteOptions { Clients = 8, Iterations = 5, Seed = 9 }, deadline.Token);

        // The eight first writes all check the same version within the 5 ms window, so more than one applies.
        result.Violations.ShouldContain(v => v.Kind == ViolationKind.LostUpdate);
        result.Counter!.Outcome.ShouldBe(RuleOutcome.Broken);
    }

    [Fact]
    public async Task A_document_without_a_counter_stops_the_workload_with_the_reason()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await ReferenceTarget.OpenAsync(deadline.Token);
        var path = await ReferenceTarget.FreshDocumentAsync(session, deadline.Token, """{"title":"no counter here"}""");

        var result = await ReadModifyWriteRunner.RunAsync(session, path, new ReadModifyWriteOptions { Clients = 2 }, deadline.Token);

        result.History.ShouldBeNull();
        result.StopReason.ShouldBe($"observer#1's GET {path} did not give back a JSON document with a counter, so increments cannot be counted");
        result.IsClean.ShouldBeFalse();
    }

    [Theory]
    [InlineData("""{"counter":41,"by":"c01"}""", 41L)]
    [InlineData("""{"counter":0}""", 0L)]
    [InlineData("""{"counter":"7"}""", null)]
    [InlineData("""[1,2]""", null)]
    [InlineData("not json", null)]
    [InlineData("", null)]
    public void The_counter_is_read_from_a_JSON_object_only(string body, long? expected)
    {
        CounterDocument.TryRead(body).ShouldBe(expected);
    }

    [Fact]
    public void The_next_document_carries_the_counter_the_writer_and_a_seeded_edit()
    {
        var documents = new ConformanceKit.Scenarios.DocumentFactory(3, "rmw");
        var next = CounterDocument.Next(5, "c02", 1, 0, documents);

        CounterDocument.TryRead(next).ShouldBe(5);
        next.ShouldContain("\"by\":\"c02\"");
        CounterDocument.Next(5, "c02", 1, 0, new ConformanceKit.Scenarios.DocumentFactory(3, "rmw")).ShouldBe(next);
        CounterDocument.Next(5, "c02", 1, 1, documents).ShouldNotBe(next);
    }
}
