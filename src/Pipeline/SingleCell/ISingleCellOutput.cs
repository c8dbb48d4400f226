using System.Text.Json;
using HybridLfp.Streaming.Numerics.Simulation;

namespace HybridLfp.Streaming.Pipeline.SingleCell;

/// <summary>
/// Extension point of <c>hlfp cell</c>: an extra output (e.g. electrode probes: M, lfp, eeg) computed from the
/// placed cell and its membrane currents. <see cref="Prepare"/> is called once the cell is built and transformed;
/// it may add sinks that receive every recorded imem sample. <see cref="Write"/> then writes its keys into the
/// <c>outputs</c> object.
/// </summary>
public interface ISingleCellOutput
{
    /// <summary>Reads what it needs from the case and registers its sinks.</summary>
    void Prepare(SingleCellRunContext context, ICollection<IMembraneCurrentSink> sinks);

    /// <summary>Writes its properties (name + value pairs) into the open outputs object.</summary>
    void Write(Utf8JsonWriter writer);
}
