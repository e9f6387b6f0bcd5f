using System.Globalization;

namespace ConformanceKit.Races;

/// <summary>How many operations got each status, and how many got no response.</summary>
public sealed record StatusHistogram
{
    private StatusHistogram(IReadOnlyDictionary<int, int> byStatus, int noResponse)
    {
        ByStatus = byStatus;
        NoResponse = noResponse;
    }

    /// <summary>Counts by status code, in ascending order of code.</summary>
    public IReadOnlyDictionary<int, int> ByStatus { get; }

    public int NoResponse { get; }

    public int Total => ByStatus.Values.Sum() + NoResponse;

    public int Count(int status) => ByStatus.GetValueOrDefault(status);

    public static StatusHistogram Of(IEnumerable<Operation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var list = operations.ToList();
        var byStatus = new SortedDictionary<int, int>();
        foreach (var status in list.Select(o => o.Status).OfType<int>())
        {
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
        }

        return new StatusHistogram(byStatus, list.Count(o => o.Status is null));
    }

    /// <summary>E.g. <c>204×1 412×15</c>, with <c>no response×n</c> when any.</summary>
    public override string ToString()
    {
        var parts = ByStatus.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}×{p.Value}")).ToList();
        if (NoResponse > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"no response×{NoResponse}"));
        }

        return parts.Count == 0 ? "none" : string.Join(' ', parts);
    }
}
