namespace ConformanceKit.Load;

/// <summary>How many records completed in second <see cref="Second"/> of the load (0-based, from the load's start).</summary>
public sealed record SecondCounts(int Second, long Ok, long Failed)
{
    public long Total => Ok + Failed;
}
