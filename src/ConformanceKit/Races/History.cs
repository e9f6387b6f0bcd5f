namespace ConformanceKit.Races;

/// <summary>
/// What a race block did to one resource: the state before it (<see cref="Initial"/>), every operation in
/// real-time order of start, and a read made after all of them had ended (<see cref="Final"/>). The
/// <see cref="Seed"/> and <see cref="Label"/> say how to run it again. Invariants: operations are ordered by
/// start (then end, client, sequence); <see cref="Final"/>, when present, is a read.
/// </summary>
public sealed record History
{
    private History(int seed, string label, ResourceState? initial, IReadOnlyList<Operation> operations, Operation? final)
    {
        Seed = seed;
        Label = label;
        Initial = initial;
        Operations = operations;
        Final = final;
    }

    public int Seed { get; }

    /// <summary>Which block and round this is, e.g. <c>race round 3</c>.</summary>
    public string Label { get; }

    public ResourceState? Initial { get; }

    public IReadOnlyList<Operation> Operations { get; }

    public Operation? Final { get; }

    public IEnumerable<Operation> Writes => Operations.Where(o => o.IsWrite);

    public IEnumerable<Operation> Reads => Operations.Where(o => !o.IsWrite);

    public static History Of(int seed, string label, ResourceState? initial, IEnumerable<Operation> operations, Operation? final)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        ArgumentNullException.ThrowIfNull(operations);
        if (final is { IsWrite: true })
        {
            throw new ArgumentException($"The final operation of a history is a read; {final.Name} is a write.", nameof(final));
        }

        var ordered = operations
            .OrderBy(o => o.Start)
            .ThenBy(o => o.End)
            .ThenBy(o => o.Client, StringComparer.Ordinal)
            .ThenBy(o => o.Sequence)
            .ToList();
        return new History(seed, label, initial, ordered, final);
    }
}
