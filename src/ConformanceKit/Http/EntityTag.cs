namespace ConformanceKit.Http;

/// <summary>
/// An entity-tag (RFC 9110 8.8.3): <c>[ W/ ] DQUOTE *etagc DQUOTE</c>.
/// Invariant: <see cref="Opaque"/> holds only etagc characters (%x21 / %x23-7E / obs-text), never a DQUOTE.
/// Equality of two tags for HTTP purposes is never <c>Equals</c>: call <see cref="Matches"/> with the
/// comparison the rule demands (strong for If-Match and If-Range, weak for If-None-Match).
/// </summary>
public sealed record EntityTag
{
    private EntityTag(string opaque, bool isWeak)
    {
        Opaque = opaque;
        IsWeak = isWeak;
    }

    /// <summary>The characters between the quotes.</summary>
    public string Opaque { get; }

    public bool IsWeak { get; }

    public static EntityTag Strong(string opaque) => new(RequireValidOpaque(opaque), isWeak: false);

    public static EntityTag Weak(string opaque) => new(RequireValidOpaque(opaque), isWeak: true);

    /// <summary>RFC 9110 8.8.3.2: strong comparison needs both tags strong and equal opaque tags;
    /// weak comparison needs only equal opaque tags.</summary>
    public bool Matches(EntityTag other, EntityTagComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (comparison == EntityTagComparison.Strong && (IsWeak || other.IsWeak))
        {
            return false;
        }

        return string.Equals(Opaque, other.Opaque, StringComparison.Ordinal);
    }

    /// <summary>Parses exactly one entity-tag, with no surrounding whitespace.</summary>
    public static bool TryParse(string? text, out EntityTag tag)
    {
        tag = null!;
        if (text is null)
        {
            return false;
        }

        var position = 0;
        if (!EntityTagReader.TryRead(text, ref position, out var parsed) || position != text.Length)
        {
            return false;
        }

        tag = parsed;
        return true;
    }

    public static EntityTag Parse(string text) =>
        TryParse(text, out var tag) ? tag : throw new FormatException($"'{text}' is not an entity-tag (RFC 9110 8.8.3).");

    public override string ToString() => IsWeak ? $"W/\"{Opaque}\"" : $"\"{Opaque}\"";

    internal static EntityTag Create(string opaque, bool isWeak) => new(opaque, isWeak);

    internal static bool IsEtagChar(char c) => c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);

    private static string RequireValidOpaque(string opaque)
    {
        ArgumentNullException.ThrowIfNull(opaque);
        foreach (var c in opaque)
        {
            if (!IsEtagChar(c))
            {
                throw new ArgumentException($"Character U+{(int)c:X4} is not allowed in an entity-tag.", nameof(opaque));
            }
        }

        return opaque;
    }
}
