using ConformanceKit.Http;

namespace ConformanceKit.ReferenceServer.Protocol;

/// <summary>
/// Which validators a new representation has (RFC 9110 8.8): by default a strong entity-tag and a
/// modification date. The one place for the legal variants that change that: <c>weak-etags</c>,
/// <c>no-etag</c> and <c>no-last-modified</c>. What is sent on the wire is decided later, in
/// <see cref="Endpoints.ValidatorFields"/>; what preconditions compare with is what is decided here.
/// </summary>
internal sealed class ValidatorPolicy(VariantSet variants)
{
    public static ValidatorPolicy Default { get; } = new(VariantSet.None);

    /// <summary>The entity-tag for <paramref name="opaque"/>, or null when representations have none.</summary>
    public EntityTag? EntityTagFor(string opaque) =>
        variants.Has(Variants.NoETag) ? null
        : variants.Has(Variants.WeakETags) ? EntityTag.Weak(opaque)
        : EntityTag.Strong(opaque);

    /// <summary>The modification date recorded for a change at <paramref name="changedAt"/>, or null when
    /// representations have none.</summary>
    public DateTimeOffset? ModificationDate(DateTimeOffset changedAt) =>
        variants.Has(Variants.NoLastModified) ? null : changedAt;
}
