using System.Globalization;

namespace ConformanceKit.Http;

/// <summary>
/// HTTP-date (RFC 9110 5.6.7). Senders generate IMF-fixdate only; recipients accept all three formats:
/// IMF-fixdate <c>Sun, 06 Nov 1994 08:49:37 GMT</c>, obsolete RFC 850 <c>Sunday, 06-Nov-94 08:49:37 GMT</c>
/// and asctime <c>Sun Nov  6 08:49:37 1994</c>. Dates are whole seconds in UTC.
/// </summary>
public static class HttpDate
{
    // Indexed by DayOfWeek (Sunday = 0).
    private static readonly string[] ShortDays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] LongDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>IMF-fixdate, the only format a sender may generate.</summary>
    public static string Format(DateTimeOffset value) =>
        Truncate(value).ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture);

    /// <summary>The obsolete asctime format (<c>Sun Nov  6 08:49:37 1994</c>), which recipients must still accept.</summary>
    public static string FormatAsctime(DateTimeOffset value)
    {
        var utc = Truncate(value);
        return string.Create(CultureInfo.InvariantCulture, $"{utc:ddd MMM} {utc.Day,2} {utc:HH:mm:ss yyyy}");
    }

    /// <summary>The obsolete RFC 850 format (<c>Sunday, 06-Nov-94 08:49:37 GMT</c>), which recipients must still accept.</summary>
    public static string FormatRfc850(DateTimeOffset value) =>
        Truncate(value).ToString("dddd, dd-MMM-yy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture);

    /// <summary>Drops sub-second precision: an HTTP-date cannot express it, so validators compare seconds.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <summary>Parses any of the three formats. <paramref name="now"/> resolves the two-digit year of the
    /// RFC 850 format: a timestamp more than 50 years after <paramref name="now"/> is taken as the most recent
    /// past year with the same last two digits, so the year is the latest one with those digits that puts the
    /// timestamp no more than 50 years ahead. The day name of an IMF-fixdate must be the day of its date
    /// (RFC 5322 3.3, of which IMF-fixdate is a subset); the obsolete formats are read without that check.</summary>
    public static bool TryParse(string? text, DateTimeOffset now, out DateTimeOffset value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        return TryParseImfFixdate(text, out value)
            || TryParseRfc850(text, now, out value)
            || TryParseAsctime(text, out value);
    }

    public static bool TryParse(string? text, out DateTimeOffset value) =>
        TryParse(text, TimeProvider.System.GetUtcNow(), out value);

    // Sun, 06 Nov 1994 08:49:37 GMT
    private static bool TryParseImfFixdate(string s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[25..] != " GMT")
        {
            return false;
        }

        var dayName = IndexOf(ShortDays, s[..3]);
        if (dayName >= 0
            && TryDigits(s, 5, 2, out var day)
            && TryMonth(s.Substring(8, 3), out var month)
            && TryDigits(s, 12, 4, out var year)
            && TryTime(s, 17, out var hour, out var minute, out var second)
            && TryBuild(year, month, day, hour, minute, second, out var date)
            && (int)date.DayOfWeek == dayName)
        {
            value = date;
            return true;
        }

        return false;
    }

    // Sunday, 06-Nov-94 08:49:37 GMT
    private static bool TryParseRfc850(string s, DateTimeOffset now, out DateTimeOffset value)
    {
        value = default;
        var comma = s.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || IndexOf(LongDays, s[..comma]) < 0)
        {
            return false;
        }

        var rest = s[(comma + 1)..];
        if (rest.Length != 23 || rest[0] != ' ' || rest[3] != '-' || rest[7] != '-' || rest[10] != ' ' || rest[19..] != " GMT")
        {
            return false;
        }

        if (!TryDigits(rest, 1, 2, out var day) || !TryMonth(rest.Substring(4, 3), out var month)
            || !TryDigits(rest, 8, 2, out var twoDigitYear) || !TryTime(rest, 11, out var hour, out var minute, out var second))
        {
            return false;
        }

        var year = ResolveTwoDigitYear(twoDigitYear, month, day, hour, minute, second, now.ToUniversalTime());
        return TryBuild(year, month, day, hour, minute, second, out value);
    }

    // RFC 9110 5.6.7: the latest year ending in these digits whose timestamp is not more than 50 years after now.
    // Compared field by field (not as DateTimeOffset) so that no candidate year can fall outside the calendar.
    private static int ResolveTwoDigitYear(int twoDigitYear, int month, int day, int hour, int minute, int second, DateTimeOffset utcNow)
    {
        var limit = (utcNow.Year + 50, utcNow.Month, utcNow.Day, utcNow.Hour, utcNow.Minute, utcNow.Second);
        var year = utcNow.Year - (utcNow.Year % 100) + 100 + twoDigitYear;
        while ((year, month, day, hour, minute, second).CompareTo(limit) > 0)
        {
            year -= 100;
        }

        return year;
    }

    // Sun Nov  6 08:49:37 1994
    private static bool TryParseAsctime(string s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length != 24 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[19] != ' ')
        {
            return false;
        }

        var dayText = s.Substring(8, 2);
        var day = 0;
        var dayOk = dayText[0] == ' ' ? TryDigits(dayText, 1, 1, out day) : TryDigits(dayText, 0, 2, out day);
        return IndexOf(ShortDays, s[..3]) >= 0
            && TryMonth(s.Substring(4, 3), out var month)
            && dayOk
            && TryTime(s, 11, out var hour, out var minute, out var second)
            && TryDigits(s, 20, 4, out var year)
            && TryBuild(year, month, day, hour, minute, second, out value);
    }

    private static bool TryTime(string s, int start, out int hour, out int minute, out int second)
    {
        minute = second = 0;
        return TryDigits(s, start, 2, out hour) && s[start + 2] == ':'
            && TryDigits(s, start + 3, 2, out minute) && s[start + 5] == ':'
            && TryDigits(s, start + 6, 2, out second);
    }

    private static bool TryMonth(string text, out int month)
    {
        month = IndexOf(Months, text) + 1;
        return month > 0;
    }

    private static bool TryDigits(string s, int start, int count, out int number)
    {
        number = 0;
        for (var i = start; i < start + count; i++)
        {
            if (i >= s.Length || s[i] < '0' || s[i] > '9')
            {
                return false;
            }

            number = (number * 10) + (s[i] - '0');
        }

        return true;
    }

    private static int IndexOf(string[] names, string text) => Array.IndexOf(names, text);

    private static bool TryBuild(int year, int month, int day, int hour, int minute, int second, out DateTimeOffset value)
    {
        value = default;
        // RFC 9110 allows second 60 (leap second) in the grammar; .NET cannot represent it, so it is clamped.
        if (year < 1 || year > 9999 || hour > 23 || minute > 59 || second > 60 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), TimeSpan.Zero);
        return true;
    }
}
