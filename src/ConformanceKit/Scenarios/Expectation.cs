namespace ConformanceKit.Scenarios;

/// <summary>What a step expects of its response. Each part is optional. Browser steps may also judge the request
/// as the browser sent it (<see cref="RequestHeaders"/>: did it revalidate with If-None-Match?) and the text the
/// page shows (<see cref="Page"/>).</summary>
public sealed record Expectation(StatusExpectation? Status, IReadOnlyList<HeaderExpectation> Headers, BodyExpectation? Body)
{
    public static Expectation None { get; } = new(null, [], null);

    /// <summary>Browser steps: conditions on the fields of the request the browser sent.</summary>
    public IReadOnlyList<HeaderExpectation> RequestHeaders { get; init; } = Array.Empty<HeaderExpectation>();

    /// <summary>Browser navigate and reload steps: a condition on the text the page shows.</summary>
    public BodyExpectation? Page { get; init; }

    /// <summary>Whether it says anything at all.</summary>
    public bool IsEmpty => Status is null && Headers.Count == 0 && Body is null && RequestHeaders.Count == 0 && Page is null;
}

/// <summary>Allowed status codes: exact codes and whole classes (<c>2xx</c>).</summary>
public sealed record StatusExpectation(IReadOnlyList<int> Codes, IReadOnlyList<int> Classes)
{
    public bool Allows(int status) => Codes.Contains(status) || Classes.Contains(status / 100);

    public override string ToString() =>
        string.Join(" or ", Codes.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).Concat(Classes.Select(c => $"{c}xx")));
}

public sealed record HeaderExpectation(string Name, HeaderCondition Condition, string? Value);

public enum HeaderCondition
{
    Present,
    Absent,
    Equals,

    /// <summary>Present and different from the value.</summary>
    NotEquals,

    /// <summary>Absent, or equal to the value (for fields a response may leave out).</summary>
    EqualsIfPresent,

    /// <summary>An HTTP-date no later than the value's HTTP-date (e.g. Last-Modified not after Date).</summary>
    NotAfter,

    /// <summary>An HTTP-date strictly later than the value's HTTP-date (e.g. Date after Last-Modified: the
    /// server's clock has moved past the last modification).</summary>
    After,

    /// <summary>The value is a syntactically valid single entity-tag (RFC 9110 8.8.3).</summary>
    EntityTag,

    /// <summary>The value is a strong entity-tag.</summary>
    StrongEntityTag,

    /// <summary>The value is a valid HTTP-date (RFC 9110 5.6.7).</summary>
    HttpDate,
}

public sealed record BodyExpectation(BodyCondition Condition, string? Value);

public enum BodyCondition
{
    /// <summary>No content (zero bytes).</summary>
    Empty,

    /// <summary>Equal to the value: as JSON when both parse as JSON, else byte for byte.</summary>
    Equals,

    NotEquals,

    /// <summary>Some content (at least one byte).</summary>
    NotEmpty,
}
