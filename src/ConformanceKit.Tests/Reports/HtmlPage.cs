using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceKit.Tests.Reports;

/// <summary>Assertions on a rendered report page as text: its CSP, its one script, its links.</summary>
internal static partial class HtmlPage
{
    /// <summary>The page has exactly one script element, and the CSP allows exactly that script by its hash and
    /// nothing else: no 'unsafe-inline' or host for scripts, no load of any kind.</summary>
    public static void ShouldHaveOnlyItsOwnScript(string html)
    {
        var scripts = Script().Matches(html);
        scripts.Count.ShouldBe(1, "the page's own filter script only");
        Regex.Count(html, "<script", RegexOptions.IgnoreCase).ShouldBe(1, "no other script element, not even an escaped one gone wrong");
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(scripts[0].Groups[1].Value)));
        var csp = Csp().Match(html);
        csp.Success.ShouldBeTrue("a Content-Security-Policy meta");
        var policy = csp.Groups[1].Value;
        policy.ShouldContain("default-src 'none'");
        policy.ShouldContain($"script-src 'sha256-{hash}'");
        var scriptSrc = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        scriptSrc.ShouldBe($"script-src 'sha256-{hash}'", "the hash alone: no 'unsafe-inline', no host");
        policy.ShouldNotContain("http");
    }

    /// <summary>Every href: a fragment, a relative page of the report, or the RFC text.</summary>
    public static IReadOnlyList<string> Links(string html) => Href().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex Script();

    [GeneratedRegex("<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">")]
    private static partial Regex Csp();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();
}
