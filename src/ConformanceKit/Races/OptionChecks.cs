namespace ConformanceKit.Races;

/// <summary>Range checks for option setters, so an options value is valid from the moment it exists.</summary>
internal static class OptionChecks
{
    public static int InRange(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {max}.");

    public static TimeSpan Positive(TimeSpan value, TimeSpan max, string name) =>
        value > TimeSpan.Zero && value <= max ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be more than zero and at most {max}.");
}
