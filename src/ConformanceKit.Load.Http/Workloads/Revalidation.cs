using System.Runtime.CompilerServices;

namespace ConformanceKit.Load.Http;

/// <summary>
/// The readers' step, <c>revalidate</c>: a user GETs a resource once (plain), keeps its ETag and what the whole
/// response cost, and from then on GETs it with If-None-Match: that ETag. A 304 counts <c>not-modified</c> and
/// <c>bytes-saved</c> (the full response's bytes minus the 304's); a 200 to a conditional GET counts <c>refetch</c>
/// and replaces the stored ETag and size. A response without an ETag leaves nothing to revalidate with and fails the
/// step, as does any status but 2xx and 304 (and a 304 to a plain GET). With several resources, each iteration picks
/// one at random (the user's seeded random). Outcomes are reused while their figures repeat, and the step's state
/// machine is pooled, so the usual 304 allocates nothing.
/// </summary>
internal sealed class Revalidation(HttpWorkload workload, Func<WorkloadResources> resources)
{
    public const string StepName = HttpSteps.Revalidate;

    public const string NotModified = HttpCounters.NotModified;

    public const string BytesSaved = HttpCounters.BytesSaved;

    public const string Refetch = HttpCounters.Refetch;

    public LoadStep Step() => new(StepName, RevalidateAsync);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<StepOutcome> RevalidateAsync(StepContext context, CancellationToken cancellationToken)
    {
        var items = resources().Items;
        var user = workload.UserState(context, client => new ReaderUser(client, items.Count));
        var index = items.Count == 1 ? 0 : context.Random.Next(items.Count);
        var etag = user.ETags[index];
        var response = await user.Client.GetAsync(items[index].Url, etag, keepBody: false, cancellationToken).ConfigureAwait(false);
        switch (response.Status)
        {
            case null:
                return StepOutcome.Fail(null, response.Error ?? "no response", 0, response.BytesOut);
            case 304 when etag is not null:
                return user.NotModified(response.BytesIn, response.BytesOut, Math.Max(0, user.FullBytes[index] - response.BytesIn));
            case 304:
                return StepOutcome.Fail(304, "a GET without If-None-Match was answered 304", response.BytesIn, response.BytesOut);
            case >= 200 and < 300 when response.ETag is null:
                user.ETags[index] = null;
                return StepOutcome.Fail(response.Status, "the response has no ETag, so there is nothing to revalidate with", response.BytesIn, response.BytesOut);
            case >= 200 and < 300:
                user.ETags[index] = response.ETag;
                user.FullBytes[index] = response.BytesIn;
                return user.Fetched(response.Status.Value, response.BytesIn, response.BytesOut, refetch: etag is not null);
            default:
                return StepOutcome.Fail(response.Status, $"GET answered {response.Status}", response.BytesIn, response.BytesOut);
        }
    }

    private sealed class ReaderUser(LoadHttpClient client, int resources)
    {
        private (long In, long Out, long Saved, StepOutcome? Outcome) last304;
        private (int Status, long In, long Out, bool Refetch, StepOutcome? Outcome) last200;

        public LoadHttpClient Client { get; } = client;

        public string?[] ETags { get; } = new string?[resources];

        public long[] FullBytes { get; } = new long[resources];

        public StepOutcome NotModified(long bytesIn, long bytesOut, long saved)
        {
            if (last304.Outcome is not { } outcome || (last304.In, last304.Out, last304.Saved) != (bytesIn, bytesOut, saved))
            {
                outcome = StepOutcome.Ok(304, bytesIn, bytesOut).WithCounter(Revalidation.NotModified).WithCounter(BytesSaved, saved);
                last304 = (bytesIn, bytesOut, saved, outcome);
            }

            return outcome;
        }

        public StepOutcome Fetched(int status, long bytesIn, long bytesOut, bool refetch)
        {
            if (last200.Outcome is not { } outcome || (last200.Status, last200.In, last200.Out, last200.Refetch) != (status, bytesIn, bytesOut, refetch))
            {
                outcome = StepOutcome.Ok(status, bytesIn, bytesOut);
                outcome = refetch ? outcome.WithCounter(Refetch) : outcome;
                last200 = (status, bytesIn, bytesOut, refetch, outcome);
            }

            return outcome;
        }
    }
}
