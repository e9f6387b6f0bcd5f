using System.Globalization;

namespace ConformanceKit.Load;

/// <summary>Reads <c>[SCOPE] METRIC OP VALUE</c> (see <see cref="Threshold"/>); on failure says why, in one sentence.</summary>
internal static class ThresholdParser
{
    private static readonly (string Text, ThresholdOperator Op)[] Operators =
    [
        ("<=", ThresholdOperator.LessOrEqual), (">=", ThresholdOperator.GreaterOrEqual), ("==", ThresholdOperator.Equal),
        ("!=", ThresholdOperator.NotEqual), ("<", ThresholdOperator.Less), (">", ThresholdOperator.Greater),
    ];

    public static Threshold? Parse(string expression, out string? error)
    {
        var text = expression.Trim();
        var at = 0;
        error = text.Length == 0 ? "the expression is empty." : null;
        if (error is not null)
        {
            return null;
        }

        var (scope, step) = (ThresholdScope.Requests, (string?)null);
        if (text.StartsWith("step:", StringComparison.Ordinal))
        {
            at = "step:".Length;
            step = Word(text, ref at);
            if (step.Length == 0)
            {
                error = "expected a step name after 'step:'.";
                return null;
            }

            scope = ThresholdScope.Step;
        }
        else if (text.StartsWith("iteration", StringComparison.Ordinal) && text.Length > 9 && char.IsWhiteSpace(text[9]))
        {
            at = 9;
            scope = ThresholdScope.Iterations;
        }

        SkipSpaces(text, ref at);
        var metricName = Take(text, ref at, c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.');
        if (metricName.Length == 0 || !char.IsAsciiLetterLower(metricName[0]))
        {
            var found = metricName + Word(text, ref at);
            error = $"expected a metric name (lowercase letters, digits and '_'), found '{found}'.";
            return null;
        }

        var metric = ThresholdMetric.Resolve(metricName, out error);
        if (metric is null)
        {
            return null;
        }

        if (metric.ScenarioLevel && scope == ThresholdScope.Step)
        {
            error = $"{metricName} is a scenario metric; it cannot be scoped to a step.";
            return null;
        }

        SkipSpaces(text, ref at);
        var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, at, o.Text, 0, o.Text.Length) == 0);
        if (op.Text is null)
        {
            error = at < text.Length && text[at] == '='
                ? "'=' is not an operator; write '=='."
                : $"expected an operator (<, <=, >, >=, == or !=) after '{metricName}'.";
            return null;
        }

        at += op.Text.Length;
        SkipSpaces(text, ref at);
        var value = Word(text, ref at);
        if (value.Length == 0)
        {
            error = $"expected a value after '{op.Text}'.";
            return null;
        }

        var limit = Limit(metric, value, op.Text, out error);
        if (limit is null)
        {
            return null;
        }

        SkipSpaces(text, ref at);
        if (at < text.Length)
        {
            error = $"unexpected '{Word(text, ref at)}' after the value.";
            return null;
        }

        return Threshold.Create(text, scope, step, metric, op.Op, limit.Value);
    }

    private static double? Limit(ThresholdMetric metric, string value, string op, out string? error)
    {
        error = null;
        var numberLength = value.TakeWhile(c => char.IsAsciiDigit(c) || c is '.' or '-' or '+').Count();
        var unit = value[numberLength..];
        if (!double.TryParse(value.AsSpan(0, numberLength), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var number) || (unit.Length > 0 && !char.IsLetter(unit[0]) && unit[0] != '%'))
        {
            error = $"expected a number after '{op}', found '{value}'.";
            return null;
        }

        if (number < 0)
        {
            error = "the value must not be negative.";
            return null;
        }

        double? scale = unit switch
        {
            "" => 1,
            "us" or "µs" => 0.001,
            "ms" => 1,
            "s" => 1000,
            "m" => 60_000,
            "%" => 0.01,
            _ => null,
        };
        if (scale is null)
        {
            error = $"unknown unit '{unit}' (us, ms, s, m or %).";
            return null;
        }

        var name = metric.Name;
        error = metric.Unit switch
        {
            MetricUnit.Duration when unit is "" or "%" => $"{name} is a latency; give a unit (us, ms, s or m), as in '{name} {op} {value}ms'.",
            MetricUnit.Ratio when unit is not ("" or "%") => $"{name} is a ratio; give a fraction (0.01) or a percentage (1%), not '{unit}'.",
            MetricUnit.Count or MetricUnit.PerSecond when unit.Length > 0 => $"{name} is a number; it takes no unit, found '{unit}'.",
            _ => null,
        };
        return error is null ? number * scale : null;
    }

    private static void SkipSpaces(string text, ref int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }
    }

    private static string Word(string text, ref int at) => Take(text, ref at, c => !char.IsWhiteSpace(c));

    private static string Take(string text, ref int at, Func<char, bool> accept)
    {
        var start = at;
        while (at < text.Length && accept(text[at]))
        {
            at++;
        }

        return text[start..at];
    }
}
