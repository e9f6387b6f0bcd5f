using System.Globalization;

namespace ConformanceKit.Load;

/// <summary>Range checks for phase arguments, so a phase is valid from the moment it exists.</summary>
internal static class PhaseChecks
{
    public static int Users(int value, int min, string name) =>
        value >= min && value <= PhaseConstants.MaxUsers
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be between {min} and {PhaseConstants.MaxUsers}.");

    public static TimeSpan Duration(TimeSpan value, string name) =>
        value > TimeSpan.Zero && value <= PhaseConstants.MaxDuration
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be more than zero and at most {PhaseConstants.MaxDuration}.");

    public static double Rate(double value, bool allowZero, string name) =>
        double.IsFinite(value) && (allowZero ? value >= 0 : value > 0) && value <= PhaseConstants.MaxRate
            ? value
            : throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture,
                $"{name} must be {(allowZero ? "at least 0" : "more than 0")} and at most {PhaseConstants.MaxRate} per second."));

    public static string Seconds(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s");

    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
