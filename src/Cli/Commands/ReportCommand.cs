using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Pipeline.Reporting;

namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>`hlfp report OUTDIR [-o FILE.html]`: the HTML report of a run from the files it wrote.</summary>
internal sealed class ReportCommand : ICliCommand
{
    public string Name => "report";

    public string Summary => "write report.html (summary, spikes, LFP, CSD, spectra) from a run's output folder";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Count == 0 || args[0] is "-h" or "--help")
        {
            stdout.WriteLine("usage: hlfp report OUTDIR [-o REPORT.html]");
            stdout.WriteLine("  reads OUTDIR/run.json and OUTDIR/signals.h5 (and the spike files run.json names);");
            stdout.WriteLine("  writes a self-contained HTML page (inline SVG), OUTDIR/report.html by default.");
            return args.Count == 0 ? 2 : 0;
        }

        string? output = null;
        string? folder = null;
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] is "-o" or "--out")
            {
                output = i + 1 < args.Count ? args[++i] : throw new InputException(args[i], "expects a file name");
            }
            else if (folder is null && !args[i].StartsWith('-'))
            {
                folder = args[i];
            }
            else
            {
                throw new InputException(args[i], "unexpected argument; usage: hlfp report OUTDIR [-o REPORT.html]");
            }
        }

        var path = await RunOutputReport.WriteAsync(folder!, output, cancellationToken).ConfigureAwait(false);
        stdout.WriteLine($"wrote {path}");
        return 0;
    }
}
