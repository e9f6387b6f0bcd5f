namespace ConformanceKit.Races;

/// <summary>
/// Lost update: after one write guarded by If-Match X applies, X is no longer current, so a second write
/// guarded by X must be refused, unless something made X current again in between (a write that stored the
/// content X stands for, on a server whose tags follow content). For the k applied writes that sent X, the
/// writes that could have restored X are counted: those in flight between the first of the k starting and the
/// last ending that answered X, or that answered no ETag (indeterminate ones included) and wrote content X
/// was seen with (any content, when X was never seen with one). Fewer than k - 1 of them is a lost update.
/// </summary>
internal static class LostUpdateRule
{
    public static IEnumerable<Violation> Find(History history, ValidatorKnowledge knowledge, IReadOnlyList<Operation> applied)
    {
        foreach (var group in applied.Where(w => w.ValidatorSent is not null).GroupBy(w => w.ValidatorSent!))
        {
            var writes = group.OrderBy(w => w.Start).ToList();
            if (writes.Count < 2)
            {
                continue;
            }

            var validator = group.Key;
            var from = writes.Min(w => w.Start);
            var until = writes.Max(w => w.End);
            var contents = knowledge.ContentsOf(validator);
            var restorers = history.Writes
                .Where(w => w.Outcome is OperationOutcome.Ok or OperationOutcome.Indeterminate)
                .Where(w => w.End >= from && w.Start <= until)
                .Count(w => w.ValidatorReturned is { } answered
                    ? Validators.Same(answered, validator)
                    : contents.Count == 0 || contents.Contains(w.Digest!));
            if (writes.Count - 1 <= restorers)
            {
                continue;
            }

            var again = restorers == 0 ? "nothing could have made it current again" : $"at most {restorers} write(s) could have made it current again";
            yield return Violation.LostUpdate(
                history,
                $"{writes.Count} writes took effect with If-Match {validator} ({Validators.Names(writes)}), but once the first applied {validator} was no longer current and {again}, so all but {1 + restorers} should have been refused with 412.",
                writes);
        }
    }
}
