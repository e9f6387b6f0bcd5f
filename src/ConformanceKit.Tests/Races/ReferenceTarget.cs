using ConformanceKit.Http;
using ConformanceKit.Races;
using ConformanceKit.ReferenceServer.Hosting;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Races;

/// <summary>A session on the in-box reference server (loopback, free port) with the given defect modes, and a
/// fresh document to race on. Every test bounds its work with <see cref="Deadline"/>.</summary>
internal static class ReferenceTarget
{
    public static CancellationTokenSource Deadline() => new(TimeSpan.FromSeconds(60));

    public static async Task<TargetSession> OpenAsync(CancellationToken cancellationToken, params string[] defects)
    {
        var target = TargetDefinition.InBoxReference("races", defects, "race tests");
        return await TargetSession.OpenAsync(target, new ReferenceTargetLauncher(), new ClientSettings(), TimeProvider.System, cancellationToken);
    }

    public static async Task<string> FreshDocumentAsync(TargetSession session, CancellationToken cancellationToken, string content = """{"counter":0}""")
    {
        var created = await FreshResource.CreateAsync(session, "race-" + Guid.NewGuid().ToString("N"), content, cancellationToken);
        created.Error.ShouldBeNull();
        return created.Path!;
    }
}
