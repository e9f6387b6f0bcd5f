using ConformanceKit.Http;

namespace ConformanceKit.Browser;

/// <summary>
/// Why Chromium kept an answer from a script, in the Fetch standard's terms, from the DevTools CORS error and the
/// answers the server gave (the preflight's and the request's), and which fields a readable answer carried that
/// the script could not read.
/// </summary>
internal static class CorsDiagnosis
{
    // Response fields a script may always read (Fetch: CORS-safelisted response-header names), and those no script
    // ever reads; neither is worth reporting as hidden.
    private static readonly HashSet<string> Safelisted = new(["Cache-Control", "Content-Language", "Content-Length", "Content-Type", "Expires", "Last-Modified", "Pragma"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> NeverRead = new(["Set-Cookie", "Set-Cookie2"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Why the browser blocked the answer, or null when it reports no CORS error.</summary>
    public static string? Blocked(NetworkRecord request, NetworkRecord? preflight)
    {
        if (request.CorsError is not { } error)
        {
            return null;
        }

        var parameter = request.CorsParameter;
        string Field(NetworkRecord? record, string name) =>
            record?.WireHeaders?.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value is { } value ? $"'{value}'" : "absent";
        string Status(NetworkRecord? record) => record?.WireStatus is { } status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer";
        return error switch
        {
            "HeaderDisallowedByPreflightResponse" => $"the preflight (OPTIONS) answer's Access-Control-Allow-Headers ({Field(preflight, "Access-Control-Allow-Headers")}) does not list the request's {parameter}",
            "MethodDisallowedByPreflightResponse" => $"the preflight (OPTIONS) answer's Access-Control-Allow-Methods ({Field(preflight, "Access-Control-Allow-Methods")}) does not list {parameter}",
            "PreflightMissingAllowOriginHeader" => $"the preflight (OPTIONS) answer ({Status(preflight)}) carries no Access-Control-Allow-Origin",
            "PreflightInvalidStatus" => $"the preflight (OPTIONS) answer is {Status(preflight)}, not a 2xx",
            "PreflightAllowOriginMismatch" => $"the preflight (OPTIONS) answer's Access-Control-Allow-Origin ({parameter}) is not the page's origin",
            "MissingAllowOriginHeader" => $"the answer ({Status(request)}) carries no Access-Control-Allow-Origin",
            "AllowOriginMismatch" => $"the answer's Access-Control-Allow-Origin ({parameter}) is not the page's origin",
            "MultipleAllowOriginValues" => "the answer carries Access-Control-Allow-Origin more than once",
            _ => parameter is null ? $"CORS error {error}" : $"CORS error {error} ({parameter})",
        };
    }

    /// <summary>Each field of the wire answer the script could not read, with why.</summary>
    public static Dictionary<string, string> Hidden(IReadOnlyList<HeaderLine> wire, IReadOnlyCollection<string> readable)
    {
        var hidden = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var readableNames = new HashSet<string>(readable, StringComparer.OrdinalIgnoreCase);
        var exposed = wire.FirstOrDefault(h => string.Equals(h.Name, "Access-Control-Expose-Headers", StringComparison.OrdinalIgnoreCase))?.Value;
        foreach (var name in wire.Select(h => h.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (readableNames.Contains(name) || Safelisted.Contains(name) || NeverRead.Contains(name) || name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            hidden[name] = $"the answer carried {name}, but its Access-Control-Expose-Headers ({(exposed is null ? "absent" : $"'{exposed}'")}) does not list it, so the browser hides it from scripts";
        }

        return hidden;
    }
}
