using System.Globalization;

namespace ConformanceKit.Reports;

/// <summary>Orders sections the way the RFCs number them: <c>9110/8.8.3</c> before <c>9110/13.1.1</c>, and
/// <c>9110/13.1.2</c> before <c>9110/13.10</c>. Parts are split at <c>/</c> and <c>.</c> and compared as
/// numbers when both are, ordinally otherwise.</summary>
public sealed class SectionOrder : IComparer<string>
{
    public static SectionOrder Instance { get; } = new();

    private static readonly char[] Separators = ['/', '.'];

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var left = x.Split(Separators);
        var right = y.Split(Separators);
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var order = long.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var a) && long.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var b)
                ? a.CompareTo(b)
                : string.CompareOrdinal(left[i], right[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(x, y);
    }
}
