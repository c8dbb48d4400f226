using HybridLfp.Streaming.Pipeline.SingleCell;

namespace HybridLfp.Streaming.Cli.Commands;

/// <summary>`hlfp cell CASE.json -o OUT.json`: simulates one cell described like a reference case's inputs.</summary>
internal sealed class CellCommand : ICliCommand
{
    public string Name => "cell";

    public string Summary => "simulate one cell from a case file (inputs as in ../shared/reference): hlfp cell CASE.json -o OUT.json";

    public Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var (input, output, help) = CommandLineArguments.ParseInputOutput(args, "hlfp cell CASE.json [-o OUT.json]");
        if (help)
        {
            stdout.WriteLine("usage: hlfp cell CASE.json [-o OUT.json]");
            stdout.WriteLine("  Runs the single-cell case (LFPy.Cell + synapses + fixed-step simulation) and writes the");
            stdout.WriteLine("  outputs (geometry, tvec, somav, vmem, imem, isyn, cdm) as JSON; timing goes to stderr.");
            return Task.FromResult(0);
        }

        var result = new SingleCellCaseRunner(() => [new Pipeline.Forward.CellProbesOutput()]).RunFile(input, cancellationToken);
        stderr.WriteLine(
            $"hlfp cell: {result.Cell.SegmentCount} segments, {result.Steps} steps of {result.Case.DtMs} ms: " +
            $"simulation {result.SimulationSeconds:F3} s wall ({result.SimulationCpuSeconds:F3} s CPU), " +
            $"{result.CompartmentStepsPerSecond:E3} compartment-steps/s");
        if (output is not null)
        {
            using var stream = File.Create(output);
            SingleCellOutputWriter.Write(result, stream);
        }
        else
        {
            using var buffer = new MemoryStream();
            SingleCellOutputWriter.Write(result, buffer);
            stdout.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            stdout.WriteLine();
        }

        return Task.FromResult(0);
    }
}
