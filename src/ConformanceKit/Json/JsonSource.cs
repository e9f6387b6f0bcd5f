using System.Text.Json;

namespace ConformanceKit.Json;

/// <summary>A parsed data file: its document and the line map of its values. Errors made from it name the
/// file, the line and column, the JSON path and the reason.</summary>
public sealed class JsonSource(string file, JsonDocument document, JsonPositions positions) : IDisposable
{
    public string File { get; } = file;

    public JsonDocument Document { get; } = document;

    public JsonPositions Positions { get; } = positions;

    public JsonCursor Root => JsonCursor.Root(File, Document.RootElement, Positions);

    public ConfigurationException ErrorAt(string jsonPath, string reason) => new(File, jsonPath, reason, Positions.Find(jsonPath));

    /// <summary>A member name given twice in one object is refused: a JSON reader keeps one of the two
    /// silently, so half of what was written would be ignored. <paramref name="explain"/> may word it for
    /// a particular object (null: the general wording).</summary>
    public void RejectDuplicates(Func<DuplicateMember, string?>? explain = null)
    {
        if (Positions.Duplicates.Count > 0)
        {
            throw DuplicateError(Positions.Duplicates[0], explain);
        }
    }

    public IEnumerable<ConfigurationException> DuplicateErrors(Func<DuplicateMember, string?>? explain = null) =>
        Positions.Duplicates.Select(d => DuplicateError(d, explain));

    public void Dispose() => Document.Dispose();

    private ConfigurationException DuplicateError(DuplicateMember duplicate, Func<DuplicateMember, string?>? explain) =>
        new(File, duplicate.Path, explain?.Invoke(duplicate) ?? $"'{duplicate.Name}' is given twice in this object (first at line {duplicate.First.Line}); a JSON reader keeps only one of them, so remove or rename one", duplicate.Again);
}
