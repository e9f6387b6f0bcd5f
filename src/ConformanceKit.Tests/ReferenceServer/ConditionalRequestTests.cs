using System.Net;
using System.Text.Json;
using ConformanceKit.Http;
using static ConformanceKit.Tests.ReferenceServer.Exchange;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>RFC 9110 section 13 against a running reference server without defects.</summary>
public sealed class ConditionalRequestTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Stale = "\"0-stale\"";
    private readonly HttpClient client = fixture.Client;

    // ---- create / read / replace / delete ----

    [Fact]
    public async Task Put_creates_with_201_then_replaces_with_204_and_each_write_has_a_new_strong_etag()
    {
        var path = NewPath();
        using var created = await PutAsync(client, path, """{"a":1}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        Header(created, "Location").ShouldBe(path);
        var first = EntityTag.Parse(ETag(created));
        first.IsWeak.ShouldBeFalse();
        Header(created, "Last-Modified").ShouldNotBeNull();

        using var replaced = await PutAsync(client, path, """{"a":2}""");
        replaced.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var second = EntityTag.Parse(ETag(replaced));
        second.Matches(first, EntityTagComparison.Weak).ShouldBeFalse();

        using var read = await GetAsync(client, path);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await read.Content.ReadAsStringAsync()).ShouldBe("""{"a":2}""");
        ETag(read).ShouldBe(second.ToString());
    }

    [Fact]
    public async Task Get_sends_the_stored_bytes_with_validators_and_cache_metadata()
    {
        var path = NewPath();
        const string body = """{ "spaced" : [1, 2] }""";
        await CreateAsync(client, path, body);

        using var response = await GetAsync(client, path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe(body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        Header(response, "Cache-Control").ShouldBe("no-cache");
        Header(response, "Accept-Ranges").ShouldBe("bytes");
        HttpDate.TryParse(Header(response, "Last-Modified"), out var lastModified).ShouldBeTrue();
        HttpDate.TryParse(Header(response, "Date"), out var date).ShouldBeTrue();
        lastModified.ShouldBeLessThanOrEqualTo(date);
        lastModified.ShouldBe(HttpDate.Truncate(fixture.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Head_sends_the_get_headers_without_content()
    {
        var path = NewPath();
        var etag = await CreateAsync(client, path, """{"x":"0123456789"}""");

        using var head = await SendAsync(client, HttpMethod.Head, path);
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        ETag(head).ShouldBe(etag);
        head.Content.Headers.ContentLength.ShouldBe(18);
        head.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await head.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();

        using var notModified = await SendAsync(client, HttpMethod.Head, path, headers: ("If-None-Match", etag));
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Delete_removes_and_a_recreated_document_gets_a_different_etag()
    {
        var path = NewPath();
        var original = await CreateAsync(client, path, """{"same":true}""");
        using (var deleted = await SendAsync(client, HttpMethod.Delete, path))
        {
            deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using (var gone = await GetAsync(client, path))
        {
            gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using (var again = await SendAsync(client, HttpMethod.Delete, path))
        {
            again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var recreated = await CreateAsync(client, path, """{"same":true}""");
        recreated.ShouldNotBe(original);
    }

    [Fact]
    public async Task Post_creates_under_a_server_chosen_id_given_in_location()
    {
        using var created = await SendAsync(client, HttpMethod.Post, "/items", """{"posted":1}""");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var location = Header(created, "Location")!;
        location.ShouldStartWith("/items/");
        var etag = ETag(created);

        using var read = await GetAsync(client, location);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        ETag(read).ShouldBe(etag);
        (await read.Content.ReadAsStringAsync()).ShouldBe("""{"posted":1}""");
    }

    [Fact]
    public async Task Put_content_must_be_json_of_a_json_media_type()
    {
        var path = NewPath();
        using var invalid = await PutAsync(client, path, "{not json");
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        invalid.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await invalid.Content.ReadAsStringAsync()).ShouldContain("not valid JSON");

        using var duplicate = await PutAsync(client, path, """{"a":1,"a":2}""");
        duplicate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var text = await SendAsync(client, HttpMethod.Put, path, "{}", "text/plain");
        text.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);

        using var suffix = await SendAsync(client, HttpMethod.Put, path, "{}", "application/vnd.example+json");
        suffix.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var read = await GetAsync(client, path);
        read.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.example+json");
    }

    [Fact]
    public async Task Oversized_content_is_a_413_problem_not_a_server_error()
    {
        var path = NewPath();
        var huge = "[" + string.Join(",", Enumerable.Repeat("1234567", 200_000)) + "]";
        using var response = await PutAsync(client, path, huge);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        using var read = await GetAsync(client, path);
        read.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Merge_patch_applies_rfc_7396_and_answers_the_patched_document()
    {
        var path = NewPath();
        var before = await CreateAsync(client, path, """{"keep":1,"drop":2,"nested":{"a":1,"b":2},"list":[1,2]}""");

        using var patched = await SendAsync(
            client, HttpMethod.Patch, path, """{"drop":null,"nested":{"b":null,"c":3},"list":[9],"added":"x"}""", "application/merge-patch+json",
            ("If-Match", before));
        patched.StatusCode.ShouldBe(HttpStatusCode.OK);
        var etag = ETag(patched);
        etag.ShouldNotBe(before);
        Header(patched, "Content-Location").ShouldBe(path);
        using var document = JsonDocument.Parse(await patched.Content.ReadAsStringAsync());
        document.RootElement.GetRawText().ShouldBe("""{"keep":1,"nested":{"a":1,"c":3},"list":[9],"added":"x"}""");

        using var read = await GetAsync(client, path);
        ETag(read).ShouldBe(etag);
        (await read.Content.ReadAsStringAsync()).ShouldBe(document.RootElement.GetRawText());
    }

    [Fact]
    public async Task Patch_needs_the_merge_patch_media_type_and_an_existing_document()
    {
        var path = NewPath();
        await CreateAsync(client, path);
        using var wrongType = await SendAsync(client, HttpMethod.Patch, path, """{"n":2}""");
        wrongType.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        Header(wrongType, "Accept-Patch").ShouldBe("application/merge-patch+json");

        using var missing = await SendAsync(client, HttpMethod.Patch, NewPath(), """{"n":2}""", "application/merge-patch+json");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    // ---- If-Match (13.1.1) ----

    [Fact]
    public async Task If_match_with_the_current_etag_applies_and_with_a_stale_one_fails_with_412()
    {
        var path = NewPath();
        var etag = await CreateAsync(client, path);

        using var stale = await PutAsync(client, path, """{"n":2}""", ("If-Match", Stale));
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        stale.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await stale.Content.ReadAsStringAsync()).ShouldContain("If-Match");
        ETag(stale).ShouldBe(etag);

        using var current = await PutAsync(client, path, """{"n":3}""", ("If-Match", etag));
        current.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task If_match_never_matches_a_weak_tag_because_it_compares_strongly()
    {
        var path = NewPath();
        var etag = await CreateAsync(client, path);
        using var weak = await PutAsync(client, path, """{"n":2}""", ("If-Match", Weak(etag)));
        weak.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        using var read = await GetAsync(client, path);
        ETag(read).ShouldBe(etag);
    }

    [Fact]
    public async Task If_match_list_succeeds_when_any_member_matches()
    {
        var path = NewPath();
        var etag = await CreateAsync(client, path);
        using var response = await SendAsync(client, HttpMethod.Delete, path, headers: ("If-Match", $"{Stale}, {Weak(etag)},{etag}"));
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task If_match_star_requires_a_current_representation()
    {
        var path = NewPath();
        using (var onMissing = await PutAsync(client, path, "{}", ("If-Match", "*")))
        {
            onMissing.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        }

        using (var notCreated = await GetAsync(client, path))
        {
            notCreated.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using (var anyTagOnMissing = await PutAsync(client, path, "{}", ("If-Match", Stale)))
        {
            anyTagOnMissing.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        }

        await CreateAsync(client, path);
        using var onExisting = await PutAsync(client, path, "{}", ("If-Match", "*"));
        onExisting.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Precondition_on_get_if_match_false_is_412()
    {
        var path = NewPath();
        var etag = await CreateAsync(client, path);
        using var failed = await GetAsync(client, path, ("If-Match", Stale));
        failed.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        using var ok = await GetAsync(client, path, ("If-Match", etag));
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    // ---- If-None-Match (13.1.2) ----

    [Fact]
    public async Task If_none_match_on_get_answers_304_with_etag_and_without_representation_metadata()
    {
        var path = NewPath();
        var etag = await CreateAsync(client, path);

        using var response = await GetAsync(client, path, ("If-None-Match", etag));
        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        ETag(response).ShouldBe(etag);
        Header(response, "Cache-Control").ShouldBe("no-cache");
        Header(response, "Date").ShouldNotBeNull();
        Header(response, "Content-Type").ShouldBeNull();
        Header(response, "Last-Modified").ShouldBeNull();
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task If_none_match_compares_weakly_and_takes_lists_and_star()
    {
        var path = NewPath();
        var etag = await CreateAsync(client, path);

        foreach (var value in new[] { Weak(etag), $"{Stale}, {etag}", "*" })
        {
            using var response = await GetAsync(client, path, ("If-None-Match", value));
            response.StatusCode.ShouldBe(HttpStatusCode.NotModified, value);
        }

        using var changed = await GetAsync(client, path, ("If-None-Match", Stale));
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task If_none_match_star_on_put_creates_once_then_fails_with_412()
    {
        var path = NewPath();
        using var created = await PutAsync(client, path, """{"first":true}""", ("If-None-Match", "*"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var second = await PutAsync(client, path, """{"second":true}""", ("If-None-Match", "*"));
        second.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        using var read = await GetAsync(client, path);
        (await read.Content.ReadAsStringAsync()).ShouldBe("""{"first":true}""");
    }

    [Fact]
    public async Task Malformed_entity_tag_fields_are_400_and_change_nothing()
    {
        var path = NewPath();
        var etag = await CreateAsync(client, path);
        foreach (var (name, value) in new[] { ("If-Match", "unquoted"), ("If-Match", "\"a\", *"), ("If-None-Match", "W/x"), ("If-Match", "") })
        {
            using var response = await PutAsync(client, path, """{"changed":1}""", (name, value));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{name}: {value}");
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        using var read = await GetAsync(client, path);
        ETag(read).ShouldBe(etag);
    }

    // ---- date preconditions (13.1.3, 13.1.4) ----

    [Fact]
    public async Task If_unmodified_since_fails_when_modified_after_the_date_and_invalid_dates_are_ignored()
    {
        var path = NewPath();
        await CreateAsync(client, path);
        var lastModified = HttpDate.Truncate(fixture.Time.GetUtcNow());

        using var older = await PutAsync(client, path, """{"n":2}""", ("If-Unmodified-Since", HttpDate.Format(lastModified.AddSeconds(-1))));
        older.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        using var equal = await PutAsync(client, path, """{"n":3}""", ("If-Unmodified-Since", HttpDate.Format(lastModified)));
        equal.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        using var invalid = await PutAsync(client, path, """{"n":4}""", ("If-Unmodified-Since", "yesterday"));
        invalid.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task If_modified_since_answers_304_unless_modified_after_the_date()
    {
        var path = NewPath();
        await CreateAsync(client, path);
        var lastModified = HttpDate.Truncate(fixture.Time.GetUtcNow());

        using var same = await GetAsync(client, path, ("If-Modified-Since", HttpDate.Format(lastModified)));
        same.StatusCode.ShouldBe(HttpStatusCode.NotModified);

        using var older = await GetAsync(client, path, ("If-Modified-Since", HttpDate.Format(lastModified.AddSeconds(-1))));
        older.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var invalid = await GetAsync(client, path, ("If-Modified-Since", "not a date"));
        invalid.StatusCode.ShouldBe(HttpStatusCode.OK);

        // 13.1.3: ignored on methods other than GET and HEAD.
        using var put = await PutAsync(client, path, "{}", ("If-Modified-Since", HttpDate.Format(lastModified)));
        put.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Obsolete_date_formats_are_accepted()
    {
        var path = NewPath();
        await CreateAsync(client, path);
        var lastModified = HttpDate.Truncate(fixture.Time.GetUtcNow());
        var asctime = lastModified.ToString("ddd MMM d HH:mm:ss yyyy", System.Globalization.CultureInfo.InvariantCulture);
        if (lastModified.Day < 10)
        {
            asctime = asctime.Insert(8, " ");
        }

        using var response = await GetAsync(client, path, ("If-Modified-Since", asctime));
        response.StatusCode.ShouldBe(HttpStatusCode.NotModified, asctime);
    }

    // ---- precedence (13.2.2) and applicability (13.2.1) ----

    [Fact]
    public async Task If_match_takes_precedence_over_if_unmodified_since()
    {
        var path = NewPath();
        var etag = await CreateAsync(client, path);
        var longAgo = HttpDate.Format(ServerFixture.Epoch.AddYears(-10));
        var future = HttpDate.Format(ServerFixture.Epoch.AddYears(10));

        using var matchWins = await PutAsync(client, path, """{"n":2}""", ("If-Match", etag), ("If-Unmodified-Since", longAgo));
        matchWins.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        using var matchFails = await PutAsync(client, path, """{"n":3}""", ("If-Match", Stale), ("If-Unmodified-Since", future));
        matchFails.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task If_none_match_takes_precedence_over_if_modified_since()
    {
        var path = NewPath();
        var etag = await CreateAsync(client, path);
        var future = HttpDate.Format(fixture.Time.GetUtcNow().AddDays(1));
        var longAgo = HttpDate.Format(ServerFixture.Epoch.AddYears(-10));

        using var changed = await GetAsync(client, path, ("If-None-Match", Stale), ("If-Modified-Since", future));
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var unchanged = await GetAsync(client, path, ("If-None-Match", etag), ("If-Modified-Since", longAgo));
        unchanged.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Preconditions_are_ignored_when_the_response_would_be_an_error_anyway()
    {
        var missing = NewPath();
        using (var get = await GetAsync(client, missing, ("If-None-Match", "*")))
        {
            get.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using (var head = await SendAsync(client, HttpMethod.Head, missing, headers: ("If-Match", Stale)))
        {
            head.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using (var delete = await SendAsync(client, HttpMethod.Delete, missing, headers: ("If-Match", Stale)))
        {
            delete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using (var patch = await SendAsync(client, HttpMethod.Patch, missing, "{}", "application/merge-patch+json", ("If-Match", Stale)))
        {
            patch.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var existing = NewPath();
        await CreateAsync(client, existing);
        using var badJson = await PutAsync(client, existing, "{oops", ("If-Match", Stale));
        badJson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_preconditions_are_about_the_collection_which_has_no_representation()
    {
        using var ifMatch = await SendAsync(client, HttpMethod.Post, "/items", "{}", headers: ("If-Match", "*"));
        ifMatch.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        using var ifNoneMatch = await SendAsync(client, HttpMethod.Post, "/items", "{}", headers: ("If-None-Match", "*"));
        ifNoneMatch.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    // ---- Range and If-Range (13.1.5, 14) ----

    [Theory]
    [InlineData("bytes=0-3", 206, "bytes 0-3/12", "{\"k\"")]
    [InlineData("bytes=-4", 206, "bytes 8-11/12", "789}")]
    [InlineData("bytes=10-", 206, "bytes 10-11/12", "9}")]
    [InlineData("bytes=5-100", 206, "bytes 5-11/12", "456789}")]
    [InlineData("bytes=0-1,4-5", 200, null, "{\"k\":456789}")]
    [InlineData("bytes=5-2", 200, null, "{\"k\":456789}")]
    [InlineData("pages=1-2", 200, null, "{\"k\":456789}")]
    [InlineData("bytes=x-", 200, null, "{\"k\":456789}")]
    public async Task Range_serves_one_byte_range_and_otherwise_the_whole_document(string range, int status, string? contentRange, string body)
    {
        var path = NewPath();
        await CreateAsync(client, path, """{"k":456789}""");
        using var response = await GetAsync(client, path, ("Range", range));
        ((int)response.StatusCode).ShouldBe(status);
        Header(response, "Content-Range").ShouldBe(contentRange);
        (await response.Content.ReadAsStringAsync()).ShouldBe(body);
    }

    [Fact]
    public async Task Unsatisfiable_range_is_416_with_the_current_length()
    {
        var path = NewPath();
        await CreateAsync(client, path, """{"k":456789}""");
        using var response = await GetAsync(client, path, ("Range", "bytes=12-"));
        response.StatusCode.ShouldBe(HttpStatusCode.RequestedRangeNotSatisfiable);
        Header(response, "Content-Range").ShouldBe("bytes */12");
    }

    [Fact]
    public async Task If_range_with_the_current_strong_etag_gives_206_and_with_a_stale_or_weak_one_the_full_200()
    {
        var path = NewPath();
        var etag = await CreateAsync(client, path, """{"k":456789}""");

        using var match = await GetAsync(client, path, ("Range", "bytes=0-3"), ("If-Range", etag));
        match.StatusCode.ShouldBe(HttpStatusCode.PartialContent);

        foreach (var validator in new[] { Stale, Weak(etag), "garbage" })
        {
            using var full = await GetAsync(client, path, ("Range", "bytes=0-3"), ("If-Range", validator));
            full.StatusCode.ShouldBe(HttpStatusCode.OK, validator);
            (await full.Content.ReadAsStringAsync()).ShouldBe("""{"k":456789}""");
        }

        using var withoutRange = await GetAsync(client, path, ("If-Range", etag));
        withoutRange.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task If_range_with_a_date_matches_only_an_exact_last_modified_at_least_a_second_old()
    {
        var path = NewPath();
        await CreateAsync(client, path, """{"k":456789}""");
        var lastModified = HttpDate.Format(fixture.Time.GetUtcNow());

        // Same second as Date: Last-Modified is only a weak validator (8.8.2.2), so the range is ignored.
        using var tooFresh = await GetAsync(client, path, ("Range", "bytes=0-3"), ("If-Range", lastModified));
        tooFresh.StatusCode.ShouldBe(HttpStatusCode.OK);

        fixture.Time.Advance(TimeSpan.FromSeconds(2));
        using var strong = await GetAsync(client, path, ("Range", "bytes=0-3"), ("If-Range", lastModified));
        strong.StatusCode.ShouldBe(HttpStatusCode.PartialContent);

        var later = HttpDate.Format(fixture.Time.GetUtcNow());
        using var notExact = await GetAsync(client, path, ("Range", "bytes=0-3"), ("If-Range", later));
        notExact.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_304_wins_over_a_range()
    {
        var path = NewPath();
        var etag = await CreateAsync(client, path);
        using var response = await GetAsync(client, path, ("Range", "bytes=0-1"), ("If-None-Match", etag));
        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    // ---- time ----

    [Fact]
    public async Task Last_modified_follows_the_injected_clock_and_is_never_after_date()
    {
        var path = NewPath();
        await CreateAsync(client, path);
        fixture.Time.Advance(TimeSpan.FromMinutes(3));
        using var replaced = await PutAsync(client, path, """{"n":2}""");
        HttpDate.TryParse(Header(replaced, "Last-Modified"), out var lastModified).ShouldBeTrue();
        HttpDate.TryParse(Header(replaced, "Date"), out var date).ShouldBeTrue();
        lastModified.ShouldBe(HttpDate.Truncate(fixture.Time.GetUtcNow()));
        lastModified.ShouldBeLessThanOrEqualTo(date);
    }

    // ---- the rest of the surface ----

    [Fact]
    public async Task Static_resource_is_read_only_text_with_validators()
    {
        using var response = await GetAsync(client, "/static/hello.txt");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        var etag = EntityTag.Parse(ETag(response));
        etag.IsWeak.ShouldBeFalse();
        Header(response, "Last-Modified").ShouldBe(HttpDate.Format(ServerFixture.Epoch));

        using var notModified = await GetAsync(client, "/static/hello.txt", ("If-None-Match", etag.ToString()));
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);

        using var put = await PutAsync(client, "/static/hello.txt", "{}");
        put.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        Header(put, "Allow").ShouldBe("GET, HEAD");
    }

    [Fact]
    public async Task Unknown_paths_are_404_and_unsupported_methods_405_with_allow()
    {
        using (var health = await GetAsync(client, "/"))
        {
            health.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using (var unknown = await GetAsync(client, "/nowhere"))
        {
            unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using (var nested = await GetAsync(client, "/items/a/b"))
        {
            nested.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using (var post = await SendAsync(client, HttpMethod.Post, NewPath(), "{}"))
        {
            post.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
            Header(post, "Allow").ShouldBe("GET, HEAD, PUT, PATCH, DELETE");
        }

        using var list = await GetAsync(client, "/items");
        list.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        Header(list, "Allow").ShouldBe("POST");
    }

    [Fact]
    public async Task Racing_if_match_writes_over_http_have_exactly_one_winner()
    {
        var path = NewPath();
        var etag = await CreateAsync(client, path);
        var writes = Enumerable.Range(0, 32).Select(async i =>
        {
            using var response = await PutAsync(client, path, $$"""{"writer":{{i}}}""", ("If-Match", etag));
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(writes);
        statuses.Count(s => s == HttpStatusCode.NoContent).ShouldBe(1);
        statuses.Count(s => s == HttpStatusCode.PreconditionFailed).ShouldBe(31);
    }
}
