namespace ConformanceKit.Races;

/// <summary>
/// Duplicate validator: one strong entity-tag stood for two different contents (two 2xx writes that answered
/// it for what they stored, or a write and a read, or the initial or final state). RFC 9110 8.8.3 makes a
/// strong validator change whenever the representation data does. Weak tags may be shared by different but
/// equivalent content, so they are left out.
/// </summary>
internal static class DuplicateValidatorRule
{
    public static IEnumerable<Violation> Find(History history, ValidatorKnowledge knowledge)
    {
        foreach (var (validator, observations) in knowledge.All)
        {
            if (validator.IsWeak)
            {
                continue;
            }

            var firstPerContent = observations.GroupBy(o => o.Content).Select(g => g.First()).ToList();
            if (firstPerContent.Count < 2)
            {
                continue;
            }

            var where = string.Join("; ", firstPerContent.Select(o => $"content {o.Content} by {o.Source?.Name ?? "the initial state"}"));
            yield return Violation.DuplicateValidator(
                history,
                $"The strong entity-tag {validator} stood for {firstPerContent.Count} different contents ({where}), but a strong validator must change whenever the representation data changes (RFC 9110 8.8.3).",
                firstPerContent.Select(o => o.Source).OfType<Operation>().ToList());
        }
    }
}
