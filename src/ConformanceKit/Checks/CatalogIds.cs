using System.Globalization;

namespace ConformanceKit.Checks;

/// <summary>Words an id that names no check of the catalog, with up to three catalog ids that start alike or are a
/// few edits away (explain, baselines).</summary>
public static class CatalogIds
{
    public static string Unknown(string id, IReadOnlyCollection<string> catalog)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(catalog);
        var near = catalog
            .Select(c => (Id: c, Distance: c.StartsWith(id, StringComparison.Ordinal) ? 0 : Edits(id, c)))
            .Where(c => c.Distance <= Math.Max(3, id.Length / 3))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(3)
            .Select(c => c.Id)
            .ToList();
        var count = catalog.Count.ToString(CultureInfo.InvariantCulture);
        return near.Count > 0
            ? $"no check '{id}' in the catalog; did you mean {string.Join(", ", near)}?"
            : $"no check '{id}' in the catalog of {count} checks (conformancekit list shows them all)";
    }

    private static int Edits(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
