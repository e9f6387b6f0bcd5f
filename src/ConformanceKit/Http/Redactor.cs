namespace ConformanceKit.Http;

/// <summary>
/// Keeps secrets out of every output: values of credential headers (Authorization, Proxy-Authorization,
/// Cookie, Set-Cookie) and any value filled from the environment are replaced before anything is recorded.
/// </summary>
public sealed class Redactor
{
    public const string Mask = "[redacted]";

    private static readonly HashSet<string> CredentialHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
    };

    private readonly IReadOnlyList<string> _secrets;

    public Redactor(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        // Longest first, so a secret that contains another is masked whole.
        _secrets = secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToList();
    }

    public static Redactor None { get; } = new([]);

    public HeaderLine Redact(HeaderLine header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return CredentialHeaders.Contains(header.Name) ? header with { Value = Mask } : header with { Value = RedactText(header.Value) };
    }

    public string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    public Uri RedactUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var redacted = RedactText(url.OriginalString);
        return ReferenceEquals(redacted, url.OriginalString) || redacted == url.OriginalString ? url : new Uri(redacted, UriKind.RelativeOrAbsolute);
    }
}
