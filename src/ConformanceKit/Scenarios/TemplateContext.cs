namespace ConformanceKit.Scenarios;

/// <summary>What placeholders resolve against while one scenario runs. <paramref name="collection"/> is the
/// target's <c>resource.collection</c>, or null when it sets none.</summary>
public sealed class TemplateContext(int runSeed, string scenarioId, string resourcePath, DocumentFactory documents, DateTimeOffset now, string? collection = null)
{
    private readonly Dictionary<string, string> _captures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _missing = new(StringComparer.Ordinal);

    public int RunSeed { get; } = runSeed;

    public string ScenarioId { get; } = scenarioId;

    public string ResourcePath { get; } = resourcePath;

    public DocumentFactory Documents { get; } = documents;

    /// <summary>The collection path for <c>{collection}</c>; a target without one makes the check not applicable.</summary>
    public string Collection => collection
        ?? throw new TemplateException("{collection} has no value: the target sets no resource.collection") { MissingCapture = true };

    public DateTimeOffset Now { get; } = now;

    public void Set(string name, string value)
    {
        _captures[name] = value;
        _missing.Remove(name);
    }

    /// <summary>Records that a capture found nothing, and why, for the error when it is used.</summary>
    public void SetMissing(string name, string why)
    {
        _captures.Remove(name);
        _missing[name] = why;
    }

    public string Capture(string name)
    {
        if (_captures.TryGetValue(name, out var value))
        {
            return value;
        }

        throw _missing.TryGetValue(name, out var why)
            ? new TemplateException($"{{{name}}} has no value: {why}") { MissingCapture = true }
            : new TemplateException($"{{{name}}} was never captured");
    }
}

/// <summary>A placeholder could not be filled while running. When the server's response simply lacked what
/// was to be captured (<see cref="MissingCapture"/>) the check does not apply and is skipped; otherwise it
/// ends as an error.</summary>
public sealed class TemplateException : Exception
{
    public bool MissingCapture { get; init; }

    public TemplateException(string message)
        : base(message)
    {
    }

    public TemplateException()
    {
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
