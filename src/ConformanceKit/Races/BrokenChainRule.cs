namespace ConformanceKit.Races;

/// <summary>
/// Broken chain: a write took effect with an If-Match validator that was never current: not the initial
/// validator and never named by any 2xx or 412/428 answer in the history. The server cannot have compared it
/// with the current validator (it ignored If-Match, or compared something else).
/// </summary>
internal static class BrokenChainRule
{
    public static IEnumerable<Violation> Find(History history, ValidatorKnowledge knowledge, IReadOnlyList<Operation> applied)
    {
        foreach (var write in applied)
        {
            if (write.ValidatorSent is { } sent && !knowledge.WasSeen(sent))
            {
                yield return Violation.BrokenChain(
                    history,
                    $"{write.Name} took effect with If-Match {sent}, a validator the resource never had in this history (not the initial one, never answered by any request), so it cannot have matched the current one.",
                    write);
            }
        }
    }
}
