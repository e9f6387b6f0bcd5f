using System.Text;
using System.Text.Json;

namespace ConformanceKit.Json;

/// <summary>A line and column in a text file, both 1-based; the column counts characters, not bytes.</summary>
public readonly record struct TextPosition(int Line, int Column);

/// <summary>A member name given twice in one JSON object (System.Text.Json would keep both, and a lookup
/// the last one): the path of the member, where it first appeared and where it appears again.</summary>
public sealed record DuplicateMember(string ObjectPath, string Name, TextPosition First, TextPosition Again)
{
    public string Path => $"{ObjectPath}.{Name}";
}

/// <summary>
/// Where each value of a JSON text starts, keyed by the JSON path of our messages (<c>$.targets.api.baseUrl</c>,
/// <c>$.scenarios[2]</c>), so an error found on a <see cref="JsonElement"/> (which keeps no positions) can
/// name its line. A member is placed at its name; a path that is not in the text (a missing field) falls
/// back to the nearest enclosing value. Also records member names given twice in one object.
/// </summary>
public sealed class JsonPositions
{
    private readonly Dictionary<string, TextPosition> _positions = new(StringComparer.Ordinal);
    private readonly List<DuplicateMember> _duplicates = [];

    private JsonPositions()
    {
    }

    /// <summary>Positions of nothing: every lookup answers null.</summary>
    public static JsonPositions None { get; } = new();

    public IReadOnlyList<DuplicateMember> Duplicates => _duplicates;

    /// <summary>Maps a text that <see cref="JsonDocument.Parse(string, JsonDocumentOptions)"/> accepted with
    /// <paramref name="options"/>.</summary>
    public static JsonPositions Of(string text, JsonDocumentOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var lines = new LineIndex(bytes);
        var positions = new JsonPositions();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            CommentHandling = options.CommentHandling == JsonCommentHandling.Disallow ? JsonCommentHandling.Disallow : JsonCommentHandling.Skip,
            AllowTrailingCommas = options.AllowTrailingCommas,
            MaxDepth = options.MaxDepth == 0 ? 64 : options.MaxDepth,
        });

        var stack = new Stack<Frame>();
        string? member = null;
        while (reader.Read())
        {
            var at = lines.At((int)reader.TokenStartIndex);
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                var frame = stack.Peek();
                var name = reader.GetString()!;
                member = $"{frame.Path}.{name}";
                if (frame.Names.TryGetValue(name, out var first))
                {
                    positions._duplicates.Add(new DuplicateMember(frame.Path, name, first, at));
                }
                else
                {
                    frame.Names.Add(name, at);
                }

                positions._positions.TryAdd(member, at);
                continue;
            }

            if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                stack.Pop();
                continue;
            }

            string path;
            if (stack.Count == 0)
            {
                path = "$";
            }
            else if (stack.Peek() is { IsArray: true } array)
            {
                path = $"{array.Path}[{array.NextIndex++}]";
            }
            else
            {
                path = member!;
            }

            positions._positions.TryAdd(path, at);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                stack.Push(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
            }
        }

        return positions;
    }

    /// <summary>Where the value at <paramref name="jsonPath"/> starts, or, when the text has no such value,
    /// the nearest enclosing one; null only for <see cref="None"/>.</summary>
    public TextPosition? Find(string jsonPath)
    {
        ArgumentNullException.ThrowIfNull(jsonPath);
        var path = jsonPath;
        while (true)
        {
            if (_positions.TryGetValue(path, out var position))
            {
                return position;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                return _positions.TryGetValue("$", out var root) ? root : null;
            }

            path = path[..cut];
        }
    }

    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public int NextIndex { get; set; }

        public Dictionary<string, TextPosition> Names { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Byte offsets to lines and character columns of a UTF-8 text.</summary>
    private sealed class LineIndex
    {
        private readonly byte[] _bytes;
        private readonly List<int> _starts = [0];

        public LineIndex(byte[] bytes)
        {
            _bytes = bytes;
            for (var i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    _starts.Add(i + 1);
                }
            }
        }

        public TextPosition At(int offset)
        {
            var line = _starts.BinarySearch(offset);
            if (line < 0)
            {
                line = ~line - 1;
            }

            var column = 1;
            for (var i = _starts[line]; i < offset; i++)
            {
                // Count characters: every byte except UTF-8 continuation bytes (10xxxxxx) starts one.
                if ((_bytes[i] & 0xC0) != 0x80)
                {
                    column++;
                }
            }

            return new TextPosition(line + 1, column);
        }
    }
}
