namespace ConformanceKit.Http;

/// <summary>
/// One request a named client sent and what came back, as evidence. Header values are already
/// redacted where they are secret. <see cref="Response"/> is null when no response arrived; then
/// <see cref="Error"/> says why.
/// </summary>
public sealed record Exchange(
    string Client,
    int Step,
    RecordedRequest Request,
    RecordedResponse? Response,
    string? Error,
    DateTimeOffset StartedAt,
    TimeSpan Duration);

/// <summary>A request as sent: method, absolute URL, header lines, and the body text (or an excerpt).</summary>
public sealed record RecordedRequest(string Method, Uri Url, IReadOnlyList<HeaderLine> Headers, string? Body);

/// <summary>A response as received. <see cref="BodyLength"/> counts every byte received, even beyond the
/// excerpt kept in <see cref="Body"/>; <see cref="BodyTruncated"/> says the excerpt is partial.</summary>
public sealed record RecordedResponse(
    int Status,
    string Reason,
    string Version,
    IReadOnlyList<HeaderLine> Headers,
    string Body,
    long BodyLength,
    bool BodyTruncated)
{
    /// <summary>When redirects were followed (the target's <c>followRedirects</c>): the URL that gave this answer,
    /// if it is not the request's. Null otherwise.</summary>
    public Uri? RedirectedTo { get; init; }

    /// <summary>The field lines of one field, in order (field names are case-insensitive).</summary>
    public IReadOnlyList<string> FieldValues(string name) =>
        Headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();

    /// <summary>All field lines of one field joined with ", " (RFC 9110 5.3), or null when absent.</summary>
    public string? Field(string name)
    {
        var values = FieldValues(name);
        return values.Count == 0 ? null : string.Join(", ", values);
    }
}

/// <summary>One header field line.</summary>
public sealed record HeaderLine(string Name, string Value);
