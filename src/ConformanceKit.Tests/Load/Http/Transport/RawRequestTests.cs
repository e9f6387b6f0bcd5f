using System.Text;
using ConformanceKit.Load.Http;

namespace ConformanceKit.Tests.Load.Http.Transport;

/// <summary>The raw transport's request bytes: exactly what goes on the wire, built once while the request repeats.</summary>
public sealed class RawRequestTests
{
    private static readonly Uri Url = new("http://127.0.0.1:8080/items/a-1?x=1");

    [Fact]
    public void A_conditional_GET_is_the_request_line_Host_the_target_fields_and_the_condition()
    {
        var request = new RawRequest([new("Authorization", "Bearer t"), new("X-Trace", "1")]);

        var bytes = request.Build("GET", Url, "If-None-Match", "\"v1\"", default, null);

        Encoding.Latin1.GetString(bytes.Span).ShouldBe(
            "GET /items/a-1?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAuthorization: Bearer t\r\nX-Trace: 1\r\nIf-None-Match: \"v1\"\r\n\r\n");
    }

    [Fact]
    public void A_PUT_carries_its_content_type_length_and_body_and_a_bodiless_PUT_a_zero_length()
    {
        var request = new RawRequest([]);

        var put = Encoding.Latin1.GetString(request.Build("PUT", new Uri("http://localhost/d"), "If-Match", "\"7\"", "{\"a\":1}"u8, "application/json").Span);
        var empty = Encoding.Latin1.GetString(request.Build("PUT", new Uri("http://localhost/d"), null, null, default, null).Span);

        put.ShouldBe("PUT /d HTTP/1.1\r\nHost: localhost\r\nIf-Match: \"7\"\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
        empty.ShouldBe("PUT /d HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n");
    }

    [Fact]
    public void The_same_request_again_is_not_built_again_and_another_condition_is()
    {
        var request = new RawRequest([]);
        var first = request.Build("GET", Url, "If-None-Match", "\"v1\"", default, null);

        var again = request.Build("GET", Url, "If-None-Match", new string("\"v1\""), default, null);
        var other = request.Build("GET", Url, "If-None-Match", "\"v2\"", default, null);

        again.Equals(first).ShouldBeTrue("the same memory, not a copy");
        Encoding.Latin1.GetString(other.Span).ShouldContain("If-None-Match: \"v2\"");
    }

    [Theory]
    [InlineData("X-Bad", "a\r\nInjected: yes")]
    [InlineData("X-Bad", "nul\0")]
    [InlineData("X-Bad", "\u0100")]
    [InlineData("Bad Name", "v")]
    [InlineData("", "v")]
    public void A_field_that_would_split_the_request_is_refused(string name, string value)
    {
        Should.Throw<ArgumentException>(() => new RawRequest([new(name, value)]));
        Should.Throw<ArgumentException>(() => new RawRequest([]).Build("GET", Url, name, value, default, null));
    }

    [Theory]
    [InlineData("http://127.0.0.1/", "127.0.0.1")]
    [InlineData("http://127.0.0.1:80/", "127.0.0.1")]
    [InlineData("http://[::1]:5080/x", "[::1]:5080")]
    [InlineData("http://localhost:5080/", "localhost:5080")]
    public void The_Host_field_leaves_out_the_default_port(string url, string host) => RawRequest.HostField(new Uri(url)).ShouldBe(host);
}
