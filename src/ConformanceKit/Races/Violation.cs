using System.Text;

namespace ConformanceKit.Races;

/// <summary>
/// One anomaly found in a history: its kind, one sentence saying what went wrong, and the operations that
/// show it (the smallest slice of the history a report needs). <see cref="Seed"/> and
/// <see cref="HistoryLabel"/> say which run to repeat. Made only by the factories below.
/// </summary>
public sealed record Violation
{
    private Violation(ViolationKind kind, History history, string explanation, IReadOnlyList<Operation> operations)
    {
        Kind = kind;
        Seed = history.Seed;
        HistoryLabel = history.Label;
        Explanation = explanation;
        Operations = operations;
    }

    public ViolationKind Kind { get; }

    public int Seed { get; }

    public string HistoryLabel { get; }

    public string Explanation { get; }

    public IReadOnlyList<Operation> Operations { get; }

    internal static Violation LostUpdate(History history, string explanation, IReadOnlyList<Operation> writes) =>
        new(ViolationKind.LostUpdate, history, explanation, writes);

    internal static Violation DuplicateValidator(History history, string explanation, IReadOnlyList<Operation> observers) =>
        new(ViolationKind.DuplicateValidator, history, explanation, observers);

    internal static Violation BrokenChain(History history, string explanation, Operation write) =>
        new(ViolationKind.BrokenChain, history, explanation, [write]);

    internal static Violation FinalStateInconsistent(History history, string explanation, IReadOnlyList<Operation> slice) =>
        new(ViolationKind.FinalStateInconsistent, history, explanation, slice);

    /// <summary>The violation with the seed that reproduces it, then one line per operation.</summary>
    public string Describe()
    {
        var text = new StringBuilder($"{Kind.Id()} in {HistoryLabel} (seed {Seed}): {Explanation}");
        foreach (var operation in Operations)
        {
            text.Append("\n  ").Append(operation.Describe());
        }

        return text.ToString();
    }

    public override string ToString() => Describe();
}
