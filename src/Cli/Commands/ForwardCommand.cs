using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Pipeline.Forward;

namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>`hlfp forward CASE.json -o OUT.json`: evaluates the LFPykit forward models of a case file.</summary>
internal sealed class ForwardCommand : ICliCommand
{
    public string Name => "forward";

    public string Summary => "evaluate LFPykit forward models of a case (CASE.json -o OUT.json)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        const string usage = "hlfp forward CASE.json -o OUT.json";
        var (input, output, help) = CommandLineArguments.ParseInputOutput(args, usage);
        if (help)
        {
            stdout.WriteLine("usage: " + usage);
            stdout.WriteLine("  CASE.json: {cell, I, p, models: [{model, params, ...}]} (lfpykit_models_* schema)");
            stdout.WriteLine("  OUT.json: for every model its matrix M and the products the entry lists (M_at_I, M_at_p, H, B, ...)");
            return 0;
        }

        if (output is null)
        {
            throw new InputException("arguments", "missing -o OUT.json; usage: " + usage);
        }

        var count = await LfpykitCaseRunner.RunFileAsync(input, output, cancellationToken).ConfigureAwait(false);
        stdout.WriteLine($"hlfp forward: {count} models evaluated, written to {output}");
        return 0;
    }
}
