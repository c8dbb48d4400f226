namespace HybridLfp.Streaming.Pipeline.Recipe;

/// <summary>Output formats.</summary>
public enum OutputFormat
{
    Hdf5,
    Parquet,
    Csv,
}
