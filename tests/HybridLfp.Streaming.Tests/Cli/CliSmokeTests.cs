using HybridLfp.Streaming.Cli;

namespace HybridLfp.Streaming.Tests.Cli;

public sealed class CliSmokeTests
{
    [Fact]
    public async Task UnknownCommandExitsWithUsageError()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await Program.RunAsync(["no-such-command"], stdout, stderr, CancellationToken.None);
        Assert.Equal(2, code);
        Assert.Contains("unknown command 'no-such-command'", stderr.ToString());
    }

    [Fact]
    public async Task HelpListsVersionCommand()
    {
        var stdout = new StringWriter();
        var code = await Program.RunAsync(["--help"], stdout, TextWriter.Null, CancellationToken.None);
        Assert.Equal(0, code);
        Assert.Contains("version", stdout.ToString());
    }
}
