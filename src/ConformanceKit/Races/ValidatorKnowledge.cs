using ConformanceKit.Http;

namespace ConformanceKit.Races;

/// <summary>
/// What a history shows about validators: which content each one stood for (from the initial state, 2xx
/// reads with a whole body, 2xx writes that answered an ETag for the content they stored, and the final
/// read), and which validators any answer ever named as current (2xx or 412/428 answers, plus the initial
/// state).
/// </summary>
internal sealed class ValidatorKnowledge
{
    private readonly Dictionary<EntityTag, List<Observation>> observations = [];
    private readonly HashSet<EntityTag> seen = [];

    private ValidatorKnowledge()
    {
    }

    public static ValidatorKnowledge Of(History history)
    {
        var knowledge = new ValidatorKnowledge();
        if (history.Initial is { } initial)
        {
            knowledge.Saw(initial.Validator, initial.Digest, source: null);
        }

        foreach (var operation in history.Operations.Append(history.Final).OfType<Operation>())
        {
            if (operation.Outcome is OperationOutcome.Ok or OperationOutcome.Refused)
            {
                var content = operation.Outcome == OperationOutcome.Ok ? operation.Digest : null;
                knowledge.Saw(operation.ValidatorReturned, content, operation);
            }
        }

        return knowledge;
    }

    /// <summary>Every (validator, content) pairing seen, grouped by validator, in history order.</summary>
    public IEnumerable<KeyValuePair<EntityTag, List<Observation>>> All => observations;

    public bool WasSeen(EntityTag validator) => seen.Contains(validator);

    /// <summary>The contents <paramref name="validator"/> was seen with; empty when unknown.</summary>
    public IReadOnlySet<ContentDigest> ContentsOf(EntityTag validator) =>
        observations.TryGetValue(validator, out var list) ? list.Select(o => o.Content).ToHashSet() : [];

    private void Saw(EntityTag? validator, ContentDigest? content, Operation? source)
    {
        if (validator is null)
        {
            return;
        }

        seen.Add(validator);
        if (content is not null)
        {
            if (!observations.TryGetValue(validator, out var list))
            {
                observations[validator] = list = [];
            }

            list.Add(new Observation(content, source));
        }
    }

    /// <summary>A validator seen with some content; <see cref="Source"/> is null for the initial state.</summary>
    public sealed record Observation(ContentDigest Content, Operation? Source);
}
