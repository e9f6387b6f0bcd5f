using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Runs;

namespace ConformanceKit.Tests.Reports;

/// <summary>A fixed run with one result of every verdict, and target text carrying markup, control
/// characters and a Markdown table breaker, for the report shape tests.</summary>
internal static class SampleRun
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static RunResult Create()
    {
        var must = new CheckInfo("optimistic-locking", "9110/13.1.1", RequirementLevel.Must, "Stale write refused", "A stale If-Match write is refused with 412.");
        var should = new CheckInfo("etag-sent", "9110/8.8.3", RequirementLevel.Should, "ETag sent", "A representation should carry an ETag.");
        var may = new CheckInfo("blind-overwrite-loses-update", "6585/3", RequirementLevel.May, "Blind overwrite", "Unconditional writes may be accepted.");
        var skip = new CheckInfo("if-range-current-etag-206", "9110/13.1.5", RequirementLevel.Must, "If-Range match", "A matching If-Range gets 206.");
        var error = new CheckInfo("conditional-get-304", "9110/13.1.2", RequirementLevel.Must, "Conditional GET", "A matching If-None-Match gets 304.");
        var pass = new CheckInfo("if-match-stale-get", "9110/13.1.1", RequirementLevel.Must, "Stale GET", "A stale If-Match GET gets 412.");

        var exchange = new Exchange(
            "B",
            4,
            new RecordedRequest("PUT", new Uri("http://127.0.0.1:8080/items/x"), [new("Host", "127.0.0.1:8080"), new("If-Match", "\"1\""), new("Authorization", Redactor.Mask)], "{\"edit\":\"b\"}"),
            new RecordedResponse(204, "No Content", "HTTP/1.1", [new("ETag", "\"2\""), new("X-Evil", "<script>alert(1)</script>\u0001|pipe")], string.Empty, 0, false),
            null,
            Start.AddMilliseconds(5),
            TimeSpan.FromMilliseconds(1.5));
        var failure = new ExpectationFailure(4, "B PUT {resource} If-Match", "status", "412", "204");
        var checks = new List<CheckResult>
        {
            CheckResult.Broken(must, failure, [exchange]) with { Duration = TimeSpan.FromMilliseconds(12) },
            CheckResult.Broken(should, new ExpectationFailure(1, "A GET {resource}", "ETag", "the header present", "no such header"), []) with { Duration = TimeSpan.FromMilliseconds(3) },
            CheckResult.Observed(may, "A's update was lost <silently>", 5, []) with { Duration = TimeSpan.FromMilliseconds(8) },
            CheckResult.Skipped(skip, "needs capabilities.ranges = true"),
            CheckResult.Errored(error, "step 1 (A GET {resource}): no complete response within 10 s", []) with { Duration = TimeSpan.FromSeconds(10) },
            CheckResult.Passed(pass, []) with { Duration = TimeSpan.FromMilliseconds(2) },
        };
        return new RunResult("my-api", "http", [], Start, TimeSpan.FromSeconds(10.025), 7, "0.1.0", checks);
    }
}
