namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>`hlfp spikes info|convert|generate`: spike files (NEST, SONATA, CSV) and generators.</summary>
internal sealed class SpikesCommand : ICliCommand
{
    public string Name => "spikes";

    public string Summary => "spike files: info (counts, ranges, sums), convert, generate";

    public Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var rest = args.Skip(1).ToArray();
        switch (args.Count > 0 ? args[0] : string.Empty)
        {
            case "info":
                return SpikesInfoCommand.RunAsync(rest, stdout, stderr, cancellationToken);
            case "convert":
                return SpikesConvertCommand.RunAsync(rest, stdout, stderr, cancellationToken);
            case "generate":
                return SpikesGenerateCommand.RunAsync(rest, stdout, stderr, cancellationToken);
            default:
                stderr.WriteLine("usage: hlfp spikes info FILES… [--json] [--resolution MS] [--names A,B,…] [--skip-malformed]");
                stderr.WriteLine("       hlfp spikes convert IN… -o OUT.(h5|dat|csv) [--t-start MS] [--t-stop MS] [--populations A,B] [--ids LO-HI,…]");
                stderr.WriteLine("       hlfp spikes generate poisson|fixed|profile … -o OUT.(h5|dat|csv)   (see 'hlfp spikes generate --help')");
                return Task.FromResult(2);
        }
    }
}
