namespace ConformanceKit.ReferenceServer;

/// <summary>An immutable set of <see cref="Variant"/>s a server instance runs with.</summary>
public sealed class VariantSet
{
    private readonly HashSet<Variant> set;

    private VariantSet(IEnumerable<Variant> variants)
    {
        set = [.. variants];
        Items = [.. Variants.All.Where(set.Contains)];
    }

    public static VariantSet None { get; } = new([]);

    /// <summary>The variants in the set, in catalog order.</summary>
    public IReadOnlyCollection<Variant> Items { get; }

    public static VariantSet Of(params IEnumerable<Variant> variants)
    {
        ArgumentNullException.ThrowIfNull(variants);
        var list = variants.ToList();
        foreach (var variant in list)
        {
            if (!Variants.All.Contains(variant))
            {
                throw new ArgumentException($"'{variant.Name}' is not a variant of the catalog.", nameof(variants));
            }
        }

        return list.Count == 0 ? None : new VariantSet(list);
    }

    /// <summary>Builds a set from variant names; throws <see cref="ArgumentException"/> naming an unknown one.</summary>
    public static VariantSet Parse(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var variants = new List<Variant>();
        foreach (var name in names)
        {
            if (!Variants.TryGet(name ?? string.Empty, out var variant))
            {
                var known = string.Join(", ", Variants.All.Select(v => v.Name));
                throw new ArgumentException($"Unknown variant '{name}'. Known variants: {known}.", nameof(names));
            }

            variants.Add(variant);
        }

        return variants.Count == 0 ? None : new VariantSet(variants);
    }

    /// <remarks>Asked on every request: the empty set answers without hashing the record.</remarks>
    public bool Has(Variant variant) => set.Count != 0 && set.Contains(variant);

    public override string ToString() => Items.Count == 0 ? "(none)" : string.Join(", ", Items.Select(v => v.Name));
}
