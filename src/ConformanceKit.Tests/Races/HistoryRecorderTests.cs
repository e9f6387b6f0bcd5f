using ConformanceKit.Http;
using ConformanceKit.Races;
using Microsoft.Extensions.Time.Testing;

namespace ConformanceKit.Tests.Races;

/// <summary>The recording API for load workloads: per-client logs on one clock, the live lost-update watch, the budget,
/// and the span readers of digests and counters.</summary>
public sealed class HistoryRecorderTests
{
    private static readonly EntityTag V1 = EntityTag.Strong("1-a");
    private static readonly EntityTag V2 = EntityTag.Strong("2-b");
    private static readonly EntityTag V3 = EntityTag.Strong("3-c");

    [Fact]
    public void A_second_success_with_the_same_validator_is_flagged_once_and_the_checker_agrees()
    {
        var time = new FakeTimeProvider();
        var recorder = new HistoryRecorder(time);
        var a = recorder.Client("a");
        var b = recorder.Client("b");

        a.Add(Read(a, 0, 1, V1, "{\"counter\":0}")).ShouldBeFalse();
        b.Add(Read(b, 0, 1, V1, "{\"counter\":0}")).ShouldBeFalse();
        a.Add(Write(a, 2, 3, V1, "{\"counter\":1,\"by\":\"a\"}", 204, V2)).ShouldBeFalse("the first write on V1 is fine");
        b.Add(Write(b, 2, 4, V1, "{\"counter\":1,\"by\":\"b\"}", 204, V3)).ShouldBeTrue("the second one on V1 is a lost update");
        b.Add(Write(b, 5, 6, V1, "{\"counter\":1,\"by\":\"b2\"}", 204, EntityTag.Strong("4-d"))).ShouldBeFalse("each validator is flagged once");

        recorder.LiveLostUpdates.ShouldBe(1);
        recorder.SuccessfulWrites.ShouldBe(3);
        var history = recorder.ToHistory(7, "load", new ResourceState(V1, ContentDigest.Of("{\"counter\":0}")), null);
        history.Operations.Count.ShouldBe(5);
        history.Operations.Select(o => o.Name).ShouldBe(["a#1", "b#1", "a#2", "b#2", "b#3"]);
        HistoryChecker.Check(history).Count(v => v.Kind == ViolationKind.LostUpdate).ShouldBe(1);
    }

    [Fact]
    public void Refused_writes_are_not_flagged_and_an_indeterminate_write_silences_the_watch()
    {
        var recorder = new HistoryRecorder(new FakeTimeProvider());
        var a = recorder.Client("a");
        a.Add(Write(a, 0, 1, V1, "x1", 204, V2)).ShouldBeFalse();
        a.Add(Write(a, 1, 2, V1, "x2", 412, null)).ShouldBeFalse();
        a.Add(Write(a, 2, 3, V2, "x3", null, null)).ShouldBeFalse();
        a.Add(Write(a, 3, 4, V1, "x4", 204, V3)).ShouldBeFalse("after an indeterminate write, the checker decides");

        recorder.IndeterminateWrites.ShouldBe(1);
        recorder.LiveLostUpdates.ShouldBe(0);
    }

    [Fact]
    public void Past_its_budget_it_keeps_counting_writes_but_no_operations_and_drops_the_final_read()
    {
        var budget = new HistoryBudget(3);
        var recorder = new HistoryRecorder(new FakeTimeProvider(), budget);
        var other = new HistoryRecorder(new FakeTimeProvider(), budget);
        var a = recorder.Client("a");
        for (var i = 0; i < 5; i++)
        {
            a.Add(Write(a, i, i + 1, null, "w" + i, 204, EntityTag.Strong("v" + i)));
        }

        recorder.Truncated.ShouldBeTrue();
        other.Truncated.ShouldBeFalse("it has lost nothing yet");
        recorder.SuccessfulWrites.ShouldBe(5);
        var final = Operation.Read("final", 1, new Interval(TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10)), 200, EntityTag.Strong("v4"), ContentDigest.Of("w4"));
        var history = recorder.ToHistory(1, "load", null, final);
        history.Operations.Count.ShouldBe(3);
        history.Final.ShouldBeNull();
        Should.Throw<ArgumentException>(() => recorder.Client("a"));
    }

    [Fact]
    public void Digests_and_counters_read_from_utf8_match_the_text_readers()
    {
        const string document = """{ "counter": 41, "by": "u0001", "edit": { "b": [1, 2], "a": "x" } }""";
        var bytes = System.Text.Encoding.UTF8.GetBytes(document);

        ContentDigest.OfUtf8(bytes).ShouldBe(ContentDigest.Of(document));
        ContentDigest.OfUtf8("plain text"u8).ShouldBe(ContentDigest.Of("plain text"));
        CounterDocument.TryRead(bytes).ShouldBe(41);
        CounterDocument.TryRead(document).ShouldBe(41);
        foreach (var bad in (string[])["", "[]", "{\"counter\":\"1\"}", "{\"count\":1}", "{\"counter\":1", "{\"counter\":1} x", "{\"counter\":1.5}"])
        {
            CounterDocument.TryRead(System.Text.Encoding.UTF8.GetBytes(bad)).ShouldBe(CounterDocument.TryRead(bad), bad);
        }
    }

    private static Operation Read(HistoryClient client, int start, int end, EntityTag tag, string body) =>
        Operation.Read(client.Name, client.NextSequence(), Window(start, end), 200, tag, ContentDigest.Of(body));

    private static Operation Write(HistoryClient client, int start, int end, EntityTag? ifMatch, string body, int? status, EntityTag? returned) =>
        Operation.Write(client.Name, client.NextSequence(), Window(start, end), ifMatch, ContentDigest.Of(body), status, returned);

    private static Interval Window(int start, int end) => new(TimeSpan.FromMilliseconds(start), TimeSpan.FromMilliseconds(end));
}
