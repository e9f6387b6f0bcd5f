using ConformanceKit.Http;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Tests.Scenarios;

/// <summary>Placeholders in scenario strings: what each one fills in, and how a missing value fails.</summary>
public sealed class TemplateTests
{
    private const int Seed = 1234;
    private const string ScenarioId = "if-match-current-etag";
    private const string LastModified = "Sun, 06 Nov 1994 08:49:37 GMT";
    private static readonly DateTimeOffset Now = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static TemplateContext Context(int seed = Seed, string scenarioId = ScenarioId) =>
        new(seed, scenarioId, "/items/ck-42", new DocumentFactory(seed, scenarioId), Now);

    private static string Fill(string text, TemplateContext? context = null) => Template.Fill(text, context ?? Context());

    [Fact]
    public void Resource_is_the_scenario_resource_path()
    {
        Fill("{resource}").ShouldBe("/items/ck-42");
        Fill("{resource}?v=1").ShouldBe("/items/ck-42?v=1");
    }

    [Fact]
    public void Collection_is_the_targets_collection_and_without_one_the_check_does_not_apply()
    {
        Fill("{collection}", new TemplateContext(Seed, ScenarioId, "/items/ck-42", new DocumentFactory(Seed, ScenarioId), Now, "/items")).ShouldBe("/items");

        var missing = Should.Throw<TemplateException>(() => Fill("{collection}"));
        missing.MissingCapture.ShouldBeTrue();
        missing.Message.ShouldBe("{collection} has no value: the target sets no resource.collection");
        Template.CaptureReferences("{collection}").ShouldBeEmpty();
    }

    [Fact]
    public void A_capture_fills_its_value_among_literal_text()
    {
        var context = Context();
        context.Set("etag", "\"v1\"");
        context.Set("lm", LastModified);

        Template.Fill("{etag}, W/{etag} since {lm}", context).ShouldBe($"\"v1\", W/\"v1\" since {LastModified}");
    }

    [Fact]
    public void A_later_capture_replaces_an_earlier_one()
    {
        var context = Context();
        context.Set("etag", "\"v1\"");
        context.Set("etag", "\"v2\"");

        Template.Fill("{etag}", context).ShouldBe("\"v2\"");
    }

    [Theory]
    [InlineData("""{"a":{"b":1}}""")]
    [InlineData("""{ "title": "x", "tags": [] }""")]
    [InlineData("{}")]
    [InlineData("{1}")]
    [InlineData("{ resource }")]
    [InlineData("{resource")]
    [InlineData("resource}")]
    [InlineData("{-x}")]
    public void Braces_that_are_not_placeholders_stay_literal(string text)
    {
        Fill(text).ShouldBe(text);
    }

    [Fact]
    public void A_placeholder_inside_a_json_body_is_filled_and_the_json_braces_are_kept()
    {
        var context = Context();
        context.Set("etag", "\"v1\"");

        Template.Fill("""{"expected":"{etag}","path":"{resource}","n":{"x":1}}""", context)
            .ShouldBe("""{"expected":""v1"","path":"/items/ck-42","n":{"x":1}}""");
    }

    [Fact]
    public void A_document_is_the_same_for_the_same_seed_scenario_and_name()
    {
        var first = Fill("{doc:a}", Context());
        var again = Fill("{doc:a}", Context());

        again.ShouldBe(first);
        Fill("{doc:a}{doc:a}").ShouldBe(first + first);
    }

    [Fact]
    public void A_document_differs_by_seed_scenario_and_name()
    {
        var document = Fill("{doc:a}");

        Fill("{doc:a}", Context(seed: Seed + 1)).ShouldNotBe(document);
        Fill("{doc:a}", Context(scenarioId: "another-scenario")).ShouldNotBe(document);
        Fill("{doc:b}").ShouldNotBe(document);
    }

    [Fact]
    public void A_document_placeholder_is_the_factory_document()
    {
        var context = Context();

        Template.Fill("{doc:initial}", context).ShouldBe(context.Documents.Get("initial"));
        new DocumentFactory(Seed, ScenarioId).Get("initial").ShouldBe(context.Documents.Get("initial"));
    }

    [Fact]
    public void A_slice_is_a_range_of_the_document()
    {
        var context = Context();
        var document = context.Documents.Get("initial");

        Template.Fill("{slice:initial:0:10}", context).ShouldBe(document[..10]);
        Template.Fill("{slice:initial:5:3}", context).ShouldBe(document.Substring(5, 3));
    }

    [Fact]
    public void A_slice_past_the_end_is_cut_at_the_end()
    {
        var context = Context();
        var document = context.Documents.Get("initial");

        Template.Fill($"{{slice:initial:{document.Length - 4}:100}}", context).ShouldBe(document[^4..]);
        Template.Fill($"{{slice:initial:{document.Length + 10}:5}}", context).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("\"abc\"", "{weak:etag}", "W/\"abc\"")]
    [InlineData("W/\"abc\"", "{weak:etag}", "W/\"abc\"")]
    [InlineData("\"abc\"", "{strong:etag}", "\"abc\"")]
    [InlineData("W/\"abc\"", "{strong:etag}", "\"abc\"")]
    [InlineData(" W/\"\" ", "{strong:etag}", "\"\"")]
    public void Weak_and_strong_rewrite_a_captured_entity_tag(string captured, string placeholder, string expected)
    {
        var context = Context();
        context.Set("etag", captured);

        Template.Fill(placeholder, context).ShouldBe(expected);
    }

    [Fact]
    public void Weak_of_a_value_that_is_not_an_entity_tag_is_an_error()
    {
        var context = Context();
        context.Set("etag", "abc");

        var error = Should.Throw<TemplateException>(() => Template.Fill("{weak:etag}", context));

        error.Message.ShouldBe("{weak:etag}: captured value 'abc' is not an entity-tag");
        error.MissingCapture.ShouldBeFalse();
    }

    [Theory]
    [InlineData("{date:lm}", "Sun, 06 Nov 1994 08:49:37 GMT")]
    [InlineData("{date:lm:-3600}", "Sun, 06 Nov 1994 07:49:37 GMT")]
    [InlineData("{date:lm:+86400}", "Mon, 07 Nov 1994 08:49:37 GMT")]
    [InlineData("{date:now}", "Sun, 15 Jun 2025 12:00:00 GMT")]
    [InlineData("{date:now:+60}", "Sun, 15 Jun 2025 12:01:00 GMT")]
    [InlineData("{date:now:-1}", "Sun, 15 Jun 2025 11:59:59 GMT")]
    [InlineData("{asctime:lm}", "Sun Nov  6 08:49:37 1994")]
    [InlineData("{rfc850:lm}", "Sunday, 06-Nov-94 08:49:37 GMT")]
    [InlineData("{asctime:lm:-3600}", "Sun Nov  6 07:49:37 1994")]
    [InlineData("{rfc850:lm:+86400}", "Monday, 07-Nov-94 08:49:37 GMT")]
    public void Dates_are_shifted_and_reformatted(string placeholder, string expected)
    {
        var context = Context();
        context.Set("lm", LastModified);

        Template.Fill(placeholder, context).ShouldBe(expected);
    }

    [Theory]
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT")]
    [InlineData("Sun Nov  6 08:49:37 1994")]
    public void A_date_captured_in_an_obsolete_format_is_reformatted(string captured)
    {
        var context = Context();
        context.Set("lm", captured);

        Template.Fill("{date:lm:+1}", context).ShouldBe("Sun, 06 Nov 1994 08:49:38 GMT");
        Template.Fill("{asctime:lm}", context).ShouldBe("Sun Nov  6 08:49:37 1994");
    }

    [Theory]
    [InlineData("{date:lm}")]
    [InlineData("{asctime:lm}")]
    [InlineData("{rfc850:lm}")]
    public void A_captured_value_that_is_not_a_date_is_an_error(string placeholder)
    {
        var context = Context();
        context.Set("lm", "yesterday");

        var error = Should.Throw<TemplateException>(() => Template.Fill(placeholder, context));

        error.Message.ShouldBe($"{placeholder}: captured value 'yesterday' is not an HTTP-date");
    }

    [Fact]
    public void Other_etag_is_a_strong_entity_tag_stable_per_scenario()
    {
        var text = Fill("{other-etag}");

        EntityTag.TryParse(text, out var tag).ShouldBeTrue(text);
        tag.IsWeak.ShouldBeFalse();
        Fill("{other-etag}").ShouldBe(text);
        Fill("{other-etag}", Context(scenarioId: "another-scenario")).ShouldNotBe(text);
    }

    [Theory]
    [InlineData("{etag}")]
    [InlineData("{weak:etag}")]
    [InlineData("{strong:etag}")]
    [InlineData("{date:etag:+1}")]
    public void A_capture_that_found_nothing_fails_as_missing_with_its_reason(string placeholder)
    {
        var context = Context();
        context.Set("etag", "\"v1\"");
        context.SetMissing("etag", "the response to step 1 had no ETag header");

        var error = Should.Throw<TemplateException>(() => Template.Fill($"If-Match: {placeholder}", context));

        error.MissingCapture.ShouldBeTrue();
        error.Message.ShouldBe("{etag} has no value: the response to step 1 had no ETag header");
    }

    [Fact]
    public void A_capture_set_after_it_was_missing_has_its_value()
    {
        var context = Context();
        context.SetMissing("etag", "no ETag");
        context.Set("etag", "\"v2\"");

        Template.Fill("{etag}", context).ShouldBe("\"v2\"");
    }

    [Theory]
    [InlineData("{nothing}", "{nothing} was never captured")]
    [InlineData("{weak:nothing}", "{nothing} was never captured")]
    [InlineData("{rfc850:nothing}", "{nothing} was never captured")]
    public void A_name_that_was_never_captured_is_not_a_missing_capture(string placeholder, string message)
    {
        var error = Should.Throw<TemplateException>(() => Fill(placeholder));

        error.MissingCapture.ShouldBeFalse();
        error.Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("{etag}", new[] { "etag" })]
    [InlineData("{weak:etag} {strong:tag2}", new[] { "etag", "tag2" })]
    [InlineData("{date:lm:-1} {asctime:lm} {rfc850:d}", new[] { "lm", "lm", "d" })]
    [InlineData("{date:now:+5} {resource} {doc:a} {slice:a:0:1} {other-etag}", new string[0])]
    [InlineData("""{"a":{"b":1}}""", new string[0])]
    public void Capture_references_name_only_captures(string text, string[] names)
    {
        Template.CaptureReferences(text).ShouldBe(names);
    }

    [Theory]
    [InlineData("{etag} {resource} {doc:a} {slice:a:0:10} {weak:e} {strong:e} {date:now} {date:lm:-5} {asctime:lm} {rfc850:lm} {other-etag}", null)]
    [InlineData("""{"a":{"b":1}}""", null)]
    [InlineData("{sha:etag}", "{sha:etag}")]
    [InlineData("{date}", null)]
    [InlineData("{doc:}", "{doc:}")]
    [InlineData("{slice:a:1}", "{slice:a:1}")]
    [InlineData("{slice:a:x:1}", "{slice:a:x:1}")]
    [InlineData("{slice:a:-1:5}", "{slice:a:-1:5}")]
    [InlineData("{slice:a:0:-1}", "{slice:a:0:-1}")]
    [InlineData("{date:lm:+5:x}", "{date:lm:+5:x}")]
    [InlineData("{date:lm:later}", "{date:lm:later}")]
    [InlineData("ok {etag} then {other-etag:1}", "{other-etag:1}")]
    public void Syntax_problems_name_the_placeholder(string text, string? placeholder)
    {
        var problem = Template.SyntaxProblem(text);

        if (placeholder is null)
        {
            problem.ShouldBeNull();
        }
        else
        {
            problem.ShouldNotBeNull().ShouldStartWith($"placeholder {placeholder} is not one of");
        }
    }
}
