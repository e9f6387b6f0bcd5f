namespace ConformanceKit.Http;

/// <summary>Reads entity-tags out of field values; shared by the single-tag and list parsers.</summary>
internal static class EntityTagReader
{
    public static bool TryRead(string text, ref int position, out EntityTag tag)
    {
        tag = null!;
        var i = position;
        var isWeak = false;
        if (i + 1 < text.Length && text[i] == 'W' && text[i + 1] == '/')
        {
            isWeak = true;
            i += 2;
        }

        if (i >= text.Length || text[i] != '"')
        {
            return false;
        }

        var start = ++i;
        while (i < text.Length && text[i] != '"')
        {
            if (!EntityTag.IsEtagChar(text[i]))
            {
                return false;
            }

            i++;
        }

        if (i >= text.Length)
        {
            return false;
        }

        tag = EntityTag.Create(text[start..i], isWeak);
        position = i + 1;
        return true;
    }

    public static void SkipWhitespace(string text, ref int position)
    {
        while (position < text.Length && (text[position] == ' ' || text[position] == '\t'))
        {
            position++;
        }
    }
}
