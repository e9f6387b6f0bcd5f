namespace ConformanceKit.Tests.Cli;

/// <summary><c>serve --store</c> takes <c>memory</c> or <c>sqlite:PATH</c>; anything else is a usage error
/// (exit 2) that names the option and the reason, before any server starts. A file that cannot be opened as
/// a store is found only when the server starts: exit 3, like a port in use.</summary>
public sealed class ServeStoreOptionTests
{
    [Theory]
    [InlineData("postgres", "--store: unknown store 'postgres' (use memory, the default, or sqlite:PATH)")]
    [InlineData("", "--store: an empty value (use memory, the default, or sqlite:PATH)")]
    [InlineData("sqlite", "--store: 'sqlite' names no file: write sqlite:PATH")]
    [InlineData("sqlite:", "--store: 'sqlite:' names no file: write sqlite:PATH")]
    [InlineData("sqlite:  ", "--store: 'sqlite:  ' names no file: write sqlite:PATH")]
    [InlineData("memory:/tmp/x", "--store: 'memory:/tmp/x': the in-memory store takes no path")]
    [InlineData("sqlite:/no/such/folder/ck.db", "--store: the folder '/no/such/folder' of 'sqlite:/no/such/folder/ck.db' does not exist")]
    public async Task A_bad_store_is_a_usage_error_naming_the_option_and_the_reason(string value, string reason)
    {
        using var run = new CliRun();

        var code = await run.RunAsync("serve", "--urls", "http://127.0.0.1:0", "--store", value);

        code.ShouldBe(2);
        run.Error.ShouldStartWith($"error: {reason}");
        run.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_file_that_is_not_a_store_cannot_be_served_exit_3_naming_it()
    {
        using var run = new CliRun();
        var file = run.WriteFile("not-a-store.db", "plain text, long enough for SQLite to look at its header and refuse it.");

        var code = await run.RunAsync("serve", "--urls", "http://127.0.0.1:0", "--store", "sqlite:" + file);

        code.ShouldBe(3);
        run.Error.ShouldStartWith($"error: SQLite store '{file}' cannot be opened: ");
    }

    [Fact]
    public async Task The_store_option_is_taken_once()
    {
        using var run = new CliRun();

        var code = await run.RunAsync("serve", "--store", "memory", "--store", "sqlite:x.db");

        code.ShouldBe(2);
        run.Error.ShouldStartWith("error: --store is given 2 times; 'serve' takes it once");
    }
}
