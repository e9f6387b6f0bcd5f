namespace ConformanceKit.Checks;

/// <summary>Requirement keywords (RFC 2119 / RFC 8174) as used by the RFC text a check enforces.</summary>
public enum RequirementLevel
{
    Must,
    Should,
    May,
}
