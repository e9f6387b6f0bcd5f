using ConformanceKit.Http;

namespace ConformanceKit.Races;

/// <summary>
/// Records the operations many clients make on one resource while they run (a load workload, say), for a
/// <see cref="History"/> judged by <see cref="HistoryChecker"/> afterwards. Every client gets a
/// <see cref="HistoryClient"/> of its own (its name and sequence numbers); all share one monotonic clock
/// (<see cref="Now"/>). Recording is thread-safe and cheap: operations go to a per-client list, and only writes
/// take a lock, for the live watch. Bounds: at most <see cref="MaxOperations"/> operations are kept (shared with
/// every recorder made with the same <see cref="HistoryBudget"/>); later ones are not kept, and the history is then
/// <see cref="Truncated"/>. Writes are always counted (<see cref="SuccessfulWrites"/>,
/// <see cref="IndeterminateWrites"/>), so a counter rule stays exact past the bound.
/// <para>
/// The live watch (<see cref="HistoryClient.Add"/>'s answer) applies the lost-update rule as writes come back, so a
/// load gate can stop at once: it flags a validator, once, when more 2xx writes guarded by it have come back than
/// one plus the 2xx writes that answered it and ended after the first guarded one started (those could have made it
/// current again, the writer that made it included), while no write on the resource was indeterminate. The history
/// checker, run on the whole history, has the last word; a write that answers a validator after it was flagged can
/// make the checker excuse what the watch counted.
/// </para>
/// </summary>
public sealed class HistoryRecorder
{
    public const int DefaultMaxOperations = 500_000;

    private readonly TimeProvider time;
    private readonly long origin;
    private readonly HistoryBudget budget;
    private readonly Lock gate = new();
    private readonly List<HistoryClient> clients = [];
    private readonly Dictionary<EntityTag, Guarded> guarded = [];
    private readonly Dictionary<EntityTag, List<TimeSpan>> answers = [];
    private long successfulWrites;
    private long indeterminateWrites;
    private long liveLostUpdates;
    private bool anyIndeterminate;
    private volatile bool dropped;

    public HistoryRecorder(TimeProvider time, HistoryBudget? budget = null)
    {
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        origin = time.GetTimestamp();
        this.budget = budget ?? new HistoryBudget(DefaultMaxOperations);
    }

    /// <summary>The offset from the recorder's start on its monotonic clock: take it before a request and after.</summary>
    public TimeSpan Now => time.GetElapsedTime(origin);

    public int MaxOperations => budget.MaxOperations;

    /// <summary>Whether operations of this resource were left out because the budget was spent.</summary>
    public bool Truncated => dropped;

    public long SuccessfulWrites => Interlocked.Read(ref successfulWrites);

    public long IndeterminateWrites => Interlocked.Read(ref indeterminateWrites);

    /// <summary>Validators the live watch flagged (see the class summary).</summary>
    public long LiveLostUpdates => Interlocked.Read(ref liveLostUpdates);

    /// <summary>A new client of this resource, named <paramref name="name"/> (unique per recorder).</summary>
    public HistoryClient Client(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var client = new HistoryClient(this, name);
        lock (gate)
        {
            if (clients.Any(c => c.Name == name))
            {
                throw new ArgumentException($"A client named '{name}' already records into this history.", nameof(name));
            }

            clients.Add(client);
        }

        return client;
    }

    /// <summary>The history of everything kept, ordered by start. When <see cref="Truncated"/>, operations after the
    /// bound are missing, so <paramref name="final"/> is left out (it could not be compared with the writes kept).
    /// Call it once the clients have stopped.</summary>
    public History ToHistory(int seed, string label, ResourceState? initial, Operation? final)
    {
        List<Operation> operations;
        lock (gate)
        {
            operations = [.. clients.SelectMany(c => c.Operations)];
        }

        return History.Of(seed, label, initial, operations, Truncated ? null : final);
    }

    /// <summary>Counts a write and runs the live watch; true when it shows a lost update first seen now.</summary>
    internal bool Observe(Operation write)
    {
        switch (write.Outcome)
        {
            case OperationOutcome.Indeterminate:
                Interlocked.Increment(ref indeterminateWrites);
                lock (gate)
                {
                    anyIndeterminate = true;
                }

                return false;
            case OperationOutcome.Ok:
                Interlocked.Increment(ref successfulWrites);
                break;
            default:
                return false;
        }

        lock (gate)
        {
            if (write.ValidatorReturned is { } answered)
            {
                if (!answers.TryGetValue(answered, out var ends))
                {
                    answers[answered] = ends = [];
                }

                ends.Add(write.End);
                if (guarded.TryGetValue(answered, out var restored) && write.End >= restored.FirstStart)
                {
                    restored.Restorers++;
                }
            }

            if (write.ValidatorSent is not { } sent)
            {
                return false;
            }

            if (!guarded.TryGetValue(sent, out var entry) || write.Start < entry.FirstStart)
            {
                entry ??= guarded[sent] = new Guarded();
                entry.FirstStart = write.Start;
                entry.Restorers = answers.TryGetValue(sent, out var ends) ? ends.Count(end => end >= write.Start) : 0;
            }

            entry.Successes++;
            if (entry.Flagged || anyIndeterminate || entry.Successes - 1 <= entry.Restorers)
            {
                return false;
            }

            entry.Flagged = true;
            Interlocked.Increment(ref liveLostUpdates);
            return true;
        }
    }

    internal bool Keep()
    {
        if (budget.TryTake())
        {
            return true;
        }

        dropped = true;
        return false;
    }

    /// <summary>The 2xx writes guarded by one validator so far: when the first of them started, how many there are, and
    /// how many 2xx writes answered that validator and ended after that start (they could have made it current again).</summary>
    private sealed class Guarded
    {
        public TimeSpan FirstStart { get; set; }

        public int Successes { get; set; }

        public int Restorers { get; set; }

        public bool Flagged { get; set; }
    }
}

/// <summary>One client's log in a <see cref="HistoryRecorder"/>: its name, its sequence numbers (from 1) and the
/// operations it made, in order. One request at a time per client, so it takes no lock.</summary>
public sealed class HistoryClient
{
    private readonly HistoryRecorder recorder;
    private readonly List<Operation> operations = [];
    private int sequence;

    internal HistoryClient(HistoryRecorder recorder, string name)
    {
        this.recorder = recorder;
        Name = name;
    }

    public string Name { get; }

    internal IReadOnlyList<Operation> Operations => operations;

    /// <summary>The number of this client's next operation.</summary>
    public int NextSequence() => ++sequence;

    /// <summary>Records an operation of this client (made with <see cref="Operation.Read"/> or <see cref="Operation.Write"/>
    /// and this client's name). Returns true when it is a write that the live watch shows as a lost update, first seen now.</summary>
    public bool Add(Operation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.Client != Name)
        {
            throw new ArgumentException($"Operation {operation.Name} is not of client '{Name}'.", nameof(operation));
        }

        if (recorder.Keep())
        {
            operations.Add(operation);
        }

        return operation.IsWrite && recorder.Observe(operation);
    }
}

/// <summary>How many operations several recorders may keep between them (one per resource of a workload, say).</summary>
public sealed class HistoryBudget
{
    private long left;

    public HistoryBudget(int maxOperations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOperations, 1);
        MaxOperations = maxOperations;
        left = maxOperations;
    }

    public int MaxOperations { get; }

    /// <summary>Whether an operation was refused for want of budget.</summary>
    public bool Spent => Volatile.Read(ref left) < 0;

    internal bool TryTake() => Interlocked.Decrement(ref left) >= 0;
}
