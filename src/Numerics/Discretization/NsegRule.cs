using System.Collections.Immutable;

namespace HybridLfp.Streaming.Numerics.Discretization;

/// <summary>How the number of segments per section (NEURON's <c>nseg</c>) is chosen, as LFPy's <c>nsegs_method</c>.</summary>
public enum NsegMethod
{
    /// <summary>nseg given per section (sections not listed keep <see cref="NsegRule.DefaultNseg"/>).</summary>
    Fixed,

    /// <summary>LFPy's d_lambda rule: <c>int((L/(d_lambda·lambda_f(f)) + 0.9)/2)·2 + 1</c>.</summary>
    LambdaF,

    /// <summary>LFPy's <c>fixed_length</c>: <c>int(L/max_length) + 1</c>.</summary>
    FixedLength,
}

/// <summary>
/// The nseg rule of a cell. Create with <see cref="Fixed"/>, <see cref="LambdaF"/> or <see cref="FixedLength"/>.
/// </summary>
/// <param name="Method">which rule.</param>
/// <param name="PerSection">nseg by section name (Fixed only).</param>
/// <param name="DefaultNseg">nseg of sections not in <paramref name="PerSection"/> (Fixed only; NEURON's default is 1).</param>
/// <param name="FrequencyHz">AC frequency of the length constant, Hz (LambdaF only).</param>
/// <param name="DLambda">maximum segment length as a fraction of the AC length constant (LambdaF only).</param>
/// <param name="MaxLengthUm">maximum segment length, µm (FixedLength only).</param>
public sealed record NsegRule(
    NsegMethod Method,
    ImmutableDictionary<string, int> PerSection,
    int DefaultNseg,
    double FrequencyHz,
    double DLambda,
    double MaxLengthUm)
{
    /// <summary>nseg given per section name; unlisted sections get <paramref name="defaultNseg"/>.</summary>
    public static NsegRule Fixed(IReadOnlyDictionary<string, int> perSection, int defaultNseg = 1)
    {
        foreach (var (name, n) in perSection)
        {
            if (n < 1)
            {
                throw new InputException("nseg", $"section '{name}': nseg must be ≥ 1, got {n}.");
            }
        }

        return new(NsegMethod.Fixed, perSection.ToImmutableDictionary(StringComparer.Ordinal), defaultNseg, 0, 0, 0);
    }

    /// <summary>LFPy's lambda_f rule at <paramref name="frequencyHz"/> (Hz) with <paramref name="dLambda"/> (LFPy default 0.1).</summary>
    public static NsegRule LambdaF(double frequencyHz, double dLambda)
    {
        if (!(frequencyHz > 0) || !(dLambda > 0))
        {
            throw new InputException("nseg", $"lambda_f rule needs frequency > 0 and d_lambda > 0, got {frequencyHz} Hz and {dLambda}.");
        }

        return new(NsegMethod.LambdaF, ImmutableDictionary<string, int>.Empty, 1, frequencyHz, dLambda, 0);
    }

    /// <summary>LFPy's fixed_length rule: every segment shorter than <paramref name="maxLengthUm"/> (µm).</summary>
    public static NsegRule FixedLength(double maxLengthUm)
    {
        if (!(maxLengthUm > 0))
        {
            throw new InputException("nseg", $"fixed_length rule needs a maximum length > 0 µm, got {maxLengthUm}.");
        }

        return new(NsegMethod.FixedLength, ImmutableDictionary<string, int>.Empty, 1, 0, 0, maxLengthUm);
    }
}
