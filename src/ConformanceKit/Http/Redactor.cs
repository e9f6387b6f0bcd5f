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

    /// <summary>Whether a field's values are credentials, masked by name wherever they appear.</summary>
    public static bool IsCredentialHeader(string name) => CredentialHeaders.Contains(name);

    /// <summary>
    /// The secrets in the value of a credential field a target is configured to send, even when it is written in
    /// clear: the whole value, and the part after the scheme (the token of <c>Bearer TOKEN</c>), so a server that
    /// echoes either back in a body or another field cannot bring it into a report. Parts shorter than four
    /// characters are left alone (masking them everywhere would garble the evidence).
    /// </summary>
    public static IEnumerable<string> CredentialSecrets(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsCredentialHeader(name))
        {
            yield break;
        }

        var whole = value.Trim();
        if (whole.Length >= 4)
        {
            yield return whole;
        }

        var space = whole.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0 && whole[(space + 1)..].Trim() is { Length: >= 4 } credentials)
        {
            yield return credentials;
        }
    }

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
