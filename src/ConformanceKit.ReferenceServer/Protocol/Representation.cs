using ConformanceKit.Http;

namespace ConformanceKit.ReferenceServer.Protocol;

/// <summary>
/// A selected representation: content, media type and its two validators (RFC 9110 8.8).
/// Invariant: <see cref="ETag"/> is strong. <see cref="ModifiedAt"/> is the full-precision time of the change;
/// <see cref="LastModified"/> is that time in whole seconds, the only precision an HTTP-date carries, so it is
/// what every date precondition compares with.
/// </summary>
internal sealed record Representation(ReadOnlyMemory<byte> Content, string MediaType, EntityTag ETag, DateTimeOffset ModifiedAt)
{
    public DateTimeOffset LastModified => HttpDate.Truncate(ModifiedAt);
}
