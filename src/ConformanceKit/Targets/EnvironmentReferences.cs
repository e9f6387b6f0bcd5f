using System.Text.RegularExpressions;
using ConformanceKit.Json;

namespace ConformanceKit.Targets;

/// <summary>Fills <c>${env:NAME}</c> references from the environment. A missing variable is a configuration
/// error; every filled value is a secret that outputs must redact.</summary>
public static partial class EnvironmentReferences
{
    public static string Expand(string value, JsonCursor at, Func<string, string?> environment, ICollection<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(secrets);
        return Reference().Replace(value, match =>
        {
            var name = match.Groups[1].Value;
            var filled = environment(name);
            if (string.IsNullOrEmpty(filled))
            {
                throw MissingError(at, name);
            }

            secrets.Add(filled);
            return filled;
        });
    }

    public static bool Contains(string value) => Reference().IsMatch(value);

    /// <summary>The variable names <paramref name="value"/> refers to, in order, each once.</summary>
    public static IEnumerable<string> Names(string value) =>
        Reference().Matches(value).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal);

    public static ConfigurationException MissingError(JsonCursor at, string name) =>
        at.Error($"environment variable {name} is not set (referenced as ${{env:{name}}})");

    [GeneratedRegex(@"\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Reference();
}
