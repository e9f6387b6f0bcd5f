using System.Globalization;
using ConformanceKit.Http;
using ConformanceKit.ReferenceServer;
using Microsoft.Extensions.Time.Testing;
using static ConformanceKit.Tests.ReferenceServer.Exchange;
using ServerHost = ConformanceKit.ReferenceServer.ReferenceServer;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>
/// One row per defect mode: the same probe runs against a server without defects and against one with just
/// that defect, and must observe the correct answer on the first and the deviation on the second. Probes
/// return a short observation (usually status codes) so each row reads as "correct vs defective".
/// The defects that predate this table are covered one by one in <see cref="DefectModeTests"/>.
/// </summary>
public sealed class DefectDeviationTests
{
    private const string Stale = "\"0-stale\"";
    private const string Doc = """{"n":1}""";

    // Fri, 14 Mar 2025 09:26:53 GMT: the Last-Modified of everything written at ServerFixture.Epoch.
    private static readonly DateTimeOffset LastModified = HttpDate.Truncate(ServerFixture.Epoch);

    private static readonly Dictionary<string, Row> Rows = new Row[]
    {
        // ---- 13.1.1 If-Match ----
        new(Defects.IfMatchUnquotedComparison, "204", "412", async c =>
        {
            var (path, etag) = await NewDocumentAsync(c);
            return await StatusAsync(PutAsync(c, path, Doc, ("If-Match", etag)));
        }),
        new(Defects.IfMatchStarAsTag, "204", "412", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            return await StatusAsync(PutAsync(c, path, Doc, ("If-Match", "*")));
        }),
        new(Defects.IfMatchStarMatchesMissing, "412 then 404", "201 then 200", async c =>
        {
            var path = NewPath();
            return $"{await StatusAsync(PutAsync(c, path, Doc, ("If-Match", "*")))} then {await StatusAsync(GetAsync(c, path))}";
        }),
        new(Defects.IfMatchIgnoredOnReads, "GET 412, PUT 412", "GET 200, PUT 412", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            return $"GET {await StatusAsync(GetAsync(c, path, ("If-Match", Stale)))}, PUT {await StatusAsync(PutAsync(c, path, Doc, ("If-Match", Stale)))}";
        }),

        // ---- 13.1.1 / 13.1.2 lists ----
        new(Defects.EntityTagListFirstOnly, "INM 304, IM 204", "INM 200, IM 412", async c =>
        {
            var (path, etag) = await NewDocumentAsync(c);
            var list = $"{Stale}, {etag}";
            return $"INM {await StatusAsync(GetAsync(c, path, ("If-None-Match", list)))}, IM {await StatusAsync(PutAsync(c, path, Doc, ("If-Match", list)))}";
        }),

        // ---- 13.1.2 If-None-Match ----
        new(Defects.IfNoneMatchStrongComparison, "304", "200", async c =>
        {
            var (path, etag) = await NewDocumentAsync(c);
            return await StatusAsync(GetAsync(c, path, ("If-None-Match", Weak(etag))));
        }),
        new(Defects.IfNoneMatchPresenceOnly, "GET 200, PUT 204", "GET 304, PUT 204", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            return $"GET {await StatusAsync(GetAsync(c, path, ("If-None-Match", Stale)))}, PUT {await StatusAsync(PutAsync(c, path, Doc, ("If-None-Match", Stale)))}";
        }),
        new(Defects.IfNoneMatchStarIgnoredOnWrites, "412", "204", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            return await StatusAsync(PutAsync(c, path, """{"n":2}""", ("If-None-Match", "*")));
        }),
        new(Defects.IfNoneMatchStarFailsOnMissing, "201", "412", c =>
            StatusAsync(PutAsync(c, NewPath(), Doc, ("If-None-Match", "*")))),
        new(Defects.NotModifiedForWrites, "412, unchanged", "304, unchanged", async c =>
        {
            var (path, etag) = await NewDocumentAsync(c);
            var status = await StatusAsync(PutAsync(c, path, """{"n":2}""", ("If-None-Match", etag)));
            return $"{status}, {(await BodyAsync(c, path) == Doc ? "unchanged" : "changed")}";
        }),

        // ---- 13.1.3 If-Modified-Since ----
        new(Defects.IfModifiedSinceIgnored, "304", "200", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            return await StatusAsync(GetAsync(c, path, ("If-Modified-Since", HttpDate.Format(LastModified))));
        }),
        new(Defects.IfModifiedSincePresenceOnly, "earlier 200, invalid 200", "earlier 304, invalid 200", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            var earlier = await StatusAsync(GetAsync(c, path, ("If-Modified-Since", HttpDate.Format(LastModified.AddHours(-1)))));
            var invalid = await StatusAsync(GetAsync(c, path, ("If-Modified-Since", "yesterday")));
            return $"earlier {earlier}, invalid {invalid}";
        }),
        new(Defects.InvalidDateAsNow, "200", "304", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            return await StatusAsync(GetAsync(c, path, ("If-Modified-Since", "yesterday at noon")));
        }),
        new(Defects.IfModifiedSinceEvaluatedOnWrites, "204", "412", async c =>
        {
            var (path, etag) = await NewDocumentAsync(c);
            return await StatusAsync(PutAsync(c, path, Doc, ("If-Match", etag), ("If-Modified-Since", HttpDate.Format(LastModified.AddMinutes(1)))));
        }),

        // ---- 5.6.7 HTTP-date ----
        new(Defects.ImfFixdateOnly, "imf 304, rfc850 304, asctime 304", "imf 304, rfc850 200, asctime 200", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            var imf = await StatusAsync(GetAsync(c, path, ("If-Modified-Since", HttpDate.Format(LastModified))));
            var rfc850 = await StatusAsync(GetAsync(c, path, ("If-Modified-Since", HttpDate.FormatRfc850(LastModified))));
            var asctime = await StatusAsync(GetAsync(c, path, ("If-Modified-Since", HttpDate.FormatAsctime(LastModified))));
            return $"imf {imf}, rfc850 {rfc850}, asctime {asctime}";
        }),

        // ---- 13.1.4 If-Unmodified-Since ----
        new(Defects.IfUnmodifiedSinceIgnored, "412", "204", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            return await StatusAsync(PutAsync(c, path, Doc, ("If-Unmodified-Since", HttpDate.Format(LastModified.AddHours(-1)))));
        }),
        new(Defects.LastModifiedSubsecondComparison, "204", "412", async c =>
        {
            // The write happened half a second into the second its Last-Modified names.
            var (path, _) = await NewDocumentAsync(c);
            return await StatusAsync(PutAsync(c, path, Doc, ("If-Unmodified-Since", HttpDate.Format(LastModified))));
        }),
        new(Defects.InvalidDateFailsPrecondition, "204", "412", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            return await StatusAsync(PutAsync(c, path, Doc, ("If-Unmodified-Since", "not a date")));
        }),
        new(Defects.IfUnmodifiedSinceExactMatch, "later 204, equal 204", "later 412, equal 204", async c =>
        {
            // The fake clock stands still, so Last-Modified stays the same across the writes.
            var (path, _) = await NewDocumentAsync(c);
            var later = await StatusAsync(PutAsync(c, path, """{"n":2}""", ("If-Unmodified-Since", HttpDate.Format(LastModified.AddHours(1)))));
            var equal = await StatusAsync(PutAsync(c, path, """{"n":3}""", ("If-Unmodified-Since", HttpDate.Format(LastModified))));
            return $"later {later}, equal {equal}";
        }),
        new(Defects.IfUnmodifiedSinceFailsWithoutDate, "201 then 200", "412 then 404", async c =>
        {
            var path = NewPath();
            var put = await StatusAsync(PutAsync(c, path, Doc, ("If-Unmodified-Since", HttpDate.Format(LastModified.AddHours(-1)))));
            return $"{put} then {await StatusAsync(GetAsync(c, path))}";
        }),

        // ---- 13.1.5 If-Range ----
        new(Defects.IfRangeAlwaysFull, "206", "200", async c =>
        {
            var (path, etag) = await NewDocumentAsync(c);
            return await StatusAsync(GetAsync(c, path, ("Range", "bytes=0-3"), ("If-Range", etag)));
        }),
        new(Defects.IfRangeNotEvaluated, "200", "206", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            return await StatusAsync(GetAsync(c, path, ("Range", "bytes=0-3"), ("If-Range", Stale)));
        }),
        new(Defects.IfRangeWeakComparison, "200", "206", async c =>
        {
            var (path, etag) = await NewDocumentAsync(c);
            return await StatusAsync(GetAsync(c, path, ("Range", "bytes=0-3"), ("If-Range", Weak(etag))));
        }),
        new(Defects.IfRangeAsPrecondition, "alone 200, with Range 200, current 206", "alone 412, with Range 412, current 206", async c =>
        {
            var (path, etag) = await NewDocumentAsync(c);
            var alone = await StatusAsync(GetAsync(c, path, ("If-Range", Stale)));
            var withRange = await StatusAsync(GetAsync(c, path, ("Range", "bytes=0-3"), ("If-Range", Stale)));
            var current = await StatusAsync(GetAsync(c, path, ("Range", "bytes=0-3"), ("If-Range", etag)));
            return $"alone {alone}, with Range {withRange}, current {current}";
        }),

        // ---- 15.3.7 206 Partial Content ----
        new(Defects.PartialContentWithoutContentRange, "206 bytes 0-3/7", "206 none", async c =>
        {
            var (path, etag) = await NewDocumentAsync(c);
            using var partial = await GetAsync(c, path, ("Range", "bytes=0-3"), ("If-Range", etag));
            return $"{(int)partial.StatusCode} {Header(partial, "Content-Range") ?? "none"}";
        }),
        new(Defects.PartialContentWithoutETag, "206 has ETag, 200 has ETag", "206 no ETag, 200 has ETag", async c =>
        {
            var (path, etag) = await NewDocumentAsync(c);
            using var partial = await GetAsync(c, path, ("Range", "bytes=0-3"), ("If-Range", etag));
            using var whole = await GetAsync(c, path);
            return $"{(int)partial.StatusCode} {Has(partial, "ETag")}, {(int)whole.StatusCode} {Has(whole, "ETag")}";
        }),

        // ---- 15.4.5 304 Not Modified, 8.6 Content-Length ----
        new(Defects.NotModifiedWithoutCacheControl, "200 no-cache, 304 no-cache", "200 no-cache, 304 none", async c =>
        {
            var (path, etag) = await NewDocumentAsync(c);
            using var whole = await GetAsync(c, path);
            using var notModified = await GetAsync(c, path, ("If-None-Match", etag));
            return $"{(int)whole.StatusCode} {Header(whole, "Cache-Control") ?? "none"}, {(int)notModified.StatusCode} {Header(notModified, "Cache-Control") ?? "none"}";
        }),
        new(Defects.NotModifiedContentLengthZero, "304 without Content-Length", "304 Content-Length: 0", async c =>
        {
            var (path, etag) = await NewDocumentAsync(c);
            using var notModified = await GetAsync(c, path, ("If-None-Match", etag));
            return $"{(int)notModified.StatusCode} {(notModified.Content.Headers.Contains("Content-Length") ? $"Content-Length: {notModified.Content.Headers.ContentLength}" : "without Content-Length")}";
        }),

        // ---- 13.2.1 ----
        new(Defects.NotModifiedForMissing, "GET 404, HEAD 404, existing 304", "GET 304, HEAD 304, existing 304", async c =>
        {
            var path = NewPath();
            var get = await StatusAsync(GetAsync(c, path, ("If-None-Match", "*")));
            var head = await StatusAsync(SendAsync(c, HttpMethod.Head, path, headers: ("If-None-Match", "*")));
            var (existing, _) = await NewDocumentAsync(c);
            return $"GET {get}, HEAD {head}, existing {await StatusAsync(GetAsync(c, existing, ("If-None-Match", "*")))}";
        }),
        new(Defects.PreconditionsEvaluatedOnMissing, "GET 404, DELETE 404, plain GET 404", "GET 412, DELETE 412, plain GET 404", async c =>
        {
            var path = NewPath();
            var get = await StatusAsync(GetAsync(c, path, ("If-Match", Stale)));
            var delete = await StatusAsync(SendAsync(c, HttpMethod.Delete, path, headers: ("If-Match", Stale)));
            return $"GET {get}, DELETE {delete}, plain GET {await StatusAsync(GetAsync(c, path))}";
        }),

        // ---- 13.2.2 precedence ----
        new(Defects.IfUnmodifiedSinceEvaluatedWithIfMatch, "204", "412", async c =>
        {
            var (path, etag) = await NewDocumentAsync(c);
            return await StatusAsync(PutAsync(c, path, Doc, ("If-Match", etag), ("If-Unmodified-Since", HttpDate.Format(LastModified.AddHours(-1)))));
        }),
        new(Defects.IfModifiedSinceEvaluatedWithIfNoneMatch, "200", "304", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            return await StatusAsync(GetAsync(c, path, ("If-None-Match", Stale), ("If-Modified-Since", HttpDate.Format(LastModified))));
        }),
        new(Defects.IfNoneMatchEvaluatedFirst, "412", "304", async c =>
        {
            var (path, etag) = await NewDocumentAsync(c);
            return await StatusAsync(GetAsync(c, path, ("If-Match", Stale), ("If-None-Match", etag)));
        }),

        // ---- 8.8 validators, 9.3.4 PUT ----
        new(Defects.ETagNotSent, "GET has ETag, PUT has ETag", "GET no ETag, PUT no ETag", async c =>
        {
            var path = NewPath();
            using var put = await PutAsync(c, path, Doc);
            using var get = await GetAsync(c, path);
            return $"GET {Has(get, "ETag")}, PUT {Has(put, "ETag")}";
        }),
        new(Defects.UnquotedETag, "entity-tag", "bare 1-", async c =>
        {
            using var created = await PutAsync(c, NewPath(), Doc);
            var value = ETag(created);
            return EntityTag.TryParse(value, out _) ? "entity-tag" : $"bare {value[..2]}";
        }),
        new(Defects.ETagChangesEveryResponse, "same, 304", "different, 200", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            using var first = await GetAsync(c, path);
            using var second = await GetAsync(c, path);
            var conditional = await StatusAsync(GetAsync(c, path, ("If-None-Match", ETag(second))));
            return $"{(ETag(first) == ETag(second) ? "same" : "different")}, {conditional}";
        }),
        new(Defects.LastModifiedNotSent, "has Last-Modified", "no Last-Modified", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            using var get = await GetAsync(c, path);
            return Has(get, "Last-Modified");
        }),
        new(Defects.LastModifiedNotHttpDate, "Fri, 14 Mar 2025 09:26:53 GMT", "2025-03-14T09:26:53Z", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            using var get = await GetAsync(c, path);
            return Header(get, "Last-Modified") ?? "none";
        }),
        new(Defects.LastModifiedInFuture, "Last-Modified 0 s after Date", "Last-Modified 3600 s after Date", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            using var get = await GetAsync(c, path);
            var after = get.Content.Headers.LastModified!.Value - get.Headers.Date!.Value;
            return string.Create(CultureInfo.InvariantCulture, $"Last-Modified {after.TotalSeconds} s after Date");
        }),
        new(Defects.PutResponseOldETag, "new", "old", async c =>
        {
            var (path, etag) = await NewDocumentAsync(c);
            using var put = await PutAsync(c, path, """{"n":2}""", ("If-Match", etag));
            using var get = await GetAsync(c, path);
            return ETag(put) == ETag(get) ? "new" : ETag(put) == etag ? "old" : "other";
        }),

        // ---- 15.5.13 412 Precondition Failed ----
        new(Defects.PreconditionFailedButApplied, "PUT 412 unchanged, DELETE 412 still there", "PUT 412 changed, DELETE 412 gone", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            var put = await StatusAsync(PutAsync(c, path, """{"n":2}""", ("If-Match", Stale)));
            var content = await BodyAsync(c, path) == Doc ? "unchanged" : "changed";
            var delete = await StatusAsync(SendAsync(c, HttpMethod.Delete, path, headers: ("If-Match", Stale)));
            var after = await StatusAsync(GetAsync(c, path)) == "200" ? "still there" : "gone";
            return $"PUT {put} {content}, DELETE {delete} {after}";
        }),

        // ---- RFC 6585 section 3 (the server requires preconditions) ----
        new(Defects.PreconditionRequiredWithoutExplanation, "428 explained", "428 empty", async c =>
        {
            using var put = await PutAsync(c, NewPath(), Doc);
            var content = await put.Content.ReadAsStringAsync();
            return $"{(int)put.StatusCode} {(content.Contains("If-Match", StringComparison.Ordinal) ? "explained" : content.Length == 0 ? "empty" : "unexplained")}";
        }, RequirePreconditions: true),
        new(Defects.PreconditionRequiredIgnored, "PUT 428, DELETE 428", "PUT 204, DELETE 428", async c =>
        {
            var (path, _) = await NewDocumentAsync(c);
            var put = await StatusAsync(PutAsync(c, path, """{"n":2}"""));
            var delete = await StatusAsync(SendAsync(c, HttpMethod.Delete, path));
            return $"PUT {put}, DELETE {delete}";
        }, RequirePreconditions: true),
        new(Defects.PreconditionRequiredRejectsIfNoneMatchStar, "create 201, unconditional 428", "create 428, unconditional 428", async c =>
        {
            var path = NewPath();
            var create = await StatusAsync(PutAsync(c, path, Doc, ("If-None-Match", "*")));
            var unconditional = await StatusAsync(PutAsync(c, NewPath(), Doc));
            return $"create {create}, unconditional {unconditional}";
        }, RequirePreconditions: true),
        new(Defects.PreconditionRequiredDespiteIfMatch, "create 201, If-Match 204", "create 201, If-Match 428", async c =>
        {
            var path = NewPath();
            using var created = await PutAsync(c, path, Doc, ("If-None-Match", "*"));
            var replaced = await StatusAsync(PutAsync(c, path, """{"n":2}""", ("If-Match", ETag(created))));
            return $"create {(int)created.StatusCode}, If-Match {replaced}";
        }, RequirePreconditions: true),
    }.ToDictionary(row => row.Defect.Name, StringComparer.Ordinal);

    // Covered by DefectModeTests (and, for non-atomic-write, by a race there); the CORS defects by
    // Browser/CrossOriginTests, which compare their header lists with the correct server's.
    private static readonly string[] CoveredElsewhere =
    [
        "write-preconditions-ignored", "if-match-weak-comparison", "not-modified-without-etag",
        "not-modified-with-representation-metadata", "etag-unchanged-after-write", "non-atomic-write",
        "if-none-match-ignored-on-get", "cors-etag-not-exposed", "cors-if-match-not-allowed",
    ];

    public static TheoryData<string> DefectNames() => [.. Rows.Keys];

    [Theory]
    [MemberData(nameof(DefectNames))]
    public async Task Defect_changes_exactly_the_observed_answer(string name)
    {
        var row = Rows[name];
        await using var correct = await ServeAsync(DefectSet.None, row.RequirePreconditions);
        await using var defective = await ServeAsync(DefectSet.Of(row.Defect), row.RequirePreconditions);

        (await row.Probe(correct.Client)).ShouldBe(row.Correct, "without defects");
        (await row.Probe(defective.Client)).ShouldBe(row.Defective, $"with {name}");
    }

    [Fact]
    public void Every_defect_has_a_deviation_test()
    {
        Defects.All.Select(d => d.Name).Except(Rows.Keys).Except(CoveredElsewhere).ShouldBeEmpty();
        CoveredElsewhere.Intersect(Rows.Keys).ShouldBeEmpty();
    }

    private static async Task<(string Path, string ETag)> NewDocumentAsync(HttpClient client)
    {
        var path = NewPath();
        using var created = await PutAsync(client, path, Doc, ("If-None-Match", "*"));
        return (path, Header(created, "ETag") ?? string.Empty);
    }

    private static async Task<string> StatusAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        return ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
    }

    private static async Task<string> BodyAsync(HttpClient client, string path)
    {
        using var response = await GetAsync(client, path);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Has(HttpResponseMessage response, string field) =>
        Header(response, field) is null ? $"no {field}" : $"has {field}";

    private static async Task<Running> ServeAsync(DefectSet defects, bool requirePreconditions)
    {
        var server = await ServerHost.StartAsync(new ReferenceServerOptions
        {
            Defects = defects,
            RequirePreconditions = requirePreconditions,
            TimeProvider = new FakeTimeProvider(ServerFixture.Epoch),
        });
        return new Running(server);
    }

    private sealed record Row(Defect Defect, string Correct, string Defective, Func<HttpClient, Task<string>> Probe, bool RequirePreconditions = false);

    private sealed class Running(ServerHost server) : IAsyncDisposable
    {
        public HttpClient Client { get; } = new() { BaseAddress = server.BaseAddress };

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await server.DisposeAsync();
        }
    }
}
