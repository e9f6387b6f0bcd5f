using ConformanceKit.Cli;

namespace ConformanceKit.Tests.Cli;

/// <summary>The tool finds its own catalog and targets when the working directory has none: they are copied beside
/// the assembly (and so into the tool package), as they are beside this test's assembly.</summary>
public sealed class DefaultPathsTests
{
    [Fact]
    public void The_catalog_and_targets_installed_beside_the_assembly_are_found()
    {
        var installed = Path.Combine(AppContext.BaseDirectory, DefaultPaths.SuitesFolderName);

        Directory.EnumerateFiles(installed, "*.json").ShouldContain(f => Path.GetFileName(f) == "9110-13.1.1-if-match.json");
        File.Exists(Path.Combine(AppContext.BaseDirectory, DefaultPaths.TargetsFileName)).ShouldBeTrue();
        File.Exists(DefaultPaths.TargetsFile).ShouldBeTrue("the working directory's targets.json, or the installed one");
    }

    [Fact]
    public void A_targets_file_without_suites_beside_it_falls_back_to_a_catalog_that_exists()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ck-paths-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var suites = DefaultPaths.SuitesFor(Path.Combine(folder, "targets.json"));

            Directory.Exists(suites).ShouldBeTrue(suites);
            Directory.EnumerateFiles(suites, "*.json").ShouldNotBeEmpty();
            Directory.CreateDirectory(Path.Combine(folder, "suites"));
            DefaultPaths.SuitesFor(Path.Combine(folder, "targets.json")).ShouldBe(Path.Combine(folder, "suites"), "suites beside the targets file win");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
