using System.Globalization;
using System.Text;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Races;

namespace ConformanceKit.Reports;

/// <summary>The words every writer uses for race evidence, so JSON, HTML and JUnit name things alike.</summary>
internal static class RaceText
{
    /// <summary>An enum value as a kebab-case word: <c>OneWinner</c> -> <c>one-winner</c>, <c>NotApplicable</c> -> <c>not-applicable</c>.</summary>
    public static string Kebab<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    /// <summary>What the operation asked: <c>GET</c>, <c>PUT (blind)</c> or <c>PUT If-Match "4-ab"</c>.</summary>
    public static string Request(Operation operation) =>
        operation.Kind == OperationKind.Read ? "GET" : operation.ValidatorSent is null ? "PUT (blind)" : $"PUT If-Match {operation.ValidatorSent}";

    /// <summary>The status, or why there was none.</summary>
    public static string Answer(Operation operation) => operation.Status is { } status
        ? status.ToString(CultureInfo.InvariantCulture)
        : $"no response ({operation.Error ?? "none recorded"})";

    /// <summary>The in-flight window, e.g. <c>1.2..3.4 ms</c>, in any culture.</summary>
    public static string Window(Operation operation) =>
        string.Create(CultureInfo.InvariantCulture, $"{operation.Start.TotalMilliseconds:0.###}..{operation.End.TotalMilliseconds:0.###} ms");

    public static double Milliseconds(TimeSpan offset) => Math.Round(offset.TotalMilliseconds, 3);

    /// <summary>Where the exchange behind an operation sits in the check's exchanges, or -1 when it is not kept there.</summary>
    public static int ExchangeIndex(CheckResult check, Operation operation)
    {
        if (operation.Evidence is not { } evidence)
        {
            return -1;
        }

        for (var i = 0; i < check.Exchanges.Count; i++)
        {
            if (ReferenceEquals(check.Exchanges[i], evidence))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The exchange kept for a check's first violation's first operation, if any.</summary>
    public static Exchange? FirstViolationExchange(CheckResult check) =>
        check.Race?.Violations.SelectMany(v => v.Operations).Select(o => ExchangeIndex(check, o)).Where(i => i >= 0).Select(i => check.Exchanges[i]).FirstOrDefault();
}
