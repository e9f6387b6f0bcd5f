using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceKit.RealServers;

/// <summary>
/// The config templates and static files kept under Configs/ in this project, read from their embedded
/// copies. A template's placeholders are <c>{{NAME}}</c>; rendering fills every one and refuses a template
/// that names a placeholder it was not given, so a typo cannot reach a server as a literal.
/// </summary>
internal static partial class ConfigTemplate
{
    /// <summary>The text of Configs/<paramref name="path"/>, e.g. <c>nginx/nginx.conf</c>.</summary>
    public static string Read(string path)
    {
        var name = "Configs/" + path;
        using var stream = typeof(ConfigTemplate).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"no embedded resource {name} in {typeof(ConfigTemplate).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The embedded files under Configs/<paramref name="folder"/>/, by their path below it.</summary>
    public static IReadOnlyList<string> List(string folder)
    {
        var prefix = "Configs/" + folder + "/";
        return [.. typeof(ConfigTemplate).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..])
            .Order(StringComparer.Ordinal)];
    }

    public static string Render(string path, IReadOnlyDictionary<string, string> values)
    {
        var text = Read(path);
        return Placeholder().Replace(text, match => values.TryGetValue(match.Groups["name"].Value, out var value)
            ? value
            : throw new InvalidOperationException($"Configs/{path} uses {match.Value}, which the launcher does not fill"));
    }

    [GeneratedRegex(@"\{\{(?<name>[A-Z_]+)\}\}")]
    private static partial Regex Placeholder();
}
