namespace ConformanceKit.Tests.RealServers;

/// <summary>Captured wrk and hey outputs, checked in under RealServers/Fixtures/ (read from the repo, not copied to bin).</summary>
internal static class PeerFixtures
{
    public static string PathOf(string name) =>
        Path.Combine(RepositoryPaths.Root, "src", "ConformanceKit.Tests", "RealServers", "Fixtures", name);
}
