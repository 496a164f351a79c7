using System.Globalization;
using System.Text.Json.Nodes;

namespace Klima.Api.Domain.Reports;

/// <summary>One figure that differs between two reports; null on a side where the figure does not exist.</summary>
public sealed record FigureChange(string Path, decimal? Before, decimal? After, decimal? Delta);

/// <summary>
/// Compares the figures (numeric values) of two report documents. Each figure is named by a stable path: array
/// elements are keyed by their id, code, status or state rather than by position, so that a re-ordered list or a
/// new row does not make every later figure look changed. Bookkeeping numbers (ordinal, version, schemaVersion)
/// are not figures.
/// </summary>
public static class FigureDiff
{
    private static readonly string[] KeyProperties = ["id", "code", "status", "state", "key"];
    private static readonly HashSet<string> NotFigures = new(StringComparer.Ordinal) { "ordinal", "version", "schemaVersion" };

    public static (IReadOnlyList<FigureChange> Changes, int Unchanged) Compare(JsonNode? before, JsonNode? after)
    {
        var a = Flatten(before);
        var b = Flatten(after);
        var changes = new List<FigureChange>();
        var unchanged = 0;
        foreach (var path in a.Keys.Union(b.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            decimal? x = a.TryGetValue(path, out var va) ? va : null;
            decimal? y = b.TryGetValue(path, out var vb) ? vb : null;
            if (x == y)
            {
                unchanged++;
                continue;
            }
            changes.Add(new FigureChange(path, x, y, x is not null && y is not null ? y - x : null));
        }
        return (changes, unchanged);
    }

    public static Dictionary<string, decimal> Flatten(JsonNode? node)
    {
        var figures = new Dictionary<string, decimal>(StringComparer.Ordinal);
        Walk(node, "", figures);
        return figures;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, decimal> figures)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (NotFigures.Contains(name))
                    {
                        continue;
                    }
                    Walk(child, path.Length == 0 ? name : $"{path}/{name}", figures);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var key = KeyOf(array[i]) ?? i.ToString(CultureInfo.InvariantCulture);
                    var itemPath = $"{path}[{key}]";
                    // Two rows with the same key (unusual) fall back to their position so neither is lost.
                    if (figures.Keys.Any(k => k.StartsWith(itemPath + "/", StringComparison.Ordinal)))
                    {
                        itemPath = $"{path}[{key}#{i.ToString(CultureInfo.InvariantCulture)}]";
                    }
                    Walk(array[i], itemPath, figures);
                }
                break;
            case JsonValue value when value.TryGetValue<decimal>(out var number):
                figures[path] = number;
                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                figures[path] = decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                break;
        }
    }

    private static string? KeyOf(JsonNode? item)
    {
        if (item is not JsonObject obj)
        {
            return null;
        }
        foreach (var property in KeyProperties)
        {
            if (obj[property] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                return value.GetValue<string>();
            }
        }
        return null;
    }
}
