using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Klima.Api.Tests.Features.OParl;

/// <summary>
/// The rules of OParl 1.1 that every response must keep, as the conformance tests check them: required fields per
/// type (our own list, read from the standard's JSON schemas plus what Klima promises to always give), value
/// formats, omitted absent values, CORS, no cookies, and that nothing restricted ever appears.
/// </summary>
public static partial class OParlConformance
{
    public const string TypePrefix = "https://schema.oparl.org/1.1/";

    /// <summary>Fields each type must carry. "person"/"body" back references are left out when an object is embedded.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Required = new Dictionary<string, string[]>
    {
        ["System"] = ["id", "type", "oparlVersion", "body"],
        ["Body"] = ["id", "type", "system", "name", "organization", "person", "meeting", "paper", "legislativeTerm", "created", "modified"],
        ["Organization"] = ["id", "type", "body", "name", "organizationType", "classification", "created", "modified"],
        ["Person"] = ["id", "type", "body", "name", "created", "modified"],
        ["Membership"] = ["id", "type", "person", "organization", "startDate", "created", "modified"],
        ["LegislativeTerm"] = ["id", "type", "body", "name", "startDate", "endDate"],
        ["Meeting"] = ["id", "type", "created", "modified"],
        ["AgendaItem"] = ["id", "type", "created", "modified"],
        ["Paper"] = ["id", "type", "body", "created", "modified"],
        ["Consultation"] = ["id", "type", "created", "modified"],
        ["File"] = ["id", "type", "accessUrl", "created", "modified"],
    };

    /// <summary>Properties whose value is a date-time (yyyy-mm-ddThh:mm:ss±hh:mm, no fractions).</summary>
    private static readonly HashSet<string> DateTimeProperties = new(StringComparer.Ordinal)
    {
        "created", "modified", "start", "end", "licenseValidSince", "oparlSince", "publishedDate",
    };

    /// <summary>Properties whose value is a date (yyyy-mm-dd).</summary>
    private static readonly HashSet<string> DateProperties = new(StringComparer.Ordinal)
    {
        "startDate", "endDate", "date", "klima:startDate", "klima:endDate",
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")]
    public static partial Regex DateTimeFormat();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    public static partial Regex DateFormat();

    public static string ShortType(JsonObject json)
    {
        var type = json["type"]?.GetValue<string>() ?? throw new AssertionException($"An object has no type: {json.ToJsonString()}");
        type.ShouldStartWith(TypePrefix, customMessage: $"type of {json["id"]}");
        return type[TypePrefix.Length..];
    }

    public static bool IsTombstone(JsonObject json) => json["deleted"]?.GetValue<bool>() == true;

    /// <summary>Checks one object (and everything embedded in it); returns its failures.</summary>
    public static IEnumerable<string> Check(JsonObject json, bool embedded = false)
    {
        var id = json["id"]?.ToString() ?? "(no id)";
        var type = ShortType(json);
        if (IsTombstone(json))
        {
            var keys = json.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
            if (!keys.SequenceEqual(["deleted", "id", "modified", "type"]))
            {
                yield return $"{id}: a tombstone carries id, type, modified and deleted only, not {string.Join(", ", keys)}";
            }
        }
        else
        {
            if (!Required.TryGetValue(type, out var required))
            {
                yield return $"{id}: unexpected type {type}";
                yield break;
            }
            foreach (var field in required.Where(f => !(embedded && f is "person" or "body")))
            {
                if (json[field] is null)
                {
                    yield return $"{id}: {type} lacks required '{field}'";
                }
            }
            if (json.ContainsKey("deleted"))
            {
                yield return $"{id}: deleted is only written on tombstones";
            }
        }
        foreach (var failure in CheckValues(id, json))
        {
            yield return failure;
        }
    }

    private static IEnumerable<string> CheckValues(string id, JsonObject json)
    {
        foreach (var (name, value) in json)
        {
            switch (value)
            {
                case null:
                    yield return $"{id}: '{name}' is null (absent values are omitted)";
                    break;
                case JsonValue v when v.TryGetValue<string>(out var text):
                    if (text.Length == 0) yield return $"{id}: '{name}' is an empty string";
                    if (DateTimeProperties.Contains(name) && !DateTimeFormat().IsMatch(text)) yield return $"{id}: '{name}' = '{text}' is not yyyy-mm-ddThh:mm:ss±hh:mm";
                    if (DateProperties.Contains(name) && !DateFormat().IsMatch(text)) yield return $"{id}: '{name}' = '{text}' is not yyyy-mm-dd";
                    break;
                case JsonArray array:
                    if (array.Count == 0) yield return $"{id}: '{name}' is an empty array";
                    foreach (var item in array)
                    {
                        if (item is null) yield return $"{id}: '{name}' holds a null";
                        if (item is JsonObject inner && inner["type"] is not null)
                        {
                            foreach (var failure in Check(inner, embedded: true)) yield return failure;
                        }
                        else if (item is JsonObject plain)
                        {
                            foreach (var failure in CheckValues($"{id} {name}[]", plain)) yield return failure;
                        }
                    }
                    break;
                case JsonObject inner when inner["type"] is not null:
                    foreach (var failure in Check(inner, embedded: true)) yield return failure;
                    break;
                case JsonObject plain:
                    foreach (var failure in CheckValues($"{id} {name}", plain)) yield return failure;
                    break;
            }
        }
    }

    /// <summary>Every absolute URL in an object (its id excluded) that points into the OParl view.</summary>
    public static IEnumerable<string> LinksIn(JsonNode? node, string root)
    {
        switch (node)
        {
            case JsonValue v when v.TryGetValue<string>(out var text) && text.StartsWith(root, StringComparison.Ordinal):
                yield return text;
                break;
            case JsonArray array:
                foreach (var link in array.SelectMany(i => LinksIn(i, root))) yield return link;
                break;
            case JsonObject obj:
                foreach (var link in obj.SelectMany(p => LinksIn(p.Value, root))) yield return link;
                break;
        }
    }

    /// <summary>The response-level rules: 200, JSON, CORS, no cookies.</summary>
    public static async Task<(JsonObject Json, string Text)> FetchAsync(HttpClient client, string url, params string[] forbidden)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}: {text}");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json", $"GET {url}");
        response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins).ShouldBeTrue($"GET {url} lacks Access-Control-Allow-Origin");
        origins!.ShouldBe(["*"]);
        response.Headers.Contains("Set-Cookie").ShouldBeFalse($"GET {url} set a cookie; the view is stateless");
        var decoded = JsonNode.Parse(text)!.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        foreach (var secret in forbidden)
        {
            text.ShouldNotContain(secret, Case.Insensitive, $"GET {url} leaked restricted data");
            decoded.ShouldNotContain(secret, Case.Insensitive, $"GET {url} leaked restricted data");
        }
        return (JsonNode.Parse(text)!.AsObject(), text);
    }
}
