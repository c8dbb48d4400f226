using System.Text.Json;
using HybridLfp.Streaming.Numerics;
using HybridLfp.Streaming.Numerics.Forward;
using HybridLfp.Streaming.Numerics.Simulation;
using HybridLfp.Streaming.Pipeline.SingleCell;

namespace HybridLfp.Streaming.Pipeline.Forward;

/// <summary>
/// The forward-model outputs of <c>hlfp cell</c>, computed during the simulation (probes at run time, as LFPy's
/// <c>cell.simulate(probes=[…])</c>) from the case's <c>inputs.electrode</c>, <c>aniso_sigma</c>,
/// <c>disk_electrode</c>, <c>four_sphere</c> and <c>infinite_dipole</c>: <c>M</c> and <c>lfp</c> per method
/// (linesource, pointsource, root_as_point, aniso_*, disk; mV/nA and mV), <c>disk_recorded_points</c> (µm),
/// <c>eeg_four_sphere</c> (mV), <c>M_four_sphere</c> (mV per nA·µm) and <c>phi_infinite_dipole</c> (mV). All probes
/// are stacked into one matrix and projected in blocks of samples. Disc points: <c>disk_electrode.points</c>
/// ([contact][n][3], µm) when given, else drawn from <c>disk_electrode.seed</c> (our generator, not numpy's).
/// The recorder is preallocated for the run's sample count (a single-cell run keeps its traces, like LFPy).
/// </summary>
public sealed class CellProbesOutput : ISingleCellOutput
{
    private ProbeSet? _probes;
    private ProjectionRecorder? _recorder;
    private TransformationMatrix? _fourSphere;
    private Vec3[][]? _diskPoints;

    /// <summary>The probe set of the run (null before Prepare or without an electrode).</summary>
    public ProbeSet? Probes => _probes;

    /// <summary>Recorded series per probe name (lfp/METHOD, cdm, eeg_four_sphere, phi_infinite_dipole), rows × samples.</summary>
    public Dictionary<string, double[][]> Results() =>
        _probes is null || _recorder is null ? [] : _probes.Split(_recorder.ToArray());

    public void Prepare(SingleCellRunContext context, ICollection<IMembraneCurrentSink> sinks)
    {
        var inputs = context.Inputs;
        if (!inputs.TryGetProperty("electrode", out var el) || el.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        try
        {
            IReadOnlyList<IReadOnlyList<Vec3>>? given = null;
            if (inputs.TryGetProperty("disk_electrode", out var disk) && disk.ValueKind == JsonValueKind.Object
                && disk.TryGetProperty("points", out var pts) && pts.ValueKind == JsonValueKind.Array)
            {
                given = pts.EnumerateArray().Select(c => (IReadOnlyList<Vec3>)c.EnumerateArray()
                    .Select(p => Vec3.FromArray(p.EnumerateArray().Select(v => v.GetDouble()).ToArray(), "disk_electrode.points")).ToArray()).ToArray();
            }

            var soma = context.Cell.SomaPosition;
            _probes = LfpyCellProbes.Build(inputs, context.Cell.Geometry, new Vec3(soma.X, soma.Y, soma.Z), given, out _diskPoints);
            _fourSphere = LfpyCellProbes.FourSphereMatrix(inputs);
        }
        catch (ArgumentException e)
        {
            throw new InputException(context.Case.Source, $"inputs: {e.Message}", 0, e);
        }
        catch (KeyNotFoundException e)
        {
            throw new InputException(context.Case.Source, $"inputs: {e.Message}", 0, e);
        }

        _recorder = new ProjectionRecorder(_probes.Stacked.Rows, context.SampleCount);
        sinks.Add(_probes.CreateSink(_recorder));
    }

    public void Write(Utf8JsonWriter writer)
    {
        if (_probes is null || _recorder is null)
        {
            return;
        }

        var results = Results();
        var lfp = _probes.Layout.Where(l => l.Name.StartsWith("lfp/", StringComparison.Ordinal)).ToArray();
        writer.WriteStartObject("M");
        foreach (var l in lfp)
        {
            JsonArrayWriter.WriteMatrix(writer, l.Name["lfp/".Length..], l.Matrix.ToJagged());
        }

        writer.WriteEndObject();
        writer.WriteStartObject("lfp");
        foreach (var l in lfp)
        {
            JsonArrayWriter.WriteMatrix(writer, l.Name["lfp/".Length..], results[l.Name]);
        }

        writer.WriteEndObject();
        if (_diskPoints is not null)
        {
            writer.WriteStartArray("disk_recorded_points");
            foreach (var contact in _diskPoints)
            {
                writer.WriteStartArray();
                foreach (var p in contact)
                {
                    writer.WriteStartArray();
                    writer.WriteNumberValue(p.X);
                    writer.WriteNumberValue(p.Y);
                    writer.WriteNumberValue(p.Z);
                    writer.WriteEndArray();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        if (results.TryGetValue("eeg_four_sphere", out var eeg))
        {
            JsonArrayWriter.WriteMatrix(writer, "eeg_four_sphere", eeg);
        }

        if (_fourSphere is not null)
        {
            JsonArrayWriter.WriteMatrix(writer, "M_four_sphere", _fourSphere.ToJagged());
        }

        if (results.TryGetValue("phi_infinite_dipole", out var phi))
        {
            JsonArrayWriter.WriteMatrix(writer, "phi_infinite_dipole", phi);
        }
    }
}
