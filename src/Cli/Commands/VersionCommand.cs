namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>`hlfp version`: prints the tool version and runtime.</summary>
internal sealed class VersionCommand : ICliCommand
{
    public string Name => "version";

    public string Summary => "print the version of hlfp and of the .NET runtime";

    public Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var version = typeof(VersionCommand).Assembly.GetName().Version;
        stdout.WriteLine($"hlfp {version} on .NET {Environment.Version}");
        return Task.FromResult(0);
    }
}
