namespace ConformanceKit.ReferenceServer;

/// <summary>An immutable set of <see cref="Defect"/>s a server instance runs with.</summary>
public sealed class DefectSet
{
    private readonly HashSet<Defect> set;

    private DefectSet(IEnumerable<Defect> defects)
    {
        set = [.. defects];
        Items = [.. Defects.All.Where(set.Contains)];
    }

    public static DefectSet None { get; } = new([]);

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

        return list.Count == 0 ? None : new DefectSet(list);
    }

    /// <summary>Builds a set from defect names; throws <see cref="ArgumentException"/> naming an unknown one.</summary>
    public static DefectSet Parse(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var defects = new List<Defect>();
        foreach (var name in names)
        {
            if (!Defects.TryGet(name ?? string.Empty, out var defect))
            {
                var known = string.Join(", ", Defects.All.Select(d => d.Name));
                throw new ArgumentException($"Unknown defect '{name}'. Known defects: {known}.", nameof(names));
            }

            defects.Add(defect);
        }

        return defects.Count == 0 ? None : new DefectSet(defects);
    }

    public bool Has(Defect defect) => set.Contains(defect);

    public override string ToString() => Items.Count == 0 ? "(none)" : string.Join(", ", Items.Select(d => d.Name));
}
