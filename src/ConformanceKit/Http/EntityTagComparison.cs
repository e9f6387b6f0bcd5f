namespace ConformanceKit.Http;

/// <summary>The two comparison functions of RFC 9110 8.8.3.2.</summary>
public enum EntityTagComparison
{
    /// <summary>Both tags strong and character-by-character equal (If-Match, If-Range).</summary>
    Strong,

    /// <summary>Opaque tags equal, either or both may be weak (If-None-Match).</summary>
    Weak,
}
