namespace ConformanceKit.Races;

/// <summary>
/// The writes known to have taken effect: every 2xx write, plus an indeterminate write (no answer, 5xx) whose
/// content the final read shows when no other write sent that content and the initial content was
/// different, so it can only have got there by being applied.
/// </summary>
internal static class AppliedWrites
{
    public static IReadOnlyList<Operation> Of(History history)
    {
        var applied = history.Writes.Where(w => w.Outcome == OperationOutcome.Ok).ToList();
        if (history.Final is { Outcome: OperationOutcome.Ok, Digest: { } finalContent }
            && history.Initial?.Digest is { } initialContent
            && initialContent != finalContent)
        {
            var authors = history.Writes.Where(w => w.Digest == finalContent).ToList();
            if (authors is [{ Outcome: OperationOutcome.Indeterminate } proven])
            {
                applied.Add(proven);
            }
        }

        return applied;
    }
}
