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
        string? input = null;
        string? output = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-o" or "--output":
                    if (i + 1 >= args.Count)
                    {
                        throw new InputException("arguments", "-o needs a file name.");
                    }

                    output = args[++i];
                    break;
                case "-h" or "--help":
                    stdout.WriteLine("usage: hlfp forward CASE.json -o OUT.json");
                    stdout.WriteLine("  CASE.json: {cell, I, p, models: [{model, params, ...}]} (lfpykit_models_* schema)");
                    stdout.WriteLine("  OUT.json: for every model its matrix M and the products the entry lists (M_at_I, M_at_p, H, B, ...)");
                    return 0;
                default:
                    if (input is not null)
                    {
                        throw new InputException("arguments", $"unexpected argument '{args[i]}'; usage: hlfp forward CASE.json -o OUT.json");
                    }

                    input = args[i];
                    break;
            }
        }

        if (input is null || output is null)
        {
            throw new InputException("arguments", "usage: hlfp forward CASE.json -o OUT.json");
        }

        var count = await LfpykitCaseRunner.RunFileAsync(input, output, cancellationToken).ConfigureAwait(false);
        stdout.WriteLine($"hlfp forward: {count} models evaluated, written to {output}");
        return 0;
    }
}
