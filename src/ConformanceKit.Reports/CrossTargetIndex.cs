using System.Globalization;
using System.Text;
using System.Text.Json;
using ConformanceKit.Checks;
using ConformanceKit.Reports.Html;

namespace ConformanceKit.Reports;

/// <summary>
/// Writes <c>reports/index.html</c>, the cross-target index: from every <c>reports/*/results.json</c> present,
/// one row per target (kind, defects, when, tool version, counts, gate) and the compliance matrix, checks x
/// targets, each cell linking to the check in that target's page. The run command rewrites it after every
/// run, so running several targets one after the other builds up the matrix. A results.json that cannot be
/// read is named on the page, not fatal. Everything read from the files is escaped like target text.
/// </summary>
public static class CrossTargetIndex
{
    public const string FileName = "index.html";

    /// <summary>Reads every <c>*/results.json</c> under <paramref name="reportRoot"/> and writes its index.html.
    /// Returns the index's path.</summary>
    public static string Write(string reportRoot)
    {
        ArgumentNullException.ThrowIfNull(reportRoot);
        var (runs, unreadable) = Read(reportRoot);
        var path = Path.Combine(reportRoot, FileName);
        ReportFile.WriteText(path, Render(runs, unreadable, LoadPages(reportRoot)));
        return path;
    }

    /// <summary>The folders under <paramref name="reportRoot"/> that hold a load report (<c>load.html</c>), in folder order.</summary>
    public static IReadOnlyList<string> LoadPages(string reportRoot)
    {
        ArgumentNullException.ThrowIfNull(reportRoot);
        return Directory.Exists(reportRoot)
            ? [.. Directory.GetDirectories(reportRoot).Order(StringComparer.Ordinal).Where(f => File.Exists(Path.Combine(f, LoadPageName))).Select(Path.GetFileName).OfType<string>()]
            : [];
    }

    /// <summary>The load report's file name in a target's folder.</summary>
    public const string LoadPageName = "load.html";

    /// <summary>The runs found under <paramref name="reportRoot"/> in folder order, and the files that could not be read.</summary>
    public static (IReadOnlyList<TargetRun> Runs, IReadOnlyList<string> Unreadable) Read(string reportRoot)
    {
        ArgumentNullException.ThrowIfNull(reportRoot);
        var runs = new List<TargetRun>();
        var unreadable = new List<string>();
        if (!Directory.Exists(reportRoot))
        {
            return (runs, unreadable);
        }

        foreach (var folder in Directory.GetDirectories(reportRoot).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, "results.json");
            if (!File.Exists(file))
            {
                continue;
            }

            try
            {
                runs.Add(TargetRun.Parse(Path.GetFileName(folder), File.ReadAllText(file)));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or IOException)
            {
                unreadable.Add($"{Path.GetFileName(folder)}/results.json: {e.Message}");
            }
        }

        return (runs, unreadable);
    }

    /// <param name="loadPages">Folders holding a load report (<see cref="LoadPages"/>), linked in a section of their own.</param>
    public static string Render(IReadOnlyList<TargetRun> runs, IReadOnlyList<string> unreadable, IReadOnlyList<string>? loadPages = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(unreadable);
        var html = new StringBuilder();
        ReportPage.Begin(html, "ConformanceKit: all targets");
        html.Append("<header><h1>Conditional requests (RFC 9110 section 13): all targets</h1>\n<div class=\"meta\">")
            .Append(HtmlText.Number(runs.Count)).Append(runs.Count == 1 ? " target" : " targets")
            .Append(", from the results.json of each folder here; every run of <code>conformancekit run</code> rewrites this page.</div></header>\n");
        html.Append("<section id=\"targets\"><h2>Targets</h2>\n<table><tr><th scope=\"col\">target</th><th scope=\"col\">kind</th><th scope=\"col\">started</th><th scope=\"col\">tool</th>")
            .Append("<th scope=\"col\" class=\"num\">pass</th><th scope=\"col\" class=\"num\">fail</th><th scope=\"col\" class=\"num\">warn</th><th scope=\"col\" class=\"num\">info</th><th scope=\"col\" class=\"num\">skip</th><th scope=\"col\" class=\"num\">error</th><th scope=\"col\">gate</th></tr>\n");
        foreach (var run in runs)
        {
            html.Append("<tr><th scope=\"row\"><a href=\"").Append(HtmlText.Encode(run.PageHref)).Append("\">").Append(HtmlText.Encode(run.Target)).Append("</a></th><td>")
                .Append(HtmlText.Encode(run.TargetKind)).Append(run.Defects.Count > 0 ? "<br><small>defects: " + HtmlText.Encode(string.Join(", ", run.Defects)) + "</small>" : string.Empty).Append("</td><td>")
                .Append(HtmlText.Encode(run.StartedAt)).Append("</td><td>").Append(HtmlText.Encode(run.ToolVersion)).Append("</td>");
            foreach (var verdict in new[] { "pass", "fail", "warn", "info", "skip", "error" })
            {
                html.Append("<td class=\"num\">").Append(HtmlText.Number(run.Checks.Count(c => c.Verdict == verdict))).Append("</td>");
            }

            html.Append("<td>").Append(run.Conformant ? "<span class=\"gate ok\">conformant</span>" : "<span class=\"gate no\">not conformant</span>")
                .Append(" <small>(").Append(HtmlText.Encode(run.Gate)).Append(")</small></td></tr>\n");
        }

        html.Append("</table>\n");
        foreach (var problem in unreadable)
        {
            html.Append("<p class=\"meta\">Not shown, could not be read: ").Append(HtmlText.Encode(problem)).Append("</p>\n");
        }

        html.Append("</section>\n");
        FilterBar.Write(html, runs.SelectMany(r => r.Checks).Select(c => c.Info.Section), "fail or error on any target");
        html.Append("<section id=\"matrix\"><h2>Compliance matrix</h2>\n");
        var columns = runs.Select(r => new MatrixColumn(r.Target, r.PageHref)).ToList();
        var rows = runs.SelectMany(r => r.Checks).GroupBy(c => c.Info.Id, StringComparer.Ordinal).Select(g => new MatrixRow(
            g.First().Info,
            runs.Select(r => r.Checks.FirstOrDefault(c => c.Info.Id == g.Key) is { } c ? new MatrixCell(c.Verdict, c.Message, r.PageHref + "#" + Uri.EscapeDataString(c.Info.Id), c.Failing) : null).ToList())).ToList();
        ComplianceMatrix.Write(html, columns, rows, counted: true);
        html.Append("</section>\n");
        if (loadPages is { Count: > 0 })
        {
            html.Append("<section id=\"load\"><h2>Load tests</h2>\n<p class=\"meta\">The last <code>conformancekit load</code> run of each target.</p>\n<ul>");
            foreach (var folder in loadPages)
            {
                html.Append("<li><a href=\"").Append(HtmlText.Encode(Uri.EscapeDataString(folder) + "/" + LoadPageName)).Append("\">").Append(HtmlText.Encode(folder)).Append("</a></li>");
            }

            html.Append("</ul>\n</section>\n");
        }

        ReportPage.End(html);
        return html.ToString();
    }
}

/// <summary>One target's run as its results.json tells it, the part the index needs.</summary>
public sealed record TargetRun(
    string Folder,
    string Target,
    string TargetKind,
    IReadOnlyList<string> Defects,
    string StartedAt,
    string ToolVersion,
    bool Conformant,
    string Gate,
    IReadOnlyList<TargetRunCheck> Checks)
{
    /// <summary>The target's page, relative to the index.</summary>
    public string PageHref => Uri.EscapeDataString(Folder) + "/index.html";

    public static TargetRun Parse(string folder, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var gate = root.TryGetProperty("gate", out var g) ? g.GetString() ?? "MUST" : "MUST";
        var checks = root.GetProperty("checks").EnumerateArray().Select(c =>
        {
            var verdict = c.GetProperty("verdict").GetString() ?? "error";
            var info = new CheckInfo(
                c.GetProperty("id").GetString() ?? throw new FormatException("a check without an id"),
                c.GetProperty("section").GetString() ?? string.Empty,
                Enum.Parse<RequirementLevel>(c.GetProperty("level").GetString() ?? "MUST", ignoreCase: true),
                c.TryGetProperty("title", out var title) ? title.GetString() ?? string.Empty : string.Empty,
                c.TryGetProperty("requirement", out var requirement) ? requirement.GetString() ?? string.Empty : string.Empty);
            // As Gate.Breaks: a baselined check never breaks the gate; warn does under SHOULD and ANY, info under ANY.
            var baselined = c.TryGetProperty("baseline", out var entry) && entry.TryGetProperty("status", out var status) && status.GetString() == "baselined";
            var failing = !baselined && (verdict is "fail" or "error" || (verdict == "warn" && gate is "SHOULD" or "ANY") || (verdict == "info" && gate == "ANY"));
            return new TargetRunCheck(info, verdict, c.TryGetProperty("message", out var message) ? message.GetString() ?? string.Empty : string.Empty, failing);
        }).ToList();
        var startedAt = root.GetProperty("startedAt");
        return new TargetRun(
            folder,
            root.GetProperty("target").GetString() ?? folder,
            root.TryGetProperty("targetKind", out var kind) ? kind.GetString() ?? string.Empty : string.Empty,
            root.TryGetProperty("defects", out var defects) ? defects.EnumerateArray().Select(d => d.GetString() ?? string.Empty).ToList() : [],
            startedAt.TryGetDateTimeOffset(out var at) ? at.ToString("u", CultureInfo.InvariantCulture) : startedAt.ToString(),
            root.TryGetProperty("toolVersion", out var tool) ? tool.GetString() ?? string.Empty : string.Empty,
            root.TryGetProperty("conformant", out var conformant) ? conformant.GetBoolean() : !checks.Any(c => c.Failing),
            gate,
            checks);
    }
}

/// <summary>One check of a <see cref="TargetRun"/>.</summary>
public sealed record TargetRunCheck(CheckInfo Info, string Verdict, string Message, bool Failing);
