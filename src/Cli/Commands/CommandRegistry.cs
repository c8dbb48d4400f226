namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>All sub-commands, in the order `hlfp --help` lists them. Add one line per new command.</summary>
internal static class CommandRegistry
{
    public static IReadOnlyList<ICliCommand> All { get; } =
    [
        new VersionCommand(),
        new CellCommand(),
        new MorphologyCommand(),
        new PlotCommand(),
        new SpikesCommand(),
        new ForwardCommand(),
        new ReportCommand(),
        new DemoCommand(),
        new MpiSelfTestCommand(),
        new RunCommand(),
        new MpiSelfTestCommand(),
    ];
}
