using System.Globalization;

namespace ConformanceKit.ReferenceServer.Protocol;

internal enum ByteRangeKind
{
    /// <summary>Serve the whole representation: no Range, a malformed one, a unit other than bytes, or
    /// several ranges (a server may ignore Range, RFC 9110 14.2).</summary>
    Ignore,

    /// <summary>A single satisfiable range: 206 with <see cref="ByteRangeRequest.First"/>..<see cref="ByteRangeRequest.Last"/>.</summary>
    Satisfiable,

    /// <summary>No requested range overlaps the content: 416 (RFC 9110 15.5.17).</summary>
    Unsatisfiable,
}

/// <summary>
/// A Range field resolved against a representation of a known length (RFC 9110 14.1.2, 14.2). Only one
/// byte range is served: <c>bytes=a-b</c>, <c>bytes=a-</c> or <c>bytes=-n</c>.
/// Invariant: for <see cref="ByteRangeKind.Satisfiable"/>, 0 &lt;= First &lt;= Last &lt; length.
/// </summary>
internal readonly record struct ByteRangeRequest(ByteRangeKind Kind, long First, long Last)
{
    private static readonly ByteRangeRequest IgnoreRange = new(ByteRangeKind.Ignore, 0, 0);

    public long Length => Last - First + 1;

    public static ByteRangeRequest Resolve(string? field, long length)
    {
        if (field is null)
        {
            return IgnoreRange;
        }

        var text = field.Trim();
        const string prefix = "bytes=";
        if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return IgnoreRange; // 14.2: ignore a range unit we do not understand
        }

        var specs = text[prefix.Length..].Split(',', StringSplitOptions.TrimEntries);
        var nonEmpty = specs.Where(s => s.Length > 0).ToArray();
        if (nonEmpty.Length != 1)
        {
            // Several ranges: allowed to answer 200 with the whole content. None: malformed, ignored.
            return IgnoreRange;
        }

        return ResolveSpec(nonEmpty[0], length);
    }

    private static ByteRangeRequest ResolveSpec(string spec, long length)
    {
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return IgnoreRange;
        }

        var firstText = spec[..dash];
        var lastText = spec[(dash + 1)..];
        if (firstText.Length == 0)
        {
            // suffix-byte-range-spec: the last n bytes; satisfiable only when n > 0 and there is content.
            if (!TryReadNumber(lastText, out var suffix))
            {
                return IgnoreRange;
            }

            if (suffix == 0 || length == 0)
            {
                return new ByteRangeRequest(ByteRangeKind.Unsatisfiable, 0, 0);
            }

            return new ByteRangeRequest(ByteRangeKind.Satisfiable, Math.Max(0, length - suffix), length - 1);
        }

        if (!TryReadNumber(firstText, out var first))
        {
            return IgnoreRange;
        }

        var last = long.MaxValue;
        if (lastText.Length > 0 && !TryReadNumber(lastText, out last))
        {
            return IgnoreRange;
        }

        if (last < first)
        {
            return IgnoreRange; // 14.1.1: invalid byte-range-spec, so the field is invalid and ignored
        }

        if (first >= length)
        {
            return new ByteRangeRequest(ByteRangeKind.Unsatisfiable, 0, 0);
        }

        return new ByteRangeRequest(ByteRangeKind.Satisfiable, first, Math.Min(last, length - 1));
    }

    // 1*DIGIT. Numbers too large for a long are clamped rather than failing (14.1.1 asks recipients to
    // anticipate large numerals); a clamped position is past any content we hold anyway.
    private static bool TryReadNumber(string text, out long value)
    {
        value = 0;
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            value = long.MaxValue;
        }

        return true;
    }
}
