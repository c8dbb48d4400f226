using System.Text.Json;
using HybridLfp.Streaming.Numerics.Cells;

namespace HybridLfp.Streaming.Pipeline.SingleCell;

/// <summary>What an <see cref="ISingleCellOutput"/> gets to prepare itself.</summary>
/// <param name="Inputs">the raw <c>inputs</c> object of the case (valid during Prepare only).</param>
/// <param name="Case">the parsed case.</param>
/// <param name="Cell">the placed cell (after set_pos/set_rotation).</param>
/// <param name="SampleCount">number of recorded samples (sample k at t = k·decimate·dt).</param>
/// <param name="SampleIntervalMs">decimate·dt, ms.</param>
public sealed record SingleCellRunContext(JsonElement Inputs, SingleCellCase Case, Cell Cell, int SampleCount, double SampleIntervalMs);
