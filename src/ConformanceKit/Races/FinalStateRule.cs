using ConformanceKit.Http;

namespace ConformanceKit.Races;

/// <summary>
/// Final state: the final read must show what the last write left. In real time, a 2xx write could be the
/// last to apply unless another 2xx write started after it ended; with no concurrent writes that leaves
/// exactly the last one. Indeterminate writes may have applied at any time after they started, so each of
/// them could be last too; when no write took effect, the initial state is the only candidate. The final
/// content must be that of a candidate, and its ETag the one that candidate answered (when it answered one).
/// A final read without an answer, or with a 5xx, decides nothing.
/// </summary>
internal static class FinalStateRule
{
    public static IEnumerable<Violation> Find(History history)
    {
        if (history.Final is not { } final || final.Outcome == OperationOutcome.Indeterminate)
        {
            yield break;
        }

        var ok = history.Writes.Where(w => w.Outcome == OperationOutcome.Ok).ToList();
        var indeterminate = history.Writes.Where(w => w.Outcome == OperationOutcome.Indeterminate).ToList();
        var latestStart = ok.Count == 0 ? TimeSpan.MinValue : ok.Max(w => w.Start);
        var candidates = ok.Where(w => w.End >= latestStart).Concat(indeterminate).OrderBy(w => w.Start).ToList();
        var initial = ok.Count == 0 ? history.Initial : null;
        if (candidates.Count == 0 && initial?.Digest is null)
        {
            yield break;
        }

        if (final.Outcome != OperationOutcome.Ok)
        {
            yield return Violation.FinalStateInconsistent(
                history,
                $"The final read {final.Name} answered {final.Status}, but the resource should hold {Expected(candidates, initial)}.",
                [.. candidates, final]);
            yield break;
        }

        if (final.Digest is not { } content)
        {
            yield break;
        }

        var matching = candidates.Where(w => w.Digest == content).ToList();
        var initialMatches = initial?.Digest == content;
        if (matching.Count == 0 && !initialMatches)
        {
            yield return Violation.FinalStateInconsistent(
                history,
                $"The final read {final.Name} shows content {content}, which is not {Expected(candidates, initial)}.",
                [.. candidates, final]);
            yield break;
        }

        // Validators the matching candidates leave; null stands for one that is not known.
        var answered = matching.Select(w => w.Outcome == OperationOutcome.Ok ? w.ValidatorReturned : null).ToList();
        if (initialMatches)
        {
            answered.Add(initial!.Validator);
        }

        if (final.ValidatorReturned is { } finalTag && answered.All(tag => tag is not null && !tag.Matches(finalTag, EntityTagComparison.Weak)))
        {
            yield return Violation.FinalStateInconsistent(
                history,
                $"The final content is that of {Source(matching, initialMatches)}, but the final read {final.Name} answers ETag {finalTag} where {string.Join(" or ", answered)} was answered for that content.",
                [.. matching, final]);
        }
    }

    private static string Expected(List<Operation> candidates, ResourceState? initial) => candidates.Count switch
    {
        0 => $"the initial content {initial?.Digest} (no write took effect)",
        1 => $"the content {candidates[0].Digest} of {candidates[0].Name}, the last write that could have applied",
        _ => $"the content of one of the writes that could have applied last ({Validators.Names(candidates)})",
    };

    private static string Source(List<Operation> matching, bool initialMatches) =>
        matching.Count > 0 ? Validators.Names(matching) : initialMatches ? "the initial state" : "no write";
}
