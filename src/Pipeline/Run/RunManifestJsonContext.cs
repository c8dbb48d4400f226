using System.Text.Json.Serialization;

namespace HybridLfp.Streaming.Pipeline.Run;

/// <summary>
/// run.json's serializer, generated at compile time (snake_case keys, indented, nulls left out, NaN/∞ as named
/// literals): no reflection, so writing the manifest at the end of a run costs microseconds, not the tens of
/// milliseconds the reflection-based serializer spends warming up on first use.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(RunManifest))]
internal sealed partial class RunManifestJsonContext : JsonSerializerContext;
