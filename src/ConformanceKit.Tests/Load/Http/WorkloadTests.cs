using ConformanceKit.Http;
using ConformanceKit.Load;
using ConformanceKit.Load.Http;
using ConformanceKit.Races;
using ConformanceKit.Targets;
using ConformanceKit.Tests.Races;
using Xunit.Abstractions;

namespace ConformanceKit.Tests.Load.Http;

/// <summary>The built-in workloads against the reference server on loopback, for a second or two each: what they find
/// and count (never how fast).</summary>
[Collection(LoadRuns.Name)]
public sealed class WorkloadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Contended_writers_find_no_lost_update_on_the_correct_server()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await LoadHttpKit.ReferenceAsync(deadline.Token);

        var (result, workload) = await LoadHttpKit.RunAsync(session, Workloads.ContendedWriters, new WorkloadOptions { Users = 8, Duration = TimeSpan.FromSeconds(2) }, deadline.Token);
        using var _ = workload;

        var metrics = workload.Metrics(result);
        output.WriteLine($"{metrics}");
        result.StopReason.ShouldBe(LoadStopReason.Completed);
        result.Thresholds.Select(t => t.Expression).ShouldBe(ContendedWritersWorkload.Defaults);
        result.Thresholds.ShouldAllBe(t => t.Passed);
        var write = result.Scenario(ContendedWritersWorkload.ScenarioName)!.Stats.Step(HttpSteps.Write)!;
        write.Counter(HttpCounters.LostUpdates).ShouldBe(0);
        write.Counters.ShouldContainKey(HttpCounters.LostUpdates, "the verify hook reports the count even when it is 0");
        write.StatusCodes.Keys.ShouldBeSubsetOf([204, 412]);
        metrics.SuccessfulWrites.ShouldNotBeNull().ShouldBeGreaterThan(8);
        metrics.Conflicts.ShouldBe(write.StatusCodes.GetValueOrDefault(412));
        metrics.LostUpdates.ShouldBe(0);
        metrics.LostIncrements.ShouldBe(0);
        metrics.HistoryViolations.ShouldBe(0);
        var verification = workload.Verifications.ShouldHaveSingleItem();
        verification.IsClean.ShouldBeTrue();
        verification.Counter.ShouldNotBeNull().Outcome.ShouldBe(RuleOutcome.Holds, verification.Counter.Detail);
        verification.SuccessfulWrites.ShouldBe(metrics.SuccessfulWrites!.Value);
        verification.Operations.ShouldBe((int)result.Scenarios[0].Stats.Requests.Count, "every request is in the history");
    }

    [Fact]
    public async Task Contended_writers_find_lost_updates_on_a_non_atomic_write()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await LoadHttpKit.ReferenceAsync(deadline.Token, "non-atomic-write");

        var (result, workload) = await LoadHttpKit.RunAsync(session, Workloads.ContendedWriters, new WorkloadOptions { Users = 8, Duration = TimeSpan.FromSeconds(2) }, deadline.Token);
        using var _ = workload;

        var metrics = workload.Metrics(result);
        output.WriteLine($"{metrics}");
        metrics.LostUpdates.ShouldNotBeNull().ShouldBeGreaterThan(0);
        metrics.LostIncrements.ShouldNotBeNull().ShouldBeGreaterThan(0);
        var lost = result.Thresholds.Single(t => t.Expression == "lost_updates == 0");
        lost.Passed.ShouldBeFalse();
        lost.Value.ShouldBe(metrics.LostUpdates.Value);
        lost.FirstBreach.ShouldNotBeNull();
        var verification = workload.Verifications.ShouldHaveSingleItem();
        verification.Violations.ShouldContain(v => v.Kind == ViolationKind.LostUpdate);
        verification.Counter!.Outcome.ShouldBe(RuleOutcome.Broken);
        verification.LiveLostUpdates.ShouldBeGreaterThan(0, "the live watch sees them during the run");
        result.Passed.ShouldBeFalse();
    }

    [Fact]
    public async Task Revalidating_readers_get_304s_and_save_bytes_on_the_reference_server()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await LoadHttpKit.ReferenceAsync(deadline.Token);

        var (result, workload) = await LoadHttpKit.RunAsync(session, Workloads.RevalidatingReaders, new WorkloadOptions { Users = 4, Duration = TimeSpan.FromSeconds(1) }, deadline.Token);
        using var _ = workload;

        var metrics = workload.Metrics(result);
        output.WriteLine($"{metrics}");
        result.Passed.ShouldBeTrue(string.Join("; ", result.Thresholds.Select(t => t.Message)));
        metrics.NotModifiedRatio.ShouldNotBeNull().ShouldBeGreaterThan(0.95);
        metrics.BytesSaved.ShouldNotBeNull().ShouldBeGreaterThan(0);
        metrics.BytesSavedPerNotModified.ShouldNotBeNull().ShouldBeGreaterThan(0);
        metrics.Refetches.ShouldBe(0);
        var step = result.Scenarios[0].Stats.Step(HttpSteps.Revalidate)!;
        step.StatusCodes.GetValueOrDefault(200).ShouldBe(4, "each user fetches once, then revalidates");
        step.BytesIn.ShouldBeGreaterThan(0);
        workload.Verifications.ShouldBeEmpty();
    }

    [Fact]
    public async Task Readers_of_an_existing_resource_revalidate_it_and_the_open_model_works_too()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await LoadHttpKit.ReferenceAsync(deadline.Token);

        var options = new WorkloadOptions { Rate = 100, MaxInFlight = 10, Duration = TimeSpan.FromSeconds(1), UseExisting = true };
        var (result, workload) = await LoadHttpKit.RunAsync(session, Workloads.RevalidatingReaders, options, deadline.Token);
        using var _ = workload;

        // 100 arrivals in 1 s; one that finds 10 iterations in flight is dropped and counted (a loaded machine does that).
        var stats = result.Scenarios[0].Stats;
        var step = stats.Step(HttpSteps.Revalidate)!;
        (step.Count + stats.Dropped).ShouldBe(100);
        step.Count.ShouldBeGreaterThan(20);
        step.Failed.ShouldBe(0);
        // Each of the at most 10 pooled users GETs once without If-None-Match; every later GET is a 304.
        step.Counter(HttpCounters.NotModified).ShouldBeGreaterThanOrEqualTo(step.Count - 10);
    }

    [Fact]
    public async Task Mixed_checks_every_resource_history_and_deletes_the_resources_after()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await LoadHttpKit.ReferenceAsync(deadline.Token);

        var options = new WorkloadOptions { Users = 6, Resources = 5, Duration = TimeSpan.FromSeconds(2) };
        var (result, workload) = await LoadHttpKit.RunAsync(session, Workloads.Mixed, options, deadline.Token);
        using var _ = workload;

        result.Scenarios.Select(s => s.Name).ShouldBe([MixedWorkload.ReadersName, MixedWorkload.WritersName]);
        result.Passed.ShouldBeTrue(string.Join("; ", result.Thresholds.Select(t => t.Message)));
        result.Scenario(MixedWorkload.WritersName)!.Stats.Step(HttpSteps.Write)!.Counter(HttpCounters.Written).ShouldBeGreaterThan(0);
        result.Scenario(MixedWorkload.ReadersName)!.Stats.Step(HttpSteps.Revalidate)!.Counter(HttpCounters.NotModified).ShouldBeGreaterThan(0);
        workload.Verifications.Count.ShouldBe(5);
        workload.Verifications.ShouldAllBe(v => v.IsClean && v.Operations > 0);
        var metrics = workload.Metrics(result);
        metrics.Refetches.ShouldNotBeNull().ShouldBeGreaterThan(0, "readers see the writers' changes");
        using var client = session.CreateClient("check");
        foreach (var verification in workload.Verifications)
        {
            var read = await client.SendAsync(1, HttpMethod.Get, session.Resolve(verification.Resource), [], null, null, deadline.Token);
            read.Response!.Status.ShouldBe(404, $"{verification.Resource} is deleted after the run");
        }
    }

    [Fact]
    public async Task Writers_refuse_a_target_that_takes_no_writes_and_thresholds_must_name_known_steps()
    {
        using var deadline = ReferenceTarget.Deadline();
        await using var session = await LoadHttpKit.ReferenceAsync(deadline.Token);
        var readOnly = TargetDefinition.InBoxReference("read-only", [], "test") with { Capabilities = Capabilities.ReferenceDefault with { Writes = false } };
        await using var readOnlySession = await TargetSession.OpenAsync(readOnly, new ConformanceKit.ReferenceServer.Hosting.ReferenceTargetLauncher(), new ClientSettings(), TimeProvider.System, deadline.Token);
        var options = new WorkloadOptions { Users = 2, Duration = TimeSpan.FromSeconds(1) };

        Should.Throw<WorkloadException>(() => Workloads.Create(Workloads.ContendedWriters, readOnlySession, options)).Message.ShouldContain("takes no writes");
        using var readers = Workloads.Create(Workloads.RevalidatingReaders, readOnlySession, options);
        Should.Throw<ArgumentException>(() => Workloads.Create("stampede", session, options)).Message.ShouldContain("there is no workload 'stampede'");
        Should.Throw<ArgumentException>(() => Workloads.Create(Workloads.Mixed, session, options with { Users = 1 })).Message.ShouldContain("at least 2 users");
        using var writers = Workloads.Create(Workloads.ContendedWriters, session, options);
        Should.Throw<ArgumentException>(() => writers.CreateScenarios([Threshold.Parse("step:revalidate p99 < 1s")])).Message.ShouldContain("steps: read, write");
        writers.CreateScenarios([Threshold.Parse("step:write p99 < 1s")], includeDefaults: false, abortOnBreach: true)
            .ShouldHaveSingleItem().Thresholds.ShouldHaveSingleItem().AbortOnBreach.ShouldBeTrue();
    }
}
