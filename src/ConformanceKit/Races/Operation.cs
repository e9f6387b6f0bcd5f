using ConformanceKit.Http;

namespace ConformanceKit.Races;

/// <summary>
/// One request of a history and what came of it: who sent it (<see cref="Client"/>, its
/// <see cref="Sequence"/>-th request, from 1), when it was in flight, the validator it sent in If-Match
/// (null for reads and blind writes), the status (null: no response), the ETag answered (null when absent
/// or not one entity-tag), and the <see cref="Digest"/> of the content written (writes) or read (reads that
/// got a whole 2xx body; null otherwise). <see cref="Evidence"/> is the exchange behind it, when recorded
/// from the wire.
/// </summary>
public sealed record Operation
{
    private Operation(string client, int sequence, OperationKind kind, Interval window)
    {
        ArgumentException.ThrowIfNullOrEmpty(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        Client = client;
        Sequence = sequence;
        Kind = kind;
        Window = window;
    }

    public string Client { get; }

    public int Sequence { get; }

    public OperationKind Kind { get; }

    public Interval Window { get; }

    public TimeSpan Start => Window.Start;

    public TimeSpan End => Window.End;

    public EntityTag? ValidatorSent { get; private init; }

    public int? Status { get; private init; }

    public EntityTag? ValidatorReturned { get; private init; }

    public ContentDigest? Digest { get; private init; }

    public OperationOutcome Outcome => OperationOutcomes.FromStatus(Status);

    /// <summary>Why there was no response, when there was none.</summary>
    public string? Error { get; private init; }

    public Exchange? Evidence { get; private init; }

    /// <summary>Client and sequence, e.g. <c>c07#3</c>: unique within a run.</summary>
    public string Name => $"{Client}#{Sequence}";

    public bool IsWrite => Kind == OperationKind.Write;

    public static Operation Read(string client, int sequence, Interval window, int? status, EntityTag? returned, ContentDigest? read) =>
        new(client, sequence, OperationKind.Read, window) { Status = status, ValidatorReturned = returned, Digest = read };

    public static Operation Write(string client, int sequence, Interval window, EntityTag? ifMatch, ContentDigest written, int? status, EntityTag? returned)
    {
        ArgumentNullException.ThrowIfNull(written);
        return new(client, sequence, OperationKind.Write, window) { ValidatorSent = ifMatch, Digest = written, Status = status, ValidatorReturned = returned };
    }

    /// <summary>A GET as recorded by a client. The body counts only when it is a whole 2xx body.</summary>
    public static Operation FromRead(int sequence, Interval window, Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var response = exchange.Response;
        var digest = response is { Status: >= 200 and < 300, BodyTruncated: false } ? ContentDigest.Of(response.Body) : null;
        return Read(exchange.Client, sequence, window, response?.Status, ReturnedValidator(response), digest) with { Error = exchange.Error, Evidence = exchange };
    }

    /// <summary>A PUT as recorded by a client; <paramref name="body"/> is the content as sent.</summary>
    public static Operation FromWrite(int sequence, Interval window, EntityTag? ifMatch, string body, Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return Write(exchange.Client, sequence, window, ifMatch, ContentDigest.Of(body), exchange.Response?.Status, ReturnedValidator(exchange.Response))
            with { Error = exchange.Error, Evidence = exchange };
    }

    /// <summary>One line for a report, e.g. <c>c07#3 PUT If-Match "4-ab" 1.2..3.4 ms → 204 ETag "5-cd" content 0f3a…</c>.</summary>
    public string Describe()
    {
        var request = Kind == OperationKind.Read ? "GET" : ValidatorSent is null ? "PUT (blind)" : $"PUT If-Match {ValidatorSent}";
        var answer = Status is { } status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"no response ({Error ?? "none recorded"})";
        var etag = ValidatorReturned is null ? string.Empty : $" ETag {ValidatorReturned}";
        var content = Digest is null ? string.Empty : $" content {Digest}";
        return $"{Name} {request} {Window} → {answer}{etag}{content}";
    }

    private static EntityTag? ReturnedValidator(RecordedResponse? response) =>
        response?.Field("ETag") is { } field && EntityTag.TryParse(field.Trim(), out var tag) ? tag : null;
}
