namespace ConformanceKit.ReferenceServer;

/// <summary>
/// An immutable set of <see cref="Defect"/>s a server instance runs with, and the window of each defect
/// that takes one (<see cref="Defect.DefaultWindow"/> unless the name gave another).
/// </summary>
public sealed class DefectSet
{
    private readonly HashSet<Defect> set;
    private readonly Dictionary<Defect, TimeSpan> windows;

    private DefectSet(IEnumerable<Defect> defects, IReadOnlyDictionary<Defect, TimeSpan> windows)
    {
        set = [.. defects];
        Items = [.. Defects.All.Where(set.Contains)];
        this.windows = set.Where(d => d.DefaultWindow is not null)
            .ToDictionary(d => d, d => windows.TryGetValue(d, out var given) ? given : d.DefaultWindow!.Value);
    }

    public static DefectSet None { get; } = new([], new Dictionary<Defect, TimeSpan>());

    /// <summary>The defects in the set, in catalog order.</summary>
    public IReadOnlyCollection<Defect> Items { get; }

    public static DefectSet Of(params IEnumerable<Defect> defects)
    {
        ArgumentNullException.ThrowIfNull(defects);
        var list = defects.ToList();
        foreach (var defect in list)
        {
            if (!Defects.All.Contains(defect))
            {
                throw new ArgumentException($"'{defect.Name}' is not a defect of the catalog.", nameof(defects));
            }
        }

        return list.Count == 0 ? None : new DefectSet(list, new Dictionary<Defect, TimeSpan>());
    }

    /// <summary>
    /// Builds a set from names such as <c>if-match-weak-comparison</c> or <c>non-atomic-write:100us</c> (an
    /// alias such as <c>toctou:0</c> works too); throws <see cref="ArgumentException"/> naming an unknown
    /// defect, a window given to a defect that takes none, or a window that does not parse.
    /// </summary>
    public static DefectSet Parse(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var defects = new List<Defect>();
        var windows = new Dictionary<Defect, TimeSpan>();
        foreach (var text in names)
        {
            var (name, argument) = (text ?? string.Empty).Split(':', 2) switch
            {
                [var only] => (only, (string?)null),
                [var head, var tail] => (head, tail),
                _ => (string.Empty, null),
            };
            if (!Defects.TryGet(name, out var defect))
            {
                var known = string.Join(", ", Defects.All.Select(d => d.Name));
                throw new ArgumentException($"Unknown defect '{text}'. Known defects: {known}.", nameof(names));
            }

            if (argument is not null)
            {
                if (defect.DefaultWindow is null)
                {
                    throw new ArgumentException($"Defect '{defect.Name}' takes no argument, but '{text}' gives one.", nameof(names));
                }

                if (!DefectWindow.TryParse(argument, out var window))
                {
                    throw new ArgumentException($"'{text}': the window '{argument}' is not 0 or a number with the unit us, ms or s of at most {DefectWindow.Format(DefectWindow.Max)} (e.g. {defect.Name}:100us).", nameof(names));
                }

                windows[defect] = window;
            }

            defects.Add(defect);
        }

        return defects.Count == 0 ? None : new DefectSet(defects, windows);
    }

    /// <remarks>The correct server has no defect: it asks this on every request, so the empty set answers without
    /// hashing the record.</remarks>
    public bool Has(Defect defect) => set.Count != 0 && set.Contains(defect);

    /// <summary>The window of a defect in the set that takes one.</summary>
    public TimeSpan WindowOf(Defect defect) =>
        windows.TryGetValue(defect, out var window) ? window : throw new ArgumentException($"'{defect?.Name}' is not a windowed defect of this set.", nameof(defect));

    public override string ToString() => Items.Count == 0
        ? "(none)"
        : string.Join(", ", Items.Select(d => windows.TryGetValue(d, out var window) ? $"{d.Name}:{DefectWindow.Format(window)}" : d.Name));
}
