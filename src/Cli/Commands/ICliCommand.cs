namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>One `hlfp` sub-command. Implementations live one per file in this folder.</summary>
internal interface ICliCommand
{
    /// <summary>The word after `hlfp` (e.g. "cell").</summary>
    string Name { get; }

    /// <summary>One line for `hlfp --help`.</summary>
    string Summary { get; }

    /// <summary>Runs the command with the arguments after its name; returns the process exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken);
}
