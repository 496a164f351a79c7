using System.Text.Json;
using System.Text.Json.Serialization;

namespace Klima.Generator;

/// <summary>What was generated, how long it took, and sample identifiers the benchmark requests (bench.sh reads it with jq).</summary>
internal sealed class Manifest
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public int Seed { get; set; }
    public double Scale { get; set; }
    public string Provider { get; set; } = "";

    /// <summary>The migrations and generator version the data was made with: a schema change makes a reused file stale.</summary>
    public string Fingerprint { get; set; } = "";
    public double Seconds { get; set; }
    public List<PhaseTiming> Phases { get; set; } = [];
    public SortedDictionary<string, long> Counts { get; set; } = [];
    public Dictionary<string, string> Samples { get; set; } = [];

    public sealed record PhaseTiming(string Phase, long Rows, double Seconds);

    /// <summary>Raised when the generator itself changes what it generates.</summary>
    public const int GeneratorVersion = 2;

    public static string CurrentFingerprint(Klima.Api.Infrastructure.Data.DatabaseProvider provider) =>
        $"v{GeneratorVersion}:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n",
            Klima.Api.Infrastructure.Data.Migrator.LoadScripts(provider, "db/migrations/").Concat(Klima.Api.Infrastructure.Data.Migrator.LoadScripts(provider, "db/seed/north-jutland/"))
                .Select(s => s.Name + " " + s.Checksum)))))[..16].ToLowerInvariant();

    public enum State { Different, Extendable, Same }

    /// <summary>Same: reuse the file. Extendable: same seed, scale and generator, older migrations. Different: regenerate.</summary>
    public static State Compare(string path, GeneratorOptions options)
    {
        try
        {
            var existing = File.Exists(path) ? JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), Json) : null;
            if (existing is null || existing.Seed != options.Seed || Math.Abs(existing.Scale - options.Scale) > 1e-9 || existing.Seconds <= 0)
            {
                return State.Different;
            }
            if (existing.Fingerprint == CurrentFingerprint(options.Provider))
            {
                return State.Same;
            }
            return existing.Fingerprint.Split(':')[0] == $"v{GeneratorVersion}" ? State.Extendable : State.Different;
        }
        catch (JsonException)
        {
            return State.Different;
        }
    }
}
