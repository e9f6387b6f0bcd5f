using ConformanceKit.Http;

namespace ConformanceKit.Races;

/// <summary>The resource as known before a history starts: its validator and a digest of its content
/// (either may be unknown).</summary>
public sealed record ResourceState(EntityTag? Validator, ContentDigest? Digest)
{
    /// <summary>The state a read saw, or a write left (the content written and the validator it got back).</summary>
    public static ResourceState Of(Operation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new(operation.ValidatorReturned, operation.Digest);
    }
}
