using ConformanceKit.Http;

namespace ConformanceKit.Tests.Http;

/// <summary>RFC 9110 5.6.7: "Recipients of a timestamp value in rfc850-date format, which uses a two-digit
/// year, MUST interpret a timestamp that appears to be more than 50 years in the future as representing the
/// most recent year in the past that had the same last two digits." So the year is the latest one with those
/// digits that puts the timestamp no more than 50 years after <c>now</c>.</summary>
public sealed class HttpDateRfc850YearTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        // now (UTC, round-trip format), RFC 850 date, expected instant
        { "2025-06-15T12:00:00Z", "Sunday, 06-Nov-94 08:49:37 GMT", "1994-11-06T08:49:37Z" },
        { "2025-06-15T12:00:00Z", "Sunday, 15-Jun-25 12:00:00 GMT", "2025-06-15T12:00:00Z" },
        { "2025-06-15T12:00:00Z", "Tuesday, 01-Jan-30 00:00:00 GMT", "2030-01-01T00:00:00Z" },
        { "2025-06-15T12:00:00Z", "Tuesday, 29-Feb-00 00:00:00 GMT", "2000-02-29T00:00:00Z" },

        // Exactly 50 years ahead is not "more than 50 years"; one second later is.
        { "2025-06-15T12:00:00Z", "Saturday, 15-Jun-75 12:00:00 GMT", "2075-06-15T12:00:00Z" },
        { "2025-06-15T12:00:00Z", "Sunday, 15-Jun-75 12:00:01 GMT", "1975-06-15T12:00:01Z" },

        // The same text on both sides of the boundary, moving now by one second.
        { "2025-06-15T11:59:59Z", "Saturday, 15-Jun-75 12:00:00 GMT", "1975-06-15T12:00:00Z" },
        { "2025-12-31T23:59:59Z", "Thursday, 01-Jan-76 00:00:00 GMT", "1976-01-01T00:00:00Z" },
        { "2026-01-01T00:00:00Z", "Thursday, 01-Jan-76 00:00:00 GMT", "2076-01-01T00:00:00Z" },

        // Across a century: a year just after the turn is in the near future, not a century ago.
        { "1999-12-31T23:59:59Z", "Friday, 31-Dec-99 23:59:59 GMT", "1999-12-31T23:59:59Z" },
        { "1999-12-31T23:59:59Z", "Monday, 01-Jan-01 00:00:00 GMT", "2001-01-01T00:00:00Z" },
        { "1999-12-31T23:59:59Z", "Friday, 31-Dec-49 23:59:59 GMT", "2049-12-31T23:59:59Z" },
        { "1999-12-31T23:59:59Z", "Sunday, 01-Jan-50 00:00:00 GMT", "1950-01-01T00:00:00Z" },
        { "2099-06-01T00:00:00Z", "Tuesday, 01-Mar-01 00:00:00 GMT", "2101-03-01T00:00:00Z" },

        // now is compared in UTC: 01:00 on 1 Jan 2026 at +02:00 is still 2025 in UTC.
        { "2026-01-01T01:00:00+02:00", "Thursday, 01-Jan-76 00:00:00 GMT", "1976-01-01T00:00:00Z" },

        // The last representable year.
        { "9999-12-31T23:59:59Z", "Friday, 31-Dec-99 23:59:59 GMT", "9999-12-31T23:59:59Z" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_two_digit_year_is_read_relative_to_now(string now, string text, string expected)
    {
        HttpDate.TryParse(text, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), out var value)
            .ShouldBeTrue();

        value.ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        value.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z", "Sunday, 06-Nov-94 08:49:37 GMT")]   // the past year would be before year 1
    [InlineData("9990-01-01T00:00:00Z", "Sunday, 06-Nov-10 08:49:37 GMT")]   // the near-future year would be 10010
    [InlineData("2125-06-01T00:00:00Z", "Monday, 29-Feb-00 00:00:00 GMT")]   // resolves to 2100, not a leap year
    public void A_year_outside_the_calendar_is_rejected_without_throwing(string now, string text)
    {
        HttpDate.TryParse(text, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), out _)
            .ShouldBeFalse();
    }
}
