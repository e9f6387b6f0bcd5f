using System.Text;
using ConformanceKit.Http;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Tests.Scenarios;

/// <summary>Judging a response against a step's expectation: status, then headers in order, then the body;
/// the first expectation that does not hold is the one reported, with what was expected and what came.</summary>
public sealed class ExpectationEvaluatorTests
{
    private const string ImfDate = "Sun, 06 Nov 1994 08:49:37 GMT";
    private static readonly DateTimeOffset Now = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static TemplateContext Context()
    {
        var context = new TemplateContext(7, "evaluator", "/items/e-1", new DocumentFactory(7, "evaluator"), Now);
        context.Set("etag", "\"v1\"");
        return context;
    }

    private static ScenarioStep Step(StatusExpectation? status = null, HeaderExpectation[]? headers = null, BodyExpectation? body = null) =>
        new(3, "B", new RequestTemplate("PUT", "{resource}", [new HeaderTemplate("If-Match", "{etag}")], "{doc:b}", null), [], Expectation.None, new Expectation(status, headers ?? [], body), "$.scenarios[0].steps[2]");

    private static RecordedResponse Response(int status = 200, string body = "", params (string Name, string Value)[] headers) =>
        new(status, "Reason", "1.1", headers.Select(h => new HeaderLine(h.Name, h.Value)).ToList(), body, Encoding.UTF8.GetByteCount(body), BodyTruncated: false);

    private static Checks.ExpectationFailure? Evaluate(ScenarioStep step, RecordedResponse response) =>
        ExpectationEvaluator.Evaluate(step, response, Context());

    private static StatusExpectation Codes(params int[] codes) => new(codes, []);

    private static StatusExpectation Classes(params int[] classes) => new([], classes);

    [Fact]
    public void An_empty_expectation_always_holds()
    {
        Evaluate(Step(), Response(500, "boom")).ShouldBeNull();
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(204, true)]
    [InlineData(201, false)]
    [InlineData(304, false)]
    public void Exact_status_codes(int actual, bool holds)
    {
        var failure = Evaluate(Step(Codes(200, 204)), Response(actual));

        if (holds)
        {
            failure.ShouldBeNull();
        }
        else
        {
            failure.ShouldNotBeNull().Subject.ShouldBe("status");
            failure.Expected.ShouldBe("200 or 204");
            failure.Actual.ShouldBe(actual.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, true)]
    [InlineData(299, true)]
    [InlineData(199, false)]
    [InlineData(304, false)]
    [InlineData(412, false)]
    public void Status_classes(int actual, bool holds)
    {
        var failure = Evaluate(Step(Classes(2)), Response(actual));

        (failure is null).ShouldBe(holds);
    }

    [Fact]
    public void A_status_failure_describes_codes_and_classes()
    {
        var failure = Evaluate(Step(new StatusExpectation([412], [2])), Response(304)).ShouldNotBeNull();

        failure.Step.ShouldBe(3);
        failure.StepLabel.ShouldBe("B PUT {resource} If-Match");
        failure.Subject.ShouldBe("status");
        failure.Expected.ShouldBe("412 or 2xx");
        failure.Actual.ShouldBe("304");
        failure.Describe().ShouldBe("step 3 (B PUT {resource} If-Match): status: expected 412 or 2xx, got 304");
    }

    /// <param name="value">The response's only header (named <c>ETag</c>), or null for none.</param>
    [Theory]
    [InlineData(HeaderCondition.Present, "\"x\"", true)]
    [InlineData(HeaderCondition.Present, "", true)]
    [InlineData(HeaderCondition.Present, null, false)]
    [InlineData(HeaderCondition.Absent, null, true)]
    [InlineData(HeaderCondition.Absent, "\"x\"", false)]
    [InlineData(HeaderCondition.EntityTag, "\"x\"", true)]
    [InlineData(HeaderCondition.EntityTag, "W/\"x\"", true)]
    [InlineData(HeaderCondition.EntityTag, "  \"x\"  ", true)]
    [InlineData(HeaderCondition.EntityTag, "x", false)]
    [InlineData(HeaderCondition.EntityTag, "\"a\", \"b\"", false)]
    [InlineData(HeaderCondition.EntityTag, null, false)]
    [InlineData(HeaderCondition.StrongEntityTag, "\"x\"", true)]
    [InlineData(HeaderCondition.StrongEntityTag, "W/\"x\"", false)]
    [InlineData(HeaderCondition.StrongEntityTag, "x", false)]
    [InlineData(HeaderCondition.StrongEntityTag, null, false)]
    [InlineData(HeaderCondition.HttpDate, ImfDate, true)]
    [InlineData(HeaderCondition.HttpDate, "Sunday, 06-Nov-94 08:49:37 GMT", true)]
    [InlineData(HeaderCondition.HttpDate, "Sun Nov  6 08:49:37 1994", true)]
    [InlineData(HeaderCondition.HttpDate, "1994-11-06T08:49:37Z", false)]
    [InlineData(HeaderCondition.HttpDate, null, false)]
    public void Header_conditions(HeaderCondition condition, string? value, bool holds)
    {
        var response = value is null ? Response() : Response(200, string.Empty, ("ETag", value));

        var failure = Evaluate(Step(headers: [new HeaderExpectation("ETag", condition, null)]), response);

        if (holds)
        {
            failure.ShouldBeNull();
        }
        else
        {
            failure.ShouldNotBeNull().Subject.ShouldBe("ETag");
        }
    }

    [Fact]
    public void Header_names_are_case_insensitive_and_field_lines_are_joined()
    {
        var response = Response(200, string.Empty, ("vary", "Accept"), ("VARY", "Accept-Encoding"));

        Evaluate(Step(headers: [new HeaderExpectation("Vary", HeaderCondition.Equals, "Accept, Accept-Encoding")]), response).ShouldBeNull();
    }

    [Theory]
    [InlineData(HeaderCondition.Present, "X-Missing", "the header present", "no such header")]
    [InlineData(HeaderCondition.Absent, "ETag", "no such header", "'\"v1\"'")]
    [InlineData(HeaderCondition.EntityTag, "Last-Modified", "one valid entity-tag (RFC 9110 8.8.3)", "'" + ImfDate + "'")]
    [InlineData(HeaderCondition.StrongEntityTag, "X-Weak", "one strong entity-tag", "'W/\"v1\"'")]
    [InlineData(HeaderCondition.HttpDate, "ETag", "an HTTP-date (RFC 9110 5.6.7)", "'\"v1\"'")]
    [InlineData(HeaderCondition.HttpDate, "X-Missing", "an HTTP-date (RFC 9110 5.6.7)", "no such header")]
    public void A_header_failure_says_what_was_expected_and_what_came(HeaderCondition condition, string name, string expected, string actual)
    {
        var response = Response(200, string.Empty, ("ETag", "\"v1\""), ("Last-Modified", ImfDate), ("X-Weak", "W/\"v1\""));

        var failure = Evaluate(Step(headers: [new HeaderExpectation(name, condition, null)]), response).ShouldNotBeNull();

        failure.Subject.ShouldBe(name);
        failure.Expected.ShouldBe(expected);
        failure.Actual.ShouldBe(actual);
    }

    [Theory]
    [InlineData("\"v1\"", null)]
    [InlineData("\"v2\"", "'\"v2\"'")]
    [InlineData(null, "no such header")]
    public void Header_equals_fills_templates(string? etag, string? actual)
    {
        var response = etag is null ? Response() : Response(200, string.Empty, ("ETag", etag));

        var failure = Evaluate(Step(headers: [new HeaderExpectation("ETag", HeaderCondition.Equals, "{etag}")]), response);

        if (actual is null)
        {
            failure.ShouldBeNull();
        }
        else
        {
            failure.ShouldNotBeNull().Expected.ShouldBe("'\"v1\"'");
            failure.Actual.ShouldBe(actual);
        }
    }

    [Theory]
    [InlineData("\"v2\"", null)]
    [InlineData("\"v1\"", "'\"v1\"'")]
    [InlineData(null, "no such header")]
    public void Header_not_equals_needs_the_header_with_another_value(string? etag, string? actual)
    {
        var response = etag is null ? Response() : Response(200, string.Empty, ("ETag", etag));

        var failure = Evaluate(Step(headers: [new HeaderExpectation("ETag", HeaderCondition.NotEquals, "{etag}")]), response);

        if (actual is null)
        {
            failure.ShouldBeNull();
        }
        else
        {
            failure.ShouldNotBeNull().Expected.ShouldBe("present and not '\"v1\"'");
            failure.Actual.ShouldBe(actual);
        }
    }

    [Fact]
    public void Empty_and_not_empty_bodies()
    {
        var empty = new BodyExpectation(BodyCondition.Empty, null);
        var notEmpty = new BodyExpectation(BodyCondition.NotEmpty, null);

        Evaluate(Step(body: empty), Response(204)).ShouldBeNull();
        Evaluate(Step(body: notEmpty), Response(200, "x")).ShouldBeNull();

        var failure = Evaluate(Step(body: empty), Response(200, "hello")).ShouldNotBeNull();
        failure.Subject.ShouldBe("body");
        failure.Expected.ShouldBe("no content");
        failure.Actual.ShouldBe("5 bytes: hello");

        failure = Evaluate(Step(body: notEmpty), Response(200)).ShouldNotBeNull();
        failure.Expected.ShouldBe("some content");
        failure.Actual.ShouldBe("no content");
    }

    [Fact]
    public void Body_length_counts_bytes_received_beyond_the_kept_excerpt()
    {
        var truncated = new RecordedResponse(200, "OK", "1.1", [], string.Empty, 4096, BodyTruncated: true);

        Evaluate(Step(body: new BodyExpectation(BodyCondition.NotEmpty, null)), truncated).ShouldBeNull();
        Evaluate(Step(body: new BodyExpectation(BodyCondition.Empty, null)), truncated).ShouldNotBeNull().Actual.ShouldStartWith("4096 bytes");
    }

    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{"a":1,"b":[1,2]}""")]
    [InlineData("""{"a":1,"b":[1,2]}""", """{ "b" : [ 1, 2 ],  "a" : 1 }""")]
    [InlineData("""{"a":1,"b":[1,2]}""", "{\n  \"a\": 1,\n  \"b\": [1, 2]\n}\n")]
    [InlineData("hello world", "hello world")]
    public void Bodies_that_are_equal(string expected, string actual)
    {
        Evaluate(Step(body: new BodyExpectation(BodyCondition.Equals, expected)), Response(200, actual)).ShouldBeNull();
        ExpectationEvaluator.SameContent(expected, actual).ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{"a":1,"b":[2,1]}""")]
    [InlineData("""{"a":1}""", """{"a":"1"}""")]
    [InlineData("""{"a":1}""", """{"a":1,"c":null}""")]
    [InlineData("hello world", "hello world ")]
    [InlineData("hello world", "Hello world")]
    [InlineData("""{"a":1}""", "not json")]
    [InlineData("""{"a":1}""", "")]
    public void Bodies_that_differ(string expected, string actual)
    {
        var failure = Evaluate(Step(body: new BodyExpectation(BodyCondition.Equals, expected)), Response(200, actual)).ShouldNotBeNull();

        failure.Subject.ShouldBe("body");
        failure.Expected.ShouldBe(expected);
        ExpectationEvaluator.SameContent(expected, actual).ShouldBeFalse();
    }

    [Fact]
    public void Body_equals_fills_a_generated_document_and_accepts_it_reserialised()
    {
        var context = Context();
        var document = context.Documents.Get("b");
        using var parsed = System.Text.Json.JsonDocument.Parse(document);
        var indented = System.Text.Json.JsonSerializer.Serialize(parsed.RootElement, Indented);

        ExpectationEvaluator.Evaluate(Step(body: new BodyExpectation(BodyCondition.Equals, "{doc:b}")), Response(200, indented), context).ShouldBeNull();
        ExpectationEvaluator.Evaluate(Step(body: new BodyExpectation(BodyCondition.Equals, "{doc:a}")), Response(200, indented), context)
            .ShouldNotBeNull().Subject.ShouldBe("body");
    }

    [Fact]
    public void Body_not_equals()
    {
        var expectation = new BodyExpectation(BodyCondition.NotEquals, """{"v":1}""");

        Evaluate(Step(body: expectation), Response(200, """{"v":2}""")).ShouldBeNull();
        var failure = Evaluate(Step(body: expectation), Response(200, """{ "v": 1 }""")).ShouldNotBeNull();
        failure.Expected.ShouldBe("""anything but {"v":1}""");
        failure.Actual.ShouldBe("""10 bytes: { "v": 1 }""");
    }

    [Fact]
    public void A_long_body_is_shown_as_an_excerpt()
    {
        var body = new string('x', 500);

        var failure = Evaluate(Step(body: new BodyExpectation(BodyCondition.Empty, null)), Response(200, body)).ShouldNotBeNull();

        failure.Actual.ShouldBe("500 bytes: " + new string('x', 117) + "...");
    }

    [Fact]
    public void Status_is_reported_before_headers_and_body()
    {
        var step = Step(Codes(200), [new HeaderExpectation("ETag", HeaderCondition.Present, null)], new BodyExpectation(BodyCondition.NotEmpty, null));

        var failure = Evaluate(step, Response(412)).ShouldNotBeNull();

        failure.Subject.ShouldBe("status");
        failure.Expected.ShouldBe("200");
        failure.Actual.ShouldBe("412");
    }

    [Fact]
    public void Headers_are_reported_before_the_body_and_in_their_order()
    {
        var step = Step(
            Codes(200),
            [
                new HeaderExpectation("Content-Type", HeaderCondition.Present, null),
                new HeaderExpectation("ETag", HeaderCondition.StrongEntityTag, null),
                new HeaderExpectation("Last-Modified", HeaderCondition.HttpDate, null),
            ],
            new BodyExpectation(BodyCondition.Empty, null));

        var failure = Evaluate(step, Response(200, "not empty", ("Content-Type", "text/plain"), ("ETag", "W/\"1\""))).ShouldNotBeNull();

        failure.Subject.ShouldBe("ETag");
        failure.Expected.ShouldBe("one strong entity-tag");
        failure.Actual.ShouldBe("'W/\"1\"'");
    }

    [Fact]
    public void The_body_is_reported_when_status_and_headers_hold()
    {
        var step = Step(Classes(2), [new HeaderExpectation("ETag", HeaderCondition.EntityTag, null)], new BodyExpectation(BodyCondition.Equals, "expected"));

        var failure = Evaluate(step, Response(201, "actual", ("ETag", "\"1\""))).ShouldNotBeNull();

        failure.Subject.ShouldBe("body");
        failure.Expected.ShouldBe("expected");
        failure.Actual.ShouldBe("6 bytes: actual");
    }

    [Fact]
    public void An_assumption_is_judged_by_the_same_rules_as_an_expectation()
    {
        var assume = new Expectation(null, [new HeaderExpectation("ETag", HeaderCondition.StrongEntityTag, null)], null);
        var step = Step(Codes(200)) with { Assume = assume };
        var weak = Response(200, string.Empty, ("ETag", "W/\"1\""));

        Evaluate(step, weak).ShouldBeNull();   // the step's own expectation holds
        var failure = ExpectationEvaluator.Evaluate(step, step.Assume, weak, Context()).ShouldNotBeNull();
        failure.Subject.ShouldBe("ETag");
        failure.Expected.ShouldBe("one strong entity-tag");
        ExpectationEvaluator.Evaluate(step, step.Assume, Response(200, string.Empty, ("ETag", "\"1\"")), Context()).ShouldBeNull();
    }

    [Fact]
    public void A_missing_capture_in_an_expectation_surfaces_as_a_template_exception()
    {
        var context = Context();
        context.SetMissing("lm", "no Last-Modified in step 1");
        var step = Step(headers: [new HeaderExpectation("Last-Modified", HeaderCondition.Equals, "{lm}")]);

        var error = Should.Throw<TemplateException>(() => ExpectationEvaluator.Evaluate(step, Response(200, string.Empty, ("Last-Modified", ImfDate)), context));

        error.MissingCapture.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("\"v1\"", true)]
    [InlineData("\"v2\"", false)]
    public void Equals_if_present_accepts_absence_or_the_value(string? actual, bool holds)
    {
        var response = actual is null ? Response() : Response(200, "", ("ETag", actual));

        var failure = Evaluate(Step(headers: [new HeaderExpectation("ETag", HeaderCondition.EqualsIfPresent, "{etag}")]), response);

        (failure is null).ShouldBe(holds);
        if (!holds)
        {
            failure!.Expected.ShouldBe("no such header, or '\"v1\"'");
        }
    }

    [Theory]
    [InlineData("Sun, 06 Nov 1994 08:49:36 GMT", true)]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT", true)]
    [InlineData("Sun, 06 Nov 1994 08:49:38 GMT", false)]
    [InlineData("yesterday", false)]
    [InlineData(null, false)]
    public void Not_after_compares_http_dates(string? lastModified, bool holds)
    {
        var response = lastModified is null ? Response(200, "", ("Date", ImfDate)) : Response(200, "", ("Date", ImfDate), ("Last-Modified", lastModified));
        var context = Context();
        context.Set("date", ImfDate);
        var step = Step(headers: [new HeaderExpectation("Last-Modified", HeaderCondition.NotAfter, "{date}")]);

        var failure = ExpectationEvaluator.Evaluate(step, response, context);

        (failure is null).ShouldBe(holds);
    }

    [Fact]
    public void Not_after_a_value_that_is_no_date_is_a_scenario_error()
    {
        var step = Step(headers: [new HeaderExpectation("Last-Modified", HeaderCondition.NotAfter, "not a date")]);

        Should.Throw<TemplateException>(() => Evaluate(step, Response(200, "", ("Last-Modified", ImfDate))))
            .MissingCapture.ShouldBeFalse();
    }
}
