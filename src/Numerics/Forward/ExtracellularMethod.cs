namespace HybridLfp.Streaming.Numerics.Forward;

/// <summary>How a segment is treated as a current source (LFPy's <c>method</c> argument).</summary>
public enum ExtracellularMethod
{
    /// <summary>Every segment a straight line source with uniform current density ("linesource").</summary>
    LineSource,

    /// <summary>Every segment a point source at its midpoint ("pointsource").</summary>
    PointSource,

    /// <summary>The root segment (index 0, the soma in LFPy order) a point source at its midpoint, all others
    /// line sources ("root_as_point").</summary>
    RootAsPoint,
}

/// <summary>Parsing of LFPy's method names.</summary>
public static class ExtracellularMethods
{
    /// <summary>"linesource", "pointsource" or "root_as_point".</summary>
    public static ExtracellularMethod Parse(string name, string parameterName = "method") => name switch
    {
        "linesource" => ExtracellularMethod.LineSource,
        "pointsource" => ExtracellularMethod.PointSource,
        "root_as_point" => ExtracellularMethod.RootAsPoint,
        _ => throw new ArgumentException($"{parameterName} must be 'linesource', 'pointsource' or 'root_as_point'; got '{name}'.", parameterName),
    };

    /// <summary>LFPy's name of the method.</summary>
    public static string ToLfpyName(this ExtracellularMethod method) => method switch
    {
        ExtracellularMethod.LineSource => "linesource",
        ExtracellularMethod.PointSource => "pointsource",
        _ => "root_as_point",
    };
}
