namespace ConformanceKit.Http;

/// <summary>
/// The value of an If-Match or If-None-Match field (RFC 9110 13.1.1, 13.1.2): <c>"*" / #entity-tag</c>.
/// Several field lines are one comma-separated list (RFC 9110 5.3).
/// </summary>
public sealed class EntityTagCondition
{
    private EntityTagCondition(bool isAny, IReadOnlyList<EntityTag> tags)
    {
        IsAny = isAny;
        Tags = tags;
    }

    /// <summary>The field value was <c>*</c>.</summary>
    public bool IsAny { get; }

    /// <summary>The listed tags, in order (empty when <see cref="IsAny"/>).</summary>
    public IReadOnlyList<EntityTag> Tags { get; }

    public static EntityTagCondition Any { get; } = new(true, []);

    /// <summary>A list of one or more tags (use <see cref="Any"/> for <c>*</c>). The tags are copied.</summary>
    public static EntityTagCondition Of(params EntityTag[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.Length == 0)
        {
            throw new ArgumentException("An entity-tag list needs at least one tag (RFC 9110 13.1.1); use Any for \"*\".", nameof(tags));
        }

        if (Array.Exists(tags, tag => tag is null))
        {
            throw new ArgumentException("An entity-tag list cannot contain null.", nameof(tags));
        }

        return new(false, [.. tags]);
    }

    /// <summary>True when <c>*</c>, or when any listed tag matches <paramref name="current"/> by
    /// <paramref name="comparison"/>. A missing current representation matches nothing.</summary>
    public bool MatchesCurrent(EntityTag? current, EntityTagComparison comparison)
    {
        if (current is null)
        {
            return false;
        }

        if (IsAny)
        {
            return true;
        }

        // A loop, not Any(): servers evaluate this on every conditional request.
        foreach (var tag in Tags)
        {
            if (tag.Matches(current, comparison))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses the field lines of one field. Empty list elements are allowed (RFC 9110 5.6.1);
    /// a list with no element, or <c>*</c> mixed with tags, or anything else, is invalid.</summary>
    public static bool TryParse(IEnumerable<string> fieldLines, out EntityTagCondition condition)
    {
        ArgumentNullException.ThrowIfNull(fieldLines);
        condition = null!;
        var tags = new List<EntityTag>();
        var sawAny = false;
        foreach (var line in fieldLines)
        {
            if (!TryParseLine(line, tags, ref sawAny))
            {
                return false;
            }
        }

        if (sawAny && tags.Count > 0)
        {
            return false;
        }

        if (!sawAny && tags.Count == 0)
        {
            return false;
        }

        condition = sawAny ? Any : new EntityTagCondition(false, tags);
        return true;
    }

    public static bool TryParse(string fieldValue, out EntityTagCondition condition) =>
        TryParse([fieldValue], out condition);

    public override string ToString() => IsAny ? "*" : string.Join(", ", Tags);

    private static bool TryParseLine(string line, List<EntityTag> tags, ref bool sawAny)
    {
        var position = 0;
        while (true)
        {
            EntityTagReader.SkipWhitespace(line, ref position);
            if (position >= line.Length)
            {
                return true;
            }

            if (line[position] == ',')
            {
                position++;
                continue;
            }

            if (line[position] == '*')
            {
                if (sawAny)
                {
                    return false;
                }

                sawAny = true;
                position++;
            }
            else if (EntityTagReader.TryRead(line, ref position, out var tag))
            {
                tags.Add(tag);
            }
            else
            {
                return false;
            }

            EntityTagReader.SkipWhitespace(line, ref position);
            if (position < line.Length && line[position] != ',')
            {
                return false;
            }
        }
    }
}
