using System.Globalization;

namespace ConformanceKit.Cli;

/// <summary>
/// Reads <c>--name value</c>, <c>--name=value</c> and <c>--flag</c> options for one command. Every option the
/// command does not take, and every option left without its value, is a <see cref="UsageException"/>.
/// </summary>
public sealed class ArgumentReader
{
    private readonly string _command;
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public ArgumentReader(string command, IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> flagOptions)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(valueOptions);
        ArgumentNullException.ThrowIfNull(flagOptions);
        _command = command;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"'{command}' takes no positional argument '{arg}'");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (flagOptions.Contains(name))
            {
                if (equals > 0)
                {
                    throw new UsageException($"{name} takes no value");
                }

                _flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                string value;
                if (equals > 0)
                {
                    value = arg[(equals + 1)..];
                }
                else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }
                else
                {
                    throw new UsageException($"{name} needs a value");
                }

                if (!_values.TryGetValue(name, out var list))
                {
                    _values[name] = list = [];
                }

                list.Add(value);
            }
            else
            {
                var known = string.Join(" ", valueOptions.Concat(flagOptions).Order(StringComparer.Ordinal));
                throw new UsageException($"'{command}' has no option {name} (options: {known})");
            }
        }
    }

    public bool Flag(string name) => _flags.Contains(name);

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public string? Value(string name)
    {
        var values = All(name);
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw new UsageException($"{name} is given {values.Count} times; '{_command}' takes it once"),
        };
    }

    public string Required(string name, string what) => Value(name) ?? throw new UsageException($"'{_command}' needs {name} {what}");

    public int? WholeNumber(string name)
    {
        var text = Value(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsageException($"{name} must be a whole number, got '{text}'");
    }
}
