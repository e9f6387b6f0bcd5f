using System.Text;

namespace ConformanceKit.Reports.Html;

/// <summary>
/// An optional part of a target's index.html that another component renders, such as the load engine's
/// figures. The writer gives it a heading, an anchor and a line in the page's contents, places it after the
/// checks, and lets the filters leave it alone. A section writes body HTML only: it must pass every string
/// that is not a constant through <see cref="HtmlText.Encode"/>, and may use no script, no remote resource and no
/// element id outside its own <see cref="Id"/> prefix (the page's CSP would block them anyway). The classes of
/// the page's style (<c>num</c>, <c>meta</c>, <c>bar</c>, <c>v pass</c> ... <c>v error</c>, tables) are
/// available.
/// </summary>
public interface IReportSection
{
    /// <summary>The section's anchor, unique in the page, kebab-case (e.g. <c>load</c>).</summary>
    string Id { get; }

    /// <summary>The heading, plain text.</summary>
    string Title { get; }

    /// <summary>Appends the section's body (everything under its heading).</summary>
    void WriteBody(StringBuilder html);
}
