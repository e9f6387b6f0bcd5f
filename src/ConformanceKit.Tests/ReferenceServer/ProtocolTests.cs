using System.Text;
using ConformanceKit.ReferenceServer.Protocol;

namespace ConformanceKit.Tests.ReferenceServer;

public sealed class ProtocolTests
{
    [Theory]
    [InlineData("bytes=0-0", 10, "Satisfiable", 0, 0)]
    [InlineData("bytes=9-", 10, "Satisfiable", 9, 9)]
    [InlineData("bytes=-20", 10, "Satisfiable", 0, 9)]
    [InlineData("BYTES= 2-4 ", 10, "Satisfiable", 2, 4)]
    [InlineData("bytes=0-99999999999999999999999", 10, "Satisfiable", 0, 9)]
    [InlineData("bytes=10-", 10, "Unsatisfiable", 0, 0)]
    [InlineData("bytes=-0", 10, "Unsatisfiable", 0, 0)]
    [InlineData("bytes=-1", 0, "Unsatisfiable", 0, 0)]
    [InlineData("bytes=", 10, "Ignore", 0, 0)]
    [InlineData("bytes=1-2,3-4", 10, "Ignore", 0, 0)]
    [InlineData("bytes=4-2", 10, "Ignore", 0, 0)]
    [InlineData("bytes=a-b", 10, "Ignore", 0, 0)]
    [InlineData("bytes=+1-2", 10, "Ignore", 0, 0)]
    [InlineData("items=1-2", 10, "Ignore", 0, 0)]
    public void Byte_ranges_resolve_against_the_length(string field, long length, string expected, long first, long last)
    {
        var kind = Enum.Parse<ByteRangeKind>(expected);
        var range = ByteRangeRequest.Resolve(field, length);
        range.Kind.ShouldBe(kind);
        if (kind == ByteRangeKind.Satisfiable)
        {
            (range.First, range.Last).ShouldBe((first, last));
        }
    }

    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""["a"]""", """{"a":"b"}""", """{"a":"b"}""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    public void Merge_patch_follows_rfc_7396(string target, string patch, string expected)
    {
        var result = JsonContent.MergePatch(Encoding.UTF8.GetBytes(target), Encoding.UTF8.GetBytes(patch));
        Encoding.UTF8.GetString(result).ShouldBe(expected);
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("application/json; charset=utf-8", true)]
    [InlineData("Application/JSON", true)]
    [InlineData("application/problem+json", true)]
    [InlineData("text/plain", false)]
    [InlineData("application/jsonx", false)]
    [InlineData(null, false)]
    [InlineData("", false)]
    public void Json_media_types(string? contentType, bool expected) => MediaTypes.IsJson(contentType).ShouldBe(expected);
}
