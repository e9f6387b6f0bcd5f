namespace ConformanceKit.ReferenceServer;

/// <summary>
/// One named legal choice the reference server can be told to make: a behaviour RFC 9110 (or RFC 5789) allows
/// besides the one the server makes by default. Unlike a <see cref="Defect"/>, a variant breaks no MUST; a
/// correct catalog must not fail a server that makes it.
/// </summary>
/// <param name="Name">Stable kebab-case name.</param>
/// <param name="Section">Where the choice is allowed, as <c>RFC/section</c>, e.g. <c>9110/9.3.4</c>.</param>
/// <param name="Description">What the server does instead of its default, and why that is allowed.</param>
public sealed record Variant(string Name, string Section, string Description);
