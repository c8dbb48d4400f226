namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>
/// Passive biophysics and discretization of every cell of a population (LFPy.Cell keyword arguments).
/// </summary>
public sealed record CellParametersDescription
{
    /// <summary>Membrane capacitance, µF/cm².</summary>
    public double CmUfPerCm2 { get; init; } = 1.0;

    /// <summary>Axial resistivity, Ω·cm.</summary>
    public double RaOhmCm { get; init; } = 150.0;

    /// <summary>Passive conductance, S/cm².</summary>
    public double GPasSPerCm2 { get; init; } = 1.0 / 30000;

    /// <summary>Passive reversal potential, mV.</summary>
    public double EPasMv { get; init; } = -65.0;

    /// <summary>Initial membrane potential, mV.</summary>
    public double VInitMv { get; init; } = -65.0;

    public SegmentationMethod Segmentation { get; init; } = SegmentationMethod.LambdaF;

    /// <summary>Frequency of the λ_f rule, Hz.</summary>
    public double LambdaFHz { get; init; } = 100.0;

    /// <summary>Fraction of λ_f per segment (d_lambda), dimensionless.</summary>
    public double DLambda { get; init; } = 0.1;

    /// <summary>Maximum segment length for <see cref="SegmentationMethod.FixedLength"/>, µm.</summary>
    public double FixedLengthUm { get; init; } = 20.0;

    /// <summary>Segments per section for <see cref="SegmentationMethod.Fixed"/>.</summary>
    public int FixedNseg { get; init; } = 1;
}
