using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klima.Api.Domain;

namespace Klima.Api.Infrastructure.Localization;

/// <summary>
/// A <see cref="Text"/> kept in the database as message keys and arguments (JSON), so that a stored sentence (a case's
/// route explanation) is said at read time in the reader's language rather than frozen in its writer's.
/// <code>{"key":"Routing.Matched","args":["Fælles sag",10,{"key":"Routing.AnyInterest","args":[]},{"term":"StepRole.Decision"},{"date":"2026-07-01"}]}</code>
/// Arguments: null, strings (data people entered: names, reasons), numbers, nested texts, terms (enum values said by
/// their names), dates and instants. Anything else cannot be stored structured: <see cref="TryWrite"/> answers null and
/// the caller keeps only the sentence said in its own language.
/// </summary>
internal static class TextJson
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The text as JSON, or null when an argument has no stored form or the JSON is longer than <paramref name="maxLength"/>.</summary>
    public static string? TryWrite(Text text, int maxLength = 4000)
    {
        var node = Node(text);
        if (node is null)
        {
            return null;
        }
        // Names stay readable in the column (and short: "æ" is one character, not six).
        var json = node.ToJsonString(Relaxed);
        return json.Length <= maxLength ? json : null;
    }

    /// <summary>The stored text, or null when <paramref name="json"/> is empty or not a stored text.</summary>
    public static Text? Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(json) is JsonObject o ? ReadText(o) : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonObject? Node(Text text)
    {
        var args = new JsonArray();
        foreach (var arg in text.Args)
        {
            if (!TryArg(arg, out var node))
            {
                return null;
            }
            args.Add(node);
        }
        return new JsonObject { ["key"] = text.Key, ["args"] = args };
    }

    private static bool TryArg(object? arg, out JsonNode? node)
    {
        node = null;
        switch (arg)
        {
            case null:
                return true;
            case string s:
                node = JsonValue.Create(s);
                return true;
            case int or long or short or byte:
                node = JsonValue.Create(Convert.ToInt64(arg, CultureInfo.InvariantCulture));
                return true;
            case Text t:
                node = Node(t);
                return node is not null;
            case Term t:
                node = new JsonObject { ["term"] = t.Key };
                return true;
            case Enum e:
                // Said by its name when the catalogue has one, as the live text would be; else by its value.
                var key = $"{e.GetType().Name}.{e}";
                node = Messages.Find(key, Messages.Danish) is null ? JsonValue.Create(e.ToString()) : new JsonObject { ["term"] = key };
                return true;
            case DateOnly d:
                node = new JsonObject { ["date"] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
                return true;
            case DateTimeOffset at:
                node = new JsonObject { ["at"] = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) };
                return true;
            default:
                return false;
        }
    }

    private static Text ReadText(JsonObject o)
    {
        var key = o["key"]?.GetValue<string>() ?? throw new FormatException("A stored text has no key.");
        var args = (o["args"] as JsonArray ?? []).Select(ReadArg).ToArray();
        return new Text(key, args);
    }

    private static object? ReadArg(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<long>(),
        JsonObject o when o.ContainsKey("key") => ReadText(o),
        JsonObject o when o["term"] is { } term => new Term(term.GetValue<string>()),
        JsonObject o when o["date"] is { } date => DateOnly.ParseExact(date.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        JsonObject o when o["at"] is { } at => DateTimeOffset.Parse(at.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        _ => throw new FormatException("An argument of a stored text has an unknown form."),
    };
}
