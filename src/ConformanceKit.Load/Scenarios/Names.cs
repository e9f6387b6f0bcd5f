namespace ConformanceKit.Load;

/// <summary>The rules for scenario, step and counter names, so thresholds can name them without quoting.</summary>
internal static class Names
{
    public const int MaxLength = 64;

    /// <summary>Scenario and step names: a letter or digit, then letters, digits, '.', '_' or '-'.</summary>
    public static string Check(string? name, string what)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, what);
        if (name.Length > MaxLength || !char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ArgumentException(
                $"{what} '{name}' must be at most {MaxLength} characters: a letter or digit, then letters, digits, '.', '_' or '-'.", what);
        }

        return name;
    }

    /// <summary>Counter names: a lowercase letter, then lowercase letters, digits, '_' or '-'.</summary>
    public static string CheckCounter(string? name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Length > MaxLength || !char.IsAsciiLetterLower(name[0]) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
        {
            throw new ArgumentException(
                $"Counter '{name}' must be at most {MaxLength} characters: a lowercase letter, then lowercase letters, digits, '_' or '-'.", nameof(name));
        }

        return name;
    }

    /// <summary>How a threshold refers to a counter: '-' written as '_' (<c>not-modified</c> is <c>not_modified</c>).</summary>
    public static string MetricForm(string counter) => counter.Replace('-', '_');
}
