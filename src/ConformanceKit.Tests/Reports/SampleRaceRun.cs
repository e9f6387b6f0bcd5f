using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Races;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Tests.Reports;

/// <summary>A fixed run of race checks for the report shape tests: an If-Match race that passed (20 rounds of
/// 16 clients, one winner each), a read-modify-write that passed, and an If-Match race that lost updates
/// (three writes won with one validator; one of them got back an ETag carrying markup).</summary>
internal static class SampleRaceRun
{
    public const string HostileTag = "<script>alert(2)</script>";

    private static readonly string[] Clients = ["c01", "c02", "c03"];

    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public static RunResult Create()
    {
        var raced = new CheckInfo("if-match-race-one-winner", "9110/13.1.1", RequirementLevel.Must, "One winner per race", "Of writes racing with one If-Match, one succeeds and the rest get 412.");
        var counted = new CheckInfo("read-modify-write-no-lost-update", "9110/13.1.1", RequirementLevel.Must, "No lost increment", "Increments made by read-modify-write with If-Match are never lost.");
        var lost = new CheckInfo("if-match-race-lost-update", "9110/13.1.1", RequirementLevel.Must, "One winner per race (broken)", "Of writes racing with one If-Match, one succeeds and the rest get 412.");

        var checks = new List<CheckResult>
        {
            PassedRace(raced),
            PassedReadModifyWrite(counted),
            LostUpdate(lost),
        };
        return new RunResult("my-api", "http", [], Start, TimeSpan.FromSeconds(1.5), 42, "0.1.0", checks);
    }

    private static CheckResult PassedRace(CheckInfo check)
    {
        // 20 rounds of 16 writes: one 204 and fifteen 412 in each.
        var writes = Enumerable.Range(0, 20).SelectMany(round => Enumerable.Range(1, 16).Select(client =>
            Operation.Write($"c{client:00}", round + 2, Window(round * 10, (round * 10) + 5), EntityTag.Strong($"{round + 1}"), ContentDigest.Of($"r{round}c{client}"), client == 1 ? 204 : 412, client == 1 ? EntityTag.Strong($"{round + 2}") : null)));
        var evidence = new RaceEvidence
        {
            Workload = RaceWorkload.IfMatch,
            Clients = 16,
            Seed = 42,
            Planned = 20,
            Done = 20,
            WriteStatuses = StatusHistogram.Of(writes),
            RoundsByWinners = new SortedDictionary<int, int> { [1] = 20 },
            Summary = "20 of 20 round(s) of 16 clients racing with one If-Match: 1 winner(s) in 20; writes 204×20 412×300",
        };
        return CheckResult.Passed(check, [], evidence.Summary) with { Race = evidence, Duration = TimeSpan.FromMilliseconds(250) };
    }

    private static CheckResult PassedReadModifyWrite(CheckInfo check)
    {
        var writes = Enumerable.Range(1, 27).Select(i =>
            Operation.Write($"c{(i % 4) + 1:00}", i, Window(i, i + 1), EntityTag.Strong($"{i}"), ContentDigest.Of($"n{i}"), i <= 20 ? 204 : 412, i <= 20 ? EntityTag.Strong($"{i + 1}") : null));
        var evidence = new RaceEvidence
        {
            Workload = RaceWorkload.ReadModifyWrite,
            Clients = 4,
            Seed = 42,
            Planned = 5,
            Done = 20,
            WriteStatuses = StatusHistogram.Of(writes),
            Summary = "4 clients x 5 increments by read-modify-write with If-Match: 20 successful writes, 7 refused with 412 (0.35 retries per success); writes 204×20 412×7; the counter went from 0 to 20, one per successful write",
        };
        return CheckResult.Passed(check, [], evidence.Summary) with { Race = evidence, Duration = TimeSpan.FromMilliseconds(180) };
    }

    /// <summary>Three clients read "1", then all three writes with If-Match "1" succeed: a lost update of
    /// three operations, found by the history checker itself.</summary>
    private static CheckResult LostUpdate(CheckInfo check)
    {
        var initial = new ResourceState(EntityTag.Strong("1"), ContentDigest.Of("{\"v\":0}"));
        var reads = Clients.Select((client, i) => Operation.Read(client, 1, Window(0.1 * i, 0.3 + (0.1 * i)), 200, EntityTag.Strong("1"), ContentDigest.Of("{\"v\":0}")));
        var exchanges = new List<Exchange>
        {
            Put("setup", 0, "*", 201, "1", "{\"v\":0}", 0),
            Put("c01", 2, "\"1\"", 204, "2", "{\"v\":\"c01\"}", 0.5),
            Put("c02", 2, "\"1\"", 204, HostileTag, "{\"v\":\"c02\"}", 0.75),
            Put("c03", 2, "\"1\"", 204, "4", "{\"v\":\"c03\"}", 1),
        };
        var writes = new[]
        {
            Operation.FromWrite(2, Window(0.5, 3.25), EntityTag.Strong("1"), "{\"v\":\"c01\"}", exchanges[1]),
            Operation.FromWrite(2, Window(0.75, 3.5), EntityTag.Strong("1"), "{\"v\":\"c02\"}", exchanges[2]),
            Operation.FromWrite(2, Window(1, 2.9), EntityTag.Strong("1"), "{\"v\":\"c03\"}", exchanges[3]),
        };
        var final = Operation.Read("final", 1, Window(4, 4.5), 200, EntityTag.Strong("4"), ContentDigest.Of("{\"v\":\"c03\"}"));
        var history = History.Of(42, "race round 3", initial, reads.Concat(writes), final);
        var violations = HistoryChecker.Check(history);
        var rules = RaceExpectations.Evaluate(history).Where(r => !r.IsMet).ToList();
        var statuses = StatusHistogram.Of(history.Writes.Concat(Enumerable.Range(0, 2).Select(round =>
            Operation.Write("c01", round + 3, Window(10 + round, 11 + round), EntityTag.Strong($"{round + 4}"), ContentDigest.Of($"{round}"), 204, EntityTag.Strong($"{round + 5}")))));
        var evidence = new RaceEvidence
        {
            Workload = RaceWorkload.IfMatch,
            Clients = 3,
            Seed = 42,
            Planned = 20,
            Done = 3,
            WriteStatuses = statuses,
            RoundsByWinners = new SortedDictionary<int, int> { [1] = 2, [3] = 1 },
            Violations = violations,
            ViolationCount = violations.Count,
            UnmetRules = rules,
            StopReason = "stopped at the first violation, in round 3",
            Summary = "3 of 20 round(s) of 3 clients racing with one If-Match: 1 winner(s) in 2, 3 winner(s) in 1; writes " + statuses,
        };
        var first = violations[0];
        var message = $"{first.Kind.Id()} in {first.HistoryLabel} (seed {first.Seed}): {first.Explanation}";
        return CheckResult.Violated(check, message, "no violation in any history, and every race rule holding", evidence.Summary, exchanges)
            with { Race = evidence, Duration = TimeSpan.FromMilliseconds(40) };
    }

    private static Exchange Put(string client, int step, string ifMatch, int status, string etag, string body, double at) => new(
        client,
        step,
        new RecordedRequest("PUT", new Uri("http://127.0.0.1:8080/items/race"), [new("Host", "127.0.0.1:8080"), new(ifMatch == "*" ? "If-None-Match" : "If-Match", ifMatch)], body),
        new RecordedResponse(status, status == 201 ? "Created" : "No Content", "HTTP/1.1", [new("ETag", $"\"{etag}\"")], string.Empty, 0, false),
        null,
        Start.AddMilliseconds(at),
        TimeSpan.FromMilliseconds(2.5));

    private static Interval Window(double from, double to) => new(TimeSpan.FromMilliseconds(from), TimeSpan.FromMilliseconds(to));
}
