using ConformanceKit.Races;

namespace ConformanceKit.Tests.Races;

/// <summary>The building blocks of a history: outcomes, intervals, digests, ordering.</summary>
public sealed class HistoryModelTests
{
    [Theory]
    [InlineData(200, OperationOutcome.Ok)]
    [InlineData(201, OperationOutcome.Ok)]
    [InlineData(204, OperationOutcome.Ok)]
    [InlineData(412, OperationOutcome.Refused)]
    [InlineData(428, OperationOutcome.Refused)]
    [InlineData(304, OperationOutcome.Rejected)]
    [InlineData(400, OperationOutcome.Rejected)]
    [InlineData(409, OperationOutcome.Rejected)]
    [InlineData(500, OperationOutcome.Indeterminate)]
    [InlineData(503, OperationOutcome.Indeterminate)]
    [InlineData(null, OperationOutcome.Indeterminate)]
    public void Status_codes_map_to_one_outcome(int? status, OperationOutcome outcome) =>
        OperationOutcomes.FromStatus(status).ShouldBe(outcome);

    [Fact]
    public void An_interval_cannot_end_before_it_starts_and_precedes_only_strictly()
    {
        Should.Throw<ArgumentException>(() => new Interval(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(1)));
        var first = new Interval(TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        first.Precedes(new Interval(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(3))).ShouldBeTrue();
        first.Precedes(new Interval(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(3))).ShouldBeFalse("touching is overlapping");
    }

    [Fact]
    public void Digests_are_sha256_prefixes_and_ignore_json_formatting_only()
    {
        var digest = ContentDigest.Of("hello");
        digest.Hex.ShouldBe("2cf24dba5fb0a30e");   // SHA-256("hello") starts 2cf24dba5fb0a30e...
        digest.Hex.Length.ShouldBe(ContentDigest.HexLength);

        ContentDigest.Of("""{"b":[1,2],"a":"\u0041"}""").ShouldBe(ContentDigest.Of("""{ "a" : "A", "b" : [ 1, 2 ] }"""));
        ContentDigest.Of("""{"a":1}""").ShouldNotBe(ContentDigest.Of("""{"a":1.0}"""));
        ContentDigest.Of("""{"a":[1,2]}""").ShouldNotBe(ContentDigest.Of("""{"a":[2,1]}"""));
        ContentDigest.Of("{not json").ShouldNotBe(ContentDigest.Of("{not  json"));
    }

    [Fact]
    public void A_history_orders_operations_by_start_and_ends_with_a_read()
    {
        var late = Operation.Read("b", 1, new Interval(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(6)), 200, null, null);
        var early = Operation.Read("a", 1, new Interval(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(9)), 200, null, null);
        var write = Operation.Write("a", 2, new Interval(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(11)), null, ContentDigest.Of("x"), 204, null);

        History.Of(1, "h", null, [late, early], null).Operations.ShouldBe([early, late]);
        Should.Throw<ArgumentException>(() => History.Of(1, "h", null, [late], write));
    }
}
