namespace ConformanceKit.Checks;

/// <summary>What a check enforces: stable id, RFC section (e.g. <c>9110/13.1.1</c>), level and the
/// requirement in one sentence.</summary>
public sealed record CheckInfo(string Id, string Section, RequirementLevel Level, string Title, string Requirement)
{
    /// <summary>A link to the section in the RFC text, e.g. https://www.rfc-editor.org/rfc/rfc9110#section-13.1.1.</summary>
    public Uri SectionLink
    {
        get
        {
            var slash = Section.IndexOf('/', StringComparison.Ordinal);
            var rfc = slash > 0 ? Section[..slash] : Section;
            var section = slash > 0 ? Section[(slash + 1)..] : string.Empty;
            var anchor = section.Length > 0 ? $"#section-{section}" : string.Empty;
            return new Uri($"https://www.rfc-editor.org/rfc/rfc{rfc}{anchor}");
        }
    }
}
