using ConformanceKit.Http;

namespace ConformanceKit.Tests.Http;

/// <summary>RFC 9110 8.8.3: <c>entity-tag = [ weak ] opaque-tag</c>, <c>weak = %s"W/"</c>,
/// <c>opaque-tag = DQUOTE *etagc DQUOTE</c>, <c>etagc = %x21 / %x23-7E / obs-text</c>.</summary>
public sealed class EntityTagParsingTests
{
    public static TheoryData<string, bool, string> ValidTags => new()
    {
        { "\"xyzzy\"", false, "xyzzy" },
        { "W/\"xyzzy\"", true, "xyzzy" },
        { "\"\"", false, "" },
        { "W/\"\"", true, "" },
        // Every visible ASCII character except DQUOTE; backslash is an ordinary etagc (no escaping).
        { "\"!#$%&'()*+,-./0123456789:;<=>?@AZ[\\]^_`az{|}~\"", false, "!#$%&'()*+,-./0123456789:;<=>?@AZ[\\]^_`az{|}~" },
        { "\"a,b\"", false, "a,b" },
        { "\"W/\"", false, "W/" },
        { "W/\"W/1\"", true, "W/1" },
        // obs-text: %x80-FF.
        { "\"caf\u00e9\"", false, "caf\u00e9" },
        { "W/\"\u0080\u00ff\"", true, "\u0080\u00ff" },
    };

    public static TheoryData<string?> InvalidTags => new()
    {
        null,
        "",
        "xyzzy",                 // missing quotes
        "\"xyzzy",               // unterminated
        "xyzzy\"",               // no opening quote
        "W/xyzzy",               // weak prefix without quotes
        "'xyzzy'",               // single quotes
        "\"xy\"zzy\"",           // embedded DQUOTE
        "w/\"xyzzy\"",           // weak indicator is case-sensitive
        "W\"xyzzy\"",            // incomplete weak indicator
        "W/W/\"xyzzy\"",         // doubled weak indicator
        "W/",                    // weak indicator alone
        "W/\"",                  // weak indicator and a lone quote
        "\"",                    // lone quote
        " \"xyzzy\"",            // leading space
        "\"xyzzy\" ",            // trailing space
        "\"xy zzy\"",            // space inside
        "W/ \"xyzzy\"",          // space after the weak indicator
        "\"xyzzy\"abc",          // trailing garbage
        "\"a\",\"b\"",           // a list is not one tag
        "\"a\tb\"",              // HTAB
        "\"a\u0000b\"",          // NUL
        "\"a\u001fb\"",          // unit separator
        "\"a\u007fb\"",          // DEL
        "\"a\r\nb\"",            // CRLF
        "\"\u20ac\"",            // beyond obs-text (U+20AC)
        "\"\u0100\"",            // first code point after obs-text
    };

    [Theory]
    [MemberData(nameof(ValidTags))]
    public void TryParse_accepts_a_valid_entity_tag(string input, bool isWeak, string opaque)
    {
        EntityTag.TryParse(input, out var tag).ShouldBeTrue();

        tag.IsWeak.ShouldBe(isWeak);
        tag.Opaque.ShouldBe(opaque);
    }

    [Theory]
    [MemberData(nameof(ValidTags))]
    public void ToString_round_trips_a_valid_entity_tag(string input, bool isWeak, string opaque)
    {
        var tag = EntityTag.Parse(input);

        tag.ToString().ShouldBe(input);
        EntityTag.Parse(tag.ToString()).ShouldBe(tag);
        (isWeak ? EntityTag.Weak(opaque) : EntityTag.Strong(opaque)).ToString().ShouldBe(input);
    }

    [Theory]
    [MemberData(nameof(InvalidTags))]
    public void TryParse_rejects_an_invalid_entity_tag(string? input)
    {
        EntityTag.TryParse(input, out _).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(InvalidTags))]
    public void Parse_throws_FormatException_for_an_invalid_entity_tag(string? input)
    {
        Should.Throw<FormatException>(() => EntityTag.Parse(input!));
    }

    [Theory]
    [InlineData("a\"b")]
    [InlineData("a b")]
    [InlineData("a\u0001")]
    [InlineData("\u007f")]
    [InlineData("\u20ac")]
    public void Factories_reject_characters_that_are_not_etagc(string opaque)
    {
        Should.Throw<ArgumentException>(() => EntityTag.Strong(opaque));
        Should.Throw<ArgumentException>(() => EntityTag.Weak(opaque));
    }

    [Fact]
    public void Factories_reject_null()
    {
        Should.Throw<ArgumentNullException>(() => EntityTag.Strong(null!));
        Should.Throw<ArgumentNullException>(() => EntityTag.Weak(null!));
    }
}
