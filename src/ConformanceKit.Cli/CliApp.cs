using ConformanceKit.Cli.Commands;

namespace ConformanceKit.Cli;

/// <summary>The <c>conformancekit</c> command: dispatches to a sub-command and maps failures to exit codes.
/// Callable in-process (tests pass their own writers).</summary>
public static class CliApp
{
    public const string Usage = """
        conformancekit: checks that an HTTP server implements conditional requests (RFC 9110 section 13).

        Usage:
          conformancekit run --target NAME [--targets FILE] [--suite PATH]... [--only ID-OR-SECTION]...
                             [--exclude ID-OR-SECTION]... [--report DIR] [--json FILE] [--junit FILE] [--seed N]
                             [--fail-on must|should|any] [--baseline FILE [--strict-baseline]] [--parallel N]
                             [--timeout D] [--request-timeout D] [--max-body-bytes N] [--quiet]
          conformancekit validate [--targets FILE] [--suite PATH]... [--baseline FILE]
          conformancekit list [--suite PATH]... [--json | --markdown]
          conformancekit explain ID [--suite PATH]...
          conformancekit serve [--urls URLS] [--defect NAME]... [--require-preconditions] [--store memory|sqlite:PATH] [--cors-origin ORIGIN|*|none]...
          conformancekit serve --server nginx|apache2 [--port N]
          conformancekit load --target NAME [--targets FILE] --workload revalidating-readers|contended-writers|mixed
                              --duration D (--users N | --rate R [--max-in-flight N]) [--threshold EXPR]...
                              [--abort-on-breach] [--no-default-thresholds] [--json FILE] [--report DIR] [--seed N]
                              [--resources N] [--allow-remote]
          conformancekit load --target NAME --plan NAME|FILE (suites/load/NAME.json) [--threshold EXPR]... [--seed N] ...
          conformancekit bench [--duration 10s] [--connections 8] [--threads 2] [--rounds 2]
          conformancekit bench races [--windows 1ms,100us,10us,0] [--runs R] [--duration 2s] [--clients N] [--seed N] [--verbose]
          conformancekit bench real-races [--servers nginx,apache2] [--clients 16] [--rounds 10] [--sizes 100,1MiB] [--seed N] [--verbose]
          conformancekit help

        Exit codes: 0 conformant, 1 non-conformant, 2 usage or configuration error, 3 the run could not be carried out
        (run: also when its --timeout ran out; the reports are still written).
        (load: 0 every threshold held, 1 a threshold was breached.)
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var command = args.Count > 0 ? args[0] : "help";
        var rest = args.Skip(1).ToList();
        try
        {
            return command switch
            {
                "run" => await RunCommand.ExecuteAsync(rest, output, error, cancellationToken).ConfigureAwait(false),
                "validate" => ValidateCommand.Execute(rest, output, Environment.GetEnvironmentVariable),
                "list" => ListCommand.Execute(rest, output),
                "explain" => ExplainCommand.Execute(rest, output),
                "serve" => await ServeCommand.ExecuteAsync(rest, output, cancellationToken).ConfigureAwait(false),
                "load" => await LoadCommand.ExecuteAsync(rest, output, error, cancellationToken).ConfigureAwait(false),
                "bench" => await BenchCommand.ExecuteAsync(rest, output, error, cancellationToken).ConfigureAwait(false),
                "help" or "--help" or "-h" => Help(output),
                _ => throw new UsageException($"unknown command '{command}'"),
            };
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}\n\n{Usage}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (ConfigurationException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Targets.TargetUnreachableException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.CannotRun;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("error: cancelled before the run completed; no report was written").ConfigureAwait(false);
            return ExitCodes.CannotRun;
        }
        catch (IOException e)
        {
            // E.g. the serve port is taken, or a report folder cannot be written.
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.CannotRun;
        }
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine(Usage);
        return ExitCodes.Conformant;
    }
}
