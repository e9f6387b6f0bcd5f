using ConformanceKit.Http;

namespace ConformanceKit.ReferenceServer.Protocol;

/// <summary>
/// A selected representation: content, media type and its two validators (RFC 9110 8.8).
/// Invariant: <see cref="ETag"/> is strong and <see cref="LastModified"/> is whole seconds (an HTTP-date
/// cannot carry more, so comparisons against received dates are exact).
/// </summary>
internal sealed record Representation(ReadOnlyMemory<byte> Content, string MediaType, EntityTag ETag, DateTimeOffset LastModified);
