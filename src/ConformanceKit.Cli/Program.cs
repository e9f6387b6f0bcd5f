using ConformanceKit.Cli;
using ConformanceKit.Cli.Commands;

// Before any socket exists: the load generators run socket completions inline (see SocketCompletions).
SocketCompletions.ChooseFor(args);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await CliApp.RunAsync(args, Console.Out, Console.Error, cancel.Token).ConfigureAwait(false);
