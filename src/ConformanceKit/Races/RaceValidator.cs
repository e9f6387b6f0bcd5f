using ConformanceKit.Http;

namespace ConformanceKit.Races;

/// <summary>
/// The validator a block can race on, from reads made while nothing writes: each must be a 2xx with one
/// strong entity-tag (If-Match compares strongly, so no write could win on a weak one), and all must agree.
/// </summary>
internal static class RaceValidator
{
    public static (EntityTag? Validator, string? Problem) From(IReadOnlyList<Operation> reads, string resourcePath)
    {
        EntityTag? validator = null;
        foreach (var read in reads)
        {
            var problem = read switch
            {
                { Status: null } => $"{read.Name}'s GET {resourcePath} failed: {read.Error}",
                { Outcome: not OperationOutcome.Ok } => $"{read.Name}'s GET {resourcePath} answered {read.Status}",
                { ValidatorReturned: null } => $"{read.Name}'s GET {resourcePath} answered no usable ETag, so there is no validator to race on",
                { ValidatorReturned.IsWeak: true } => $"{read.Name}'s GET {resourcePath} answered the weak ETag {read.ValidatorReturned}; If-Match compares strongly, so no write could win",
                _ when validator is not null && !Validators.Same(validator, read.ValidatorReturned) =>
                    $"reads with no write in between saw different validators ({validator} from {reads[0].Name}, {read.ValidatorReturned} from {read.Name})",
                _ => null,
            };
            if (problem is not null)
            {
                return (null, problem);
            }

            validator ??= read.ValidatorReturned;
        }

        return (validator, validator is null ? "no read was made" : null);
    }
}
