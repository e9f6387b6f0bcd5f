using System.Globalization;
using System.Text;
using ConformanceKit.Http;
using CsCheck;

namespace ConformanceKit.Tests.ReferenceServer.Fuzz;

/// <summary>
/// Generators of odd, malformed and hostile precondition fields (and Range), mixed with valid conditional and
/// unconditional writes, on a few documents (<c>/items/fz-0</c> .. <c>fz-3</c>), the collection and the static
/// file. Values are bytes: control characters and bytes above 0x7F go on the wire as they are.
/// </summary>
internal static class FuzzGen
{
    public const int Documents = 4;

    private static readonly DateTimeOffset Now = HttpDate.Truncate(DateTimeOffset.UtcNow);

    private static readonly Gen<string> Opaque = Gen.OneOf(
        Gen.OneOf("abc", "", "0", "x y", "ü", "\u00ff", "a\"b", "a\\b", "W/", "*"),
        Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789-_./:"].Array[1, 40].Select(c => new string(c)));

    private static readonly Gen<string> GoodTag = Gen.Frequency(
        (3, Gen.Const(RawRequest.CurrentETag)),
        (2, Opaque.Select(o => $"\"{o.Replace("\"", string.Empty, StringComparison.Ordinal)}\"")),
        (1, Gen.Const(RawRequest.CurrentETag).Select(t => "W/" + t)),
        (1, Opaque.Select(o => $"W/\"{o.Replace("\"", string.Empty, StringComparison.Ordinal)}\"")));

    // Broken quoting and unbalanced W/.
    private static readonly Gen<string> BrokenTag = Gen.OneOf(
        Opaque.Select(o => $"\"{o}"),
        Opaque.Select(o => $"{o}\""),
        Opaque.Select(o => $"\"\"{o}\"\""),
        Opaque.Select(o => $"W/{o}"),
        Opaque.Select(o => $"w/\"{o}\""),
        Opaque.Select(o => $"W/W/\"{o}\""),
        Opaque.Select(o => $"W /\"{o}\""),
        Opaque.Select(o => $"'{o}'"),
        Gen.OneOf("W/", "W", "\"", "\"\"\"", "**", "*, \"a\"", "\"a\" \"b\"", ",", ",,,", " , ", "\"a\",", ",\"a\"", "W/\"a\"W/\"b\"", "\"a\"\"b\""));

    private static readonly Gen<string> TagList = Gen.Select(
        Gen.OneOf(GoodTag, BrokenTag).Array[1, 6],
        Gen.OneOf(", ", ",", " ,", ",  ,", "\t,\t"),
        (tags, separator) => string.Join(separator, tags));

    // Thousands of tags, or one value of 64 KB (Kestrel's header limits answer 431).
    private static readonly Gen<string> HugeList = Gen.OneOf(
        Gen.Int[1000, 4000].Select(n => string.Join(", ", Enumerable.Range(0, n).Select(i => $"\"t{i}\""))),
        Gen.Int[1000, 2000].Select(n => string.Join(", ", Enumerable.Range(0, n).Select(i => $"W/\"{i}\"")) + ", " + RawRequest.CurrentETag),
        Gen.Const(new string('a', 64 * 1024)),
        Gen.Const("\"" + new string('x', 64 * 1024) + "\""),
        Gen.Const(string.Join(",", Enumerable.Repeat("*", 5000))));

    private static readonly Gen<string> EntityTagField = Gen.Frequency(
        (6, GoodTag),
        (2, Gen.Const("*")),
        (5, BrokenTag),
        (4, TagList),
        (1, HugeList),
        (1, Gen.OneOf("", " ", "null", "\"\"")));

    private static readonly Gen<string> Date = Gen.Frequency(
        (4, Gen.Int[-400_000_000, 400_000_000].Select(s => HttpDate.Format(Now.AddSeconds(s)))),
        (2, Gen.Int[-400_000_000, 400_000_000].Select(s => HttpDate.FormatRfc850(Now.AddSeconds(s)))),
        (2, Gen.Int[-400_000_000, 400_000_000].Select(s => HttpDate.FormatAsctime(Now.AddSeconds(s)))),
        (6, Gen.OneOf(
            "Mon, 01 Jan 0001 00:00:00 GMT",
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "Fri, 31 Dec 9999 23:59:60 GMT",
            "Sat, 01 Jan 10000 00:00:00 GMT",
            "Wed, 31 Dec 1969 23:59:59 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Monday, 01-Jan-01 00:00:00 GMT",
            "Friday, 31-Dec-99 23:59:59 GMT",
            "Sun Nov  6 08:49:37 1994",
            "Mon Jan  1 00:00:00 0001",
            "Fri Dec 31 23:59:60 9999",
            "Mon, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 PST",
            "Sun, 06 Nov 1994 08:49:37 +0100",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Nov 1994 08:49:37 gmt",
            "Sun, 06 Nov 1994 08:49:37",
            "Tue, 30 Jun 2015 23:59:60 GMT",
            "Sat, 31 Dec 2016 23:59:60 GMT",
            "Thu, 30 Feb 2023 00:00:00 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:61:37 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 94 08:49:37 GMT",
            "Sun, 06 Nov -994 08:49:37 GMT",
            "Sun,  06 Nov 1994 08:49:37 GMT",
            "1994-11-06T08:49:37Z",
            "784111777",
            "-1",
            "0",
            "now",
            "",
            " ")),
        (1, Gen.Int[-400_000_000, 400_000_000].Select(s => HttpDate.Format(Now.AddSeconds(s)) + ", " + HttpDate.Format(Now))));

    private static readonly Gen<string> RangeField = Gen.OneOf(
        "bytes=0-0", "bytes=0-", "bytes=-1", "bytes=-0", "bytes=5-1", "bytes=0-99999999999999999999",
        "bytes=99999999999999999999-", "bytes=-99999999999999999999", "bytes=--1", "bytes=1--2", "bytes=0-1,2-3",
        "bytes=0-0,-1", "bytes=", "bytes", "bytes=a-b", "items=0-1", "BYTES=0-1", "bytes = 0-1", "bytes=0-1;x",
        "bytes=" + string.Join(",", Enumerable.Range(0, 2000).Select(i => $"{i}-{i}")), "bytes=9223372036854775807-", "bytes=-9223372036854775808");

    private static readonly Gen<string> IfRangeField = Gen.OneOf(GoodTag, BrokenTag, Date);

    // Control characters and bytes that are not ASCII, spliced into a field value.
    private static readonly Gen<byte[]> Hostile = Gen.Select(
        EntityTagField,
        Gen.Byte.Where(b => b < 0x20 || b >= 0x7F).Array[1, 4],
        Gen.Int[0, 100],
        (text, bytes, at) =>
        {
            var raw = Encoding.UTF8.GetBytes(text);
            var cut = raw.Length == 0 ? 0 : at % (raw.Length + 1);
            return (byte[])[.. raw.AsSpan(0, cut), .. bytes, .. raw.AsSpan(cut)];
        });

    private static readonly Gen<string> PreconditionName = Gen.OneOf("If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "If-Range");

    private static readonly Gen<(string, byte[])> Field = Gen.Frequency(
        (4, Gen.OneOf("If-Match", "If-None-Match", "if-match", "IF-NONE-MATCH").Select(EntityTagField, (n, v) => (n, Bytes(v)))),
        (3, Gen.OneOf("If-Modified-Since", "If-Unmodified-Since", "if-unmodified-since").Select(Date, (n, v) => (n, Bytes(v)))),
        (1, IfRangeField.Select(v => ("If-Range", Bytes(v)))),
        (2, RangeField.Select(v => ("Range", Bytes(v)))),
        (2, PreconditionName.Select(Hostile, (n, v) => (n, v))));

    private static readonly Gen<IReadOnlyList<(string Name, byte[] Value)>> Fields = Gen.Frequency(
        (1, Gen.Const<IReadOnlyList<(string, byte[])>>([])),
        (6, Field.Array[1, 4].Select(f => (IReadOnlyList<(string, byte[])>)f)),
        // Repeated field lines: the same field twice or more.
        (2, Field.Select(Gen.Int[2, 4], (f, n) => (IReadOnlyList<(string, byte[])>)Enumerable.Repeat(f, n).ToArray())),
        (1, Gen.Select(Field, Field, (a, b) => (IReadOnlyList<(string, byte[])>)[a, (a.Item1, b.Item2)])));

    // Nesting far beyond any parser's default depth.
    private static readonly string Deep = new string('[', 5000) + new string(']', 5000);

    private static readonly Gen<(string? ContentType, byte[]? Body)> JsonBody = Gen.Frequency(
        (8, Gen.Int[0, 1_000_000].Select(n => ("application/json", Bytes($"{{\"n\":{n.ToString(CultureInfo.InvariantCulture)}}}")))),
        (1, Gen.OneOf("{", "{\"a\":1,\"a\":2}", "", "null", "[1,2", "\u00e9").Select(b => ("application/json", Bytes(b)))),
        (1, Gen.OneOf(Deep, "{\"m\":1e400}", "{\"m\":\"\\ud800\"}", "{\"m\":-0}", "{\"\":{\"\":null}}").Select(b => ("application/json", Bytes(b)))),
        (1, Gen.OneOf("text/plain", "application/json; charset=\u00ff", "application/merge-patch+json").Select(t => (t, Bytes("{\"n\":1}")))),
        (1, Gen.Const<(string?, byte[]?)>((null, Bytes("{\"n\":2}")))));

    private static readonly Gen<(string? ContentType, byte[]? Body)> PatchBody = Gen.Frequency(
        (8, Gen.Int[0, 1_000_000].Select(n => ("application/merge-patch+json", Bytes($"{{\"m\":{n.ToString(CultureInfo.InvariantCulture)}}}")))),
        (1, Gen.OneOf(Deep, "{\"m\":1e400}", "{\"m\":\"\\ud800\"}", "{\"m\":null,\"n\":{\"o\":null}}", "{\"\\udc00\":1}", "[]", "\"x\"").Select(b => ("application/merge-patch+json", Bytes(b)))),
        (2, JsonBody));

    private static readonly Gen<string> DocumentPath = Gen.Int[0, Documents - 1].Select(i => $"/items/fz-{i}");

    /// <summary>A request: mostly writes and reads of the documents, with generated fields.</summary>
    public static Gen<RawRequest> Request { get; } = Gen.Frequency(
        (5, Gen.Select(DocumentPath, Fields, JsonBody, (p, f, b) => Make("PUT", p, f, b))),
        (2, Gen.Select(DocumentPath, Fields, PatchBody, (p, f, b) => Make("PATCH", p, f, b))),
        (2, Gen.Select(DocumentPath, Fields, (p, f) => new RawRequest("DELETE", p, f, null))),
        (4, Gen.Select(Gen.OneOf("GET", "HEAD"), DocumentPath, Fields, (m, p, f) => new RawRequest(m, p, f, null))),
        (1, Gen.Select(Fields, JsonBody, (f, b) => Make("POST", "/items", f, b))),
        (1, Gen.Select(Gen.OneOf("GET", "HEAD"), Fields, (m, f) => new RawRequest(m, "/static/hello.txt", f, null))),
        (1, Gen.Select(Gen.OneOf("OPTIONS", "TRACE", "BREW", "put", "PROPFIND"), DocumentPath, Fields, (m, p, f) => new RawRequest(m, p, f, null))),
        // Valid writes that keep the documents alive and changing: create, and replace on the current tag.
        (3, Gen.Select(DocumentPath, JsonBody, (p, b) => Make("PUT", p, [], b))),
        (3, Gen.Select(DocumentPath, JsonBody, (p, b) => Make("PUT", p, [("If-Match", Bytes(RawRequest.CurrentETag))], b))));

    /// <summary>A case: the state its document is put in first (absent, or created with a small JSON
    /// document), then the request. Each case is self-contained, so its seed reproduces it on any server.</summary>
    public static Gen<FuzzCase> Case { get; } = Gen.Select(
        Gen.Frequency((1, Gen.Const(-1)), (3, Gen.Int[0, 99])),
        Request,
        (setup, request) => new FuzzCase(setup < 0 ? null : $"{{\"setup\":{setup.ToString(CultureInfo.InvariantCulture)}}}", request));

    private static RawRequest Make(string method, string path, IReadOnlyList<(string Name, byte[] Value)> fields, (string? ContentType, byte[]? Body) body) =>
        new(method, path, body.ContentType is null ? fields : [.. fields, ("Content-Type", Bytes(body.ContentType))], body.Body);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>One fuzz case: <see cref="Initial"/> is the document the target holds before the request (null:
/// absent), <see cref="Request"/> the request.</summary>
internal sealed record FuzzCase(string? Initial, RawRequest Request)
{
    public override string ToString() => $"target {(Initial is null ? "absent" : "holding " + Initial)}, then:\n{Request}";
}
