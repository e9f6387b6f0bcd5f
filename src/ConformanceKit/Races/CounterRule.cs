using System.Globalization;

namespace ConformanceKit.Races;

/// <summary>
/// The read-modify-write counter rule: the counter must have grown by exactly the number of 2xx writes, or by up to
/// that plus the writes that got no definite answer (they may have applied). Fewer means acknowledged increments
/// were lost; more, that writes the server refused were applied anyway. A final read without a definite answer, or
/// without a counter, leaves it undecided.
/// </summary>
public static class CounterRule
{
    /// <param name="final">The read made after every write had ended.</param>
    /// <param name="finalCounter">The counter in that read's body, when it has one.</param>
    /// <param name="initialCounter">The counter before the first write.</param>
    /// <param name="ok">Writes answered 2xx.</param>
    /// <param name="unknown">Writes that got no definite answer (no response, 5xx).</param>
    public static RaceExpectation Judge(Operation? final, long? finalCounter, long initialCounter, long ok, long unknown)
    {
        const RaceRule rule = RaceRule.CounterCountsWrites;
        if (final is null or { Outcome: OperationOutcome.Indeterminate })
        {
            return RaceExpectation.Undecided(rule, $"the final read got no definite answer ({final?.Error ?? final?.Status?.ToString(CultureInfo.InvariantCulture)})");
        }

        if (final.Outcome != OperationOutcome.Ok)
        {
            return RaceExpectation.Broken(rule, $"the final read answered {final.Status} after {ok} successful increments");
        }

        if (finalCounter is not { } counter)
        {
            return RaceExpectation.Undecided(rule, "the final read did not give back a JSON document with a counter");
        }

        var grown = counter - initialCounter;
        var expected = unknown == 0 ? $"{ok}" : $"between {ok} and {ok + unknown} ({unknown} write(s) got no definite answer)";
        if (grown < ok)
        {
            return RaceExpectation.Broken(rule, $"the counter grew by {grown}, but {ok} writes succeeded: expected {expected}; {ok - grown} acknowledged increment(s) were lost");
        }

        return grown <= ok + unknown
            ? RaceExpectation.Holds(rule, $"the counter grew by {grown}, and {ok} writes succeeded")
            : RaceExpectation.Broken(rule, $"the counter grew by {grown}, but {ok} writes succeeded: expected {expected}; {grown - ok - unknown} increment(s) were applied that the server did not acknowledge (refused writes applied anyway?)");
    }
}
