using System.Globalization;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Races;

/// <summary>
/// What the seed fixes for one round: the order in which clients are released and the body each one writes
/// (a generated document named after the round and client, so every body differs).
/// </summary>
public sealed record RacePlan
{
    public const string DocumentScope = "race";

    private readonly IReadOnlyDictionary<string, string> bodies;

    private RacePlan(int seed, int round, IReadOnlyList<string> releaseOrder, IReadOnlyDictionary<string, string> bodies)
    {
        Seed = seed;
        Round = round;
        ReleaseOrder = releaseOrder;
        this.bodies = bodies;
    }

    public int Seed { get; }

    public int Round { get; }

    public IReadOnlyList<string> ReleaseOrder { get; }

    public string BodyFor(string client) => bodies[client];

    public static RacePlan For(int seed, int round, IReadOnlyList<string> clients, string scope = DocumentScope)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var roundText = round.ToString(CultureInfo.InvariantCulture);
        var documents = new DocumentFactory(seed, scope);
        var bodies = clients.ToDictionary(c => c, c => documents.Get($"round-{roundText}/{c}"), StringComparer.Ordinal);
        var order = clients.ToArray();
        new Random(StableSeed.Of(seed, scope, "release-order", roundText)).Shuffle(order);
        return new RacePlan(seed, round, order, bodies);
    }
}
