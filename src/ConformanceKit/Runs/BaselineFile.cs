using System.Text.Json;
using ConformanceKit.Checks;
using ConformanceKit.Json;

namespace ConformanceKit.Runs;

/// <summary>
/// Reads a baseline file (<c>--baseline FILE</c>): a JSON array of known deviations, comments allowed,
/// <c>[ { "id": "if-match-star", "reason": "the CDN answers 200; ticket OPS-42" } ]</c>. Each entry has exactly
/// these two fields: <c>id</c>, a check of the catalog (not only of this run's selection, so <c>--only</c> does not
/// make a baseline invalid), given once in the file; and <c>reason</c>, a non-empty text, shown wherever the
/// check is reported. Every problem is a <see cref="ConfigurationException"/> naming the file, line and column,
/// the JSON path and the reason.
/// </summary>
public static class BaselineFile
{
    private static readonly string[] EntryFields = ["id", "reason"];

    public static Baseline Load(string path, IReadOnlyCollection<string> catalogIds, bool strict)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(catalogIds);
        if (!File.Exists(path))
        {
            throw new ConfigurationException(path, "$", "no such baseline file");
        }

        using var source = JsonFile.Read(path);
        var root = source.Root;
        if (root.Element.ValueKind != JsonValueKind.Array)
        {
            throw root.Error($"must be an array of known deviations, [ {{ \"id\": \"CHECK-ID\", \"reason\": \"why it is accepted for now\" }} ], found {JsonCursor.Describe(root.Element)}");
        }

        var known = catalogIds.ToHashSet(StringComparer.Ordinal);
        var entries = new List<BaselineEntry>();
        foreach (var item in root.Items())
        {
            if (item.Element.ValueKind != JsonValueKind.Object)
            {
                throw item.Error($"must be an object {{ \"id\", \"reason\" }}, found {JsonCursor.Describe(item.Element)}");
            }

            item.RejectUnknown(EntryFields);
            var id = item.RequiredString("id", "the id of a check, as conformancekit list shows it");
            var reason = item.RequiredString("reason", "why this deviation is accepted for now; it is shown wherever the check is reported");
            if (id.Trim().Length == 0)
            {
                throw item.Error("id", "must not be empty");
            }

            if (reason.Trim().Length == 0)
            {
                throw item.Error("reason", "must not be empty: say why this deviation is accepted for now (it is shown wherever the check is reported)");
            }

            if (!known.Contains(id))
            {
                throw item.Error("id", CatalogIds.Unknown(id, catalogIds));
            }

            var line = source.Positions.Find(item.Path)?.Line ?? 0;
            if (entries.FirstOrDefault(e => e.Id == id) is { } first)
            {
                throw item.Error("id", $"'{id}' is listed twice (first at line {first.Line}); keep one entry per check");
            }

            entries.Add(new BaselineEntry(id, reason, line));
        }

        return new Baseline(path, entries, strict);
    }
}
