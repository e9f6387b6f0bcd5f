using ConformanceKit.Http;

namespace ConformanceKit.ReferenceServer.Protocol;

/// <summary>
/// A selected representation: content, media type and its validators (RFC 9110 8.8), either of which a
/// server may lack (<see cref="ValidatorPolicy"/>). <see cref="ModifiedAt"/> is the full-precision time of the
/// change; <see cref="LastModified"/> is that time in whole seconds, the only precision an HTTP-date carries,
/// so it is what every date precondition compares with. Both are null when the representation has no
/// modification date; <see cref="ETag"/> is null when it has no entity-tag.
/// </summary>
internal sealed record Representation(ReadOnlyMemory<byte> Content, string MediaType, EntityTag? ETag, DateTimeOffset? ModifiedAt)
{
    public DateTimeOffset? LastModified => ModifiedAt is { } modifiedAt ? HttpDate.Truncate(modifiedAt) : null;
}
