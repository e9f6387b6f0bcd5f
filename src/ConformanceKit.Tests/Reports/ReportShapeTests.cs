using System.Xml.Linq;
using ConformanceKit.Reports;

namespace ConformanceKit.Tests.Reports;

/// <summary>Approval tests: the rendered JUnit, JSON and Markdown of a fixed run must equal the approved files
/// in Reports/Approved/. On a difference the new output is written beside them as *.received.* to review
/// and, if right, to copy over the approved file.</summary>
public sealed class ReportShapeTests
{
    private static string ApprovedFolder => Path.Combine(RepositoryPaths.Root, "src", "ConformanceKit.Tests", "Reports", "Approved");

    [Fact]
    public void Junit_shape_is_approved_and_well_formed()
    {
        var xml = JunitWriter.Render(SampleRun.Create());

        Approve("junit.xml", xml);
        var document = XDocument.Parse(xml);
        document.Root!.Attribute("failures")!.Value.ShouldBe("1");
        document.Root.Attribute("errors")!.Value.ShouldBe("1");
        document.Descendants("testsuite").Count().ShouldBe(5, "one per section");
        xml.ShouldNotContain("\u0001");
    }

    [Fact]
    public void Json_shape_is_approved()
    {
        using var stream = new MemoryStream();
        JsonResultsWriter.Write(SampleRun.Create(), stream);

        Approve("results.json", System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void Markdown_shape_is_approved()
    {
        var markdown = MarkdownSummaryWriter.Render(SampleRun.Create());

        Approve("summary.md", markdown);
        markdown.ShouldContain("**Not conformant**");
    }

    [Fact]
    public void Html_escapes_everything_from_the_target_and_forbids_remote_loads()
    {
        var html = HtmlReportWriter.Render(SampleRun.Create());

        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        html.ShouldContain("Content-Security-Policy");
        html.ShouldContain("default-src 'none'");
        html.ShouldContain("https://www.rfc-editor.org/rfc/rfc9110#section-13.1.1");
    }

    private static void Approve(string name, string actual)
    {
        var approved = Path.Combine(ApprovedFolder, name);
        var received = Path.Combine(ApprovedFolder, Path.GetFileNameWithoutExtension(name) + ".received" + Path.GetExtension(name));
        var expected = File.Exists(approved) ? File.ReadAllText(approved) : null;
        if (expected != actual)
        {
            File.WriteAllText(received, actual);
        }
        else if (File.Exists(received))
        {
            File.Delete(received);
        }

        actual.ShouldBe(expected, $"rendered {name} differs from {approved}; review {received} and copy it over if it is right");
    }
}
