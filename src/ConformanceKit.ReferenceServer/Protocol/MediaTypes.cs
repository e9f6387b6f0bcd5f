using Microsoft.Net.Http.Headers;

namespace ConformanceKit.ReferenceServer.Protocol;

internal static class MediaTypes
{
    public const string Json = "application/json";
    public const string MergePatch = "application/merge-patch+json";
    public const string ProblemJson = "application/problem+json";
    public const string PlainText = "text/plain; charset=utf-8";

    /// <summary>application/json or any type with the +json structured syntax suffix (RFC 6839).</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && (parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
            || parsed.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    /// <summary>application/merge-patch+json (RFC 7396), parameters allowed.</summary>
    public static bool IsMergePatch(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(MergePatch, StringComparison.OrdinalIgnoreCase);
}
