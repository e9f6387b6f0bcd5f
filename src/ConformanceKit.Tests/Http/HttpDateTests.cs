using ConformanceKit.Http;

namespace ConformanceKit.Tests.Http;

/// <summary>HTTP-date (RFC 9110 5.6.7): senders generate IMF-fixdate; recipients accept IMF-fixdate,
/// RFC 850 and asctime.</summary>
public sealed class HttpDateTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RfcExample = new(1994, 11, 6, 8, 49, 37, TimeSpan.Zero);

    [Theory]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT")]   // IMF-fixdate
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT")]  // obsolete RFC 850
    [InlineData("Sun Nov  6 08:49:37 1994")]        // ANSI C asctime()
    public void The_three_formats_of_the_RFC_example_are_the_same_instant(string text)
    {
        HttpDate.TryParse(text, Now, out var value).ShouldBeTrue();

        value.ShouldBe(RfcExample);
        value.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("Wed Nov 16 08:49:37 1994", 16)]
    [InlineData("Sun Nov 06 08:49:37 1994", 6)]     // 2DIGIT is allowed as well as SP DIGIT
    public void Asctime_accepts_a_two_digit_day(string text, int day)
    {
        HttpDate.TryParse(text, Now, out var value).ShouldBeTrue();

        value.ShouldBe(new DateTimeOffset(1994, 11, day, 8, 49, 37, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("Tue, 29 Feb 2000 00:00:00 GMT", 2000, 2, 29)]   // leap year (divisible by 400)
    [InlineData("Mon, 01 Jan 0001 00:00:00 GMT", 1, 1, 1)]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT", 9999, 12, 31)]
    public void Imf_fixdate_accepts_calendar_edges(string text, int year, int month, int day)
    {
        HttpDate.TryParse(text, Now, out var value).ShouldBeTrue();

        value.Date.ShouldBe(new DateTime(year, month, day));
    }

    [Fact]
    public void A_leap_second_is_read_as_the_last_second_of_the_minute()
    {
        HttpDate.TryParse("Sat, 31 Dec 2016 23:59:60 GMT", Now, out var value).ShouldBeTrue();

        value.ShouldBe(new DateTimeOffset(2016, 12, 31, 23, 59, 59, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("Mon Nov  6 08:49:37 1994")]
    [InlineData("Monday, 06-Nov-94 08:49:37 GMT")]
    public void The_obsolete_formats_are_read_without_checking_the_day_name(string text)
    {
        // Only IMF-fixdate inherits RFC 5322's rule that the day name is the day of the date.
        HttpDate.TryParse(text, Now, out var value).ShouldBeTrue();

        value.ShouldBe(RfcExample);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("Sux, 06 Nov 1994 08:49:37 GMT")]        // not a day name
    [InlineData("sun, 06 Nov 1994 08:49:37 GMT")]        // day names are case-sensitive
    [InlineData("Mon, 06 Nov 1994 08:49:37 GMT")]        // 6 Nov 1994 was a Sunday
    [InlineData("Sunday, 06 Nov 1994 08:49:37 GMT")]     // long day name in IMF-fixdate
    [InlineData("Sun, 06-Nov-94 08:49:37 GMT")]          // short day name in RFC 850
    [InlineData("Sunday Nov  6 08:49:37 1994")]          // long day name in asctime
    [InlineData("Sun, 06 Foo 1994 08:49:37 GMT")]        // bad month
    [InlineData("Sun, 06 nov 1994 08:49:37 GMT")]        // month names are case-sensitive
    [InlineData("Sun, 06 November 1994 08:49:37 GMT")]
    [InlineData("Sunday, 06-Foo-94 08:49:37 GMT")]
    [InlineData("Sun Foo  6 08:49:37 1994")]
    [InlineData("Wed, 30 Feb 1994 08:49:37 GMT")]        // no such day
    [InlineData("Thu, 29 Feb 1900 08:49:37 GMT")]        // 1900 is not a leap year
    [InlineData("Sun, 31 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun, 00 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun Feb 30 08:49:37 1994")]
    [InlineData("Sun, 06 Nov 1994 24:00:00 GMT")]        // hour 24
    [InlineData("Sun, 06 Nov 1994 08:60:00 GMT")]
    [InlineData("Sun, 06 Nov 1994 08:49:61 GMT")]
    [InlineData("Sunday, 06-Nov-94 24:00:00 GMT")]
    [InlineData("Sun Nov  6 24:00:00 1994")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 gmt")]        // GMT is case-sensitive
    [InlineData("Sunday, 06-Nov-94 08:49:37 gmt")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT ")]       // trailing space
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT  ")]
    [InlineData(" Sun, 06 Nov 1994 08:49:37 GMT")]       // leading space
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT ")]
    [InlineData("Sun Nov  6 08:49:37 1994 ")]
    [InlineData("Sun, 06 Nov 1994 08:49:37")]            // missing GMT
    [InlineData("Sunday, 06-Nov-94 08:49:37")]
    [InlineData("Sun Nov  6 08:49:37 1994 GMT")]         // asctime has no zone
    [InlineData("Sun, 06 Nov 1994 08:49:37 +0000")]      // numeric zone
    [InlineData("Sun, 06 Nov 1994 08:49:37 UTC")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 UT ")]
    [InlineData("Sun, 6 Nov 1994 08:49:37 GMT")]         // day must be two digits
    [InlineData("Sun, 06 Nov 94 08:49:37 GMT")]          // year must be four digits
    [InlineData("Sunday, 06-Nov-1994 08:49:37 GMT")]     // RFC 850 year is two digits
    [InlineData("Sun Nov 6 08:49:37 1994")]              // asctime pads a one-digit day with a space
    [InlineData("Sun, 06 Nov 1994 8:49:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 08.49.37 GMT")]
    [InlineData("Sun,06 Nov 1994 08:49:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT\r\n")]
    [InlineData("1994-11-06T08:49:37Z")]                  // ISO 8601 is not an HTTP-date
    public void TryParse_rejects_an_invalid_date(string text)
    {
        HttpDate.TryParse(text, Now, out var value).ShouldBeFalse();
        value.ShouldBe(default);
    }

    [Fact]
    public void TryParse_rejects_null()
    {
        HttpDate.TryParse(null, Now, out _).ShouldBeFalse();
        HttpDate.TryParse(null, out _).ShouldBeFalse();
    }

    [Fact]
    public void TryParse_without_now_reads_an_imf_fixdate()
    {
        HttpDate.TryParse("Sun, 06 Nov 1994 08:49:37 GMT", out var value).ShouldBeTrue();

        value.ShouldBe(RfcExample);
    }

    [Theory]
    [InlineData(1994, 11, 6, 8, 49, 37, 0, "Sun, 06 Nov 1994 08:49:37 GMT")]
    [InlineData(2030, 1, 1, 0, 0, 0, 0, "Tue, 01 Jan 2030 00:00:00 GMT")]
    [InlineData(2016, 12, 31, 23, 59, 59, 999, "Sat, 31 Dec 2016 23:59:59 GMT")]
    public void Format_writes_imf_fixdate(int year, int month, int day, int hour, int minute, int second, int millisecond, string expected)
    {
        var value = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero);

        HttpDate.Format(value).ShouldBe(expected);
    }

    [Fact]
    public void Format_converts_to_gmt()
    {
        var value = new DateTimeOffset(1994, 11, 6, 1, 49, 37, TimeSpan.FromHours(-7));

        HttpDate.Format(value).ShouldBe("Sun, 06 Nov 1994 08:49:37 GMT");
    }

    public static TheoryData<DateTimeOffset> Instants => new()
    {
        RfcExample,
        new DateTimeOffset(2025, 6, 15, 12, 34, 56, 789, TimeSpan.Zero).AddTicks(1234),
        new DateTimeOffset(2024, 2, 29, 23, 59, 59, 999, TimeSpan.FromHours(5.5)),
        new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero),
        DateTimeOffset.MinValue,
        DateTimeOffset.MaxValue,
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public void Format_then_TryParse_gives_back_the_instant_to_the_second(DateTimeOffset instant)
    {
        var text = HttpDate.Format(instant);

        text.Length.ShouldBe(29);
        HttpDate.TryParse(text, Now, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(HttpDate.Truncate(instant));
        parsed.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Truncate_drops_sub_seconds_and_returns_utc()
    {
        var value = new DateTimeOffset(2025, 6, 15, 14, 34, 56, 789, TimeSpan.FromHours(2)).AddTicks(1234);

        var truncated = HttpDate.Truncate(value);

        truncated.ShouldBe(new DateTimeOffset(2025, 6, 15, 12, 34, 56, TimeSpan.Zero));
        truncated.Offset.ShouldBe(TimeSpan.Zero);
        truncated.Ticks.ShouldBe(new DateTime(2025, 6, 15, 12, 34, 56).Ticks);
    }

    [Fact]
    public void Truncate_keeps_a_whole_second()
    {
        HttpDate.Truncate(RfcExample).ShouldBe(RfcExample);
    }
}
