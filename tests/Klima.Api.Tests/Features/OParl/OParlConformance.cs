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

    /// <summary>Fields each type must carry. Back references (person, body, meeting, paper) are left out when an object is embedded.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Required = new Dictionary<string, string[]>
    {
        ["System"] = ["id", "type", "oparlVersion", "body"],
        ["Body"] = ["id", "type", "system", "name", "organization", "person", "meeting", "paper", "legislativeTerm", "created", "modified"],
        ["Organization"] = ["id", "type", "body", "name", "organizationType", "classification", "created", "modified"],
        ["Person"] = ["id", "type", "body", "name", "created", "modified"],
        ["Membership"] = ["id", "type", "person", "organization", "startDate", "created", "modified"],
        ["LegislativeTerm"] = ["id", "type", "body", "name", "startDate", "endDate"],
        ["Meeting"] = ["id", "type", "name", "organization", "created", "modified"],
        ["AgendaItem"] = ["id", "type", "meeting", "order", "name", "created", "modified"],
        ["Paper"] = ["id", "type", "body", "name", "reference", "created", "modified"],
        ["Consultation"] = ["id", "type", "paper", "organization", "created", "modified"],
        ["File"] = ["id", "type", "name", "accessUrl", "created", "modified"],
        ["Location"] = ["id", "type", "description", "created", "modified"],
        ["klima:BudgetVersion"] = ["id", "type", "body", "name", "klima:total", "created", "modified"],
        ["klima:Grant"] = ["id", "type", "body", "name", "klima:amount", "klima:state", "created", "modified"],
    };

    /// <summary>
    /// The value kind of each property OParl 1.1 defines for the types Klima serves, written from the specification's
    /// chapter 3 (Schema) tables: url (an absolute URL), urls (an array of them), string, strings, boolean, integer,
    /// date, date-time, object (an embedded object), objects. A property of a served type that is neither listed here nor
    /// vendor-prefixed (klima:) is not OParl (spec 2.9: extensions carry a vendor prefix).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Schema = new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["System"] = Kinds("oparlVersion url, otherOparlVersions urls, license url, body url, name string, contactEmail string, contactName string, " +
                           "website url, vendor url, product url"),
        ["Body"] = Kinds("system url, shortName string, name string, website url, license url, licenseValidSince date-time, oparlSince date-time, " +
                         "ags string, rgs string, equivalent urls, contactEmail string, contactName string, organization url, person url, meeting url, " +
                         "paper url, legislativeTerm objects, agendaItem url, consultation url, file url, locationList url, legislativeTermList url, " +
                         "membership url, classification string, location object"),
        ["Organization"] = Kinds("body url, name string, membership urls, meeting url, consultation url, shortName string, post strings, " +
                                 "subOrganizationOf url, organizationType string, classification string, startDate date, endDate date, website url, " +
                                 "location object, externalBody url"),
        ["Person"] = Kinds("body url, name string, familyName string, givenName string, formOfAddress string, affix string, title strings, " +
                           "gender string, phone strings, email strings, location url, locationObject object, status strings, membership objects, " +
                           "life string, lifeSource string"),
        ["Membership"] = Kinds("person url, organization url, role string, votingRight boolean, startDate date, endDate date, onBehalfOf url"),
        ["LegislativeTerm"] = Kinds("body url, name string, startDate date, endDate date"),
        ["Meeting"] = Kinds("name string, meetingState string, cancelled boolean, start date-time, end date-time, location object, " +
                            "organization urls, participant urls, invitation object, resultsProtocol object, verbatimProtocol object, " +
                            "auxiliaryFile objects, agendaItem objects"),
        ["AgendaItem"] = Kinds("meeting url, number string, order integer, name string, public boolean, consultation url, result string, " +
                               "resolutionText string, resolutionFile object, auxiliaryFile objects, start date-time, end date-time"),
        ["Paper"] = Kinds("body url, name string, reference string, date date, paperType string, relatedPaper urls, superordinatedPaper urls, " +
                          "subordinatedPaper urls, mainFile object, auxiliaryFile objects, location objects, originatorPerson urls, " +
                          "underDirectionOf urls, originatorOrganization urls, consultation objects"),
        ["Consultation"] = Kinds("paper url, agendaItem url, meeting url, organization urls, authoritative boolean, role string"),
        ["File"] = Kinds("name string, fileName string, mimeType string, date date, size integer, sha1Checksum string, sha512Checksum string, " +
                         "text string, accessUrl url, downloadUrl url, externalServiceUrl url, masterFile url, derivativeFile urls, fileLicense url, " +
                         "meeting urls, agendaItem urls, paper urls"),
        ["Location"] = Kinds("description string, geojson object, streetAddress string, room string, postalCode string, subLocality string, " +
                             "locality string, bodies urls, organizations urls, persons urls, meetings urls, papers urls"),
        ["klima:BudgetVersion"] = Kinds("body url, name string"),
        ["klima:Grant"] = Kinds("body url, name string"),
    };

    /// <summary>Properties every object may carry (spec 3: "Eigenschaften, die alle Objekte haben").</summary>
    private static readonly Dictionary<string, string> Common =
        Kinds("id url, type string, created date-time, modified date-time, deleted boolean, keyword strings, web url, license url");

    private static Dictionary<string, string> Kinds(string spec) =>
        spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(' ')).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static bool IsUrl(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var text) && Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsKind(JsonNode? node, string kind) => kind switch
    {
        "url" => IsUrl(node),
        "urls" => node is JsonArray a && a.All(IsUrl),
        "string" => node is JsonValue v && v.TryGetValue<string>(out _),
        "strings" => node is JsonArray a && a.All(i => i is JsonValue v && v.TryGetValue<string>(out _)),
        "boolean" => node is JsonValue v && v.TryGetValue<bool>(out _),
        "integer" => node is JsonValue v && v.TryGetValue<long>(out _),
        "date" => node is JsonValue v && v.TryGetValue<string>(out var d) && DateFormat().IsMatch(d),
        "date-time" => node is JsonValue v && v.TryGetValue<string>(out var t) && DateTimeFormat().IsMatch(t),
        "object" => node is JsonObject,
        "objects" => node is JsonArray a && a.All(i => i is JsonObject),
        _ => false,
    };

    /// <summary>Each property's value kind against the schema; unknown properties must be vendor-prefixed.</summary>
    private static IEnumerable<string> CheckKinds(string id, string type, JsonObject json)
    {
        var schema = Schema.TryGetValue(type, out var known) ? known : new Dictionary<string, string>();
        foreach (var (name, value) in json)
        {
            if (name.StartsWith("klima:", StringComparison.Ordinal)) continue;
            var kind = schema.TryGetValue(name, out var k) ? k : Common.TryGetValue(name, out var c) ? c : null;
            if (kind is null)
            {
                yield return $"{id}: '{name}' is not a property of {type} in OParl 1.1 and has no vendor prefix";
            }
            else if (!IsKind(value, kind))
            {
                yield return $"{id}: '{name}' of {type} must be {kind}, not {value?.ToJsonString()}";
            }
        }
    }

    /// <summary>Properties whose value is a date-time (yyyy-mm-ddThh:mm:ss±hh:mm, no fractions).</summary>
    private static readonly HashSet<string> DateTimeProperties = new(StringComparer.Ordinal)
    {
        "created", "modified", "start", "end", "licenseValidSince", "oparlSince", "publishedDate",
    };

    /// <summary>Properties whose value is a date (yyyy-mm-dd).</summary>
    private static readonly HashSet<string> DateProperties = new(StringComparer.Ordinal)
    {
        "startDate", "endDate", "date", "klima:startDate", "klima:endDate", "klima:date", "klima:deadline", "klima:decidedOn",
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")]
    public static partial Regex DateTimeFormat();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    public static partial Regex DateFormat();

    public static string ShortType(JsonObject json)
    {
        var type = json["type"]?.GetValue<string>() ?? throw new AssertionException($"An object has no type: {json.ToJsonString()}");
        if (type.StartsWith("klima:", StringComparison.Ordinal)) return type;
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
            // Spec 2.8: a deleted object keeps id, type, created and modified, and says deleted: true.
            if (!keys.SequenceEqual(["created", "deleted", "id", "modified", "type"]))
            {
                yield return $"{id}: a tombstone carries id, type, created, modified and deleted, not {string.Join(", ", keys)}";
            }
        }
        else
        {
            if (!Required.TryGetValue(type, out var required))
            {
                yield return $"{id}: unexpected type {type}";
                yield break;
            }
            foreach (var field in required.Where(f => !(embedded && f is "person" or "body" or "meeting" or "paper")))
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
        foreach (var failure in CheckKinds(id, type, json))
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

    /// <summary>Everything reachable from the System object, by links alone: every object fetched at its id.</summary>
    public sealed record Walk(Dictionary<string, JsonObject> Objects, Dictionary<string, List<string>> Lists, List<string> Failures)
    {
        /// <summary>Files' accessUrl/downloadUrl inside the view that were fetched, with their byte counts.</summary>
        public Dictionary<string, long> Downloads { get; } = new(StringComparer.Ordinal);

        public int Requests { get; set; }
    }

    /// <summary>
    /// Spec 2.7: a File's accessUrl must be fetchable. Fetches it (anonymously, like any client) and checks status, the
    /// declared mimeType, size and sha512Checksum against the bytes.
    /// </summary>
    public static async Task<IEnumerable<string>> CheckFileAsync(HttpClient client, JsonObject file, string root)
    {
        var failures = new List<string>();
        var id = file["id"]!.GetValue<string>();
        var url = file["accessUrl"]!.GetValue<string>();
        if (!url.StartsWith(root, StringComparison.Ordinal))
        {
            // A link into a case system outside the test: its scheme is checked (https), it cannot be fetched here.
            if (!url.StartsWith("https://", StringComparison.Ordinal)) failures.Add($"{id}: accessUrl {url} is not https");
            return failures;
        }
        using var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            failures.Add($"{id}: accessUrl {url} answers {(int)response.StatusCode}");
            return failures;
        }
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (file["mimeType"] is { } mime && response.Content.Headers.ContentType?.MediaType != mime.GetValue<string>())
            failures.Add($"{id}: served as {response.Content.Headers.ContentType?.MediaType}, mimeType says {mime}");
        if (file["size"] is { } size && size.GetValue<long>() != bytes.Length) failures.Add($"{id}: size {size} but {bytes.Length} bytes");
        if (file["sha512Checksum"] is { } sha && sha.GetValue<string>() != Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(bytes)))
            failures.Add($"{id}: sha512Checksum does not match the bytes");
        return failures;
    }

    /// <summary>
    /// With <paramref name="modifiedSince"/>, every list is read as a syncing client reads it (deleted objects included),
    /// and each object, deleted ones too, is fetched at its id.
    /// </summary>
    public static async Task<Walk> WalkAsync(HttpClient client, string start, string root, string[] forbidden, string? modifiedSince = null)
    {
        var walk = new Walk(new(StringComparer.Ordinal), new(StringComparer.Ordinal), []);
        var queue = new Queue<string>([start]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        void Enqueue(string url)
        {
            if (seen.Add(url)) queue.Enqueue(url);
        }

        while (queue.Count > 0)
        {
            var url = queue.Dequeue();
            if (url.EndsWith("/download", StringComparison.Ordinal))
            {
                continue; // a File's bytes, checked with its File below
            }
            walk.Requests++;
            var (json, _) = await FetchAsync(client, url, forbidden);
            if (json["data"] is JsonArray && modifiedSince is not null && !url.Contains("modified_since=", StringComparison.Ordinal))
            {
                url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "modified_since=" + Uri.EscapeDataString(modifiedSince);
                walk.Requests++;
                (json, _) = await FetchAsync(client, url, forbidden);
            }
            if (json["data"] is JsonArray data)
            {
                // A list: walk every page through links.next, check the paging, queue every object at its id.
                var ids = new List<string>();
                string? page = url;
                var pages = 0;
                while (page is not null)
                {
                    if (pages > 0) walk.Requests++;
                    var current = pages == 0 ? json : (await FetchAsync(client, page, forbidden)).Json;
                    pages++;
                    var pagination = current["pagination"]!.AsObject();
                    var links = current["links"]!.AsObject();
                    var (number, total) = (pagination["currentPage"]!.GetValue<int>(), pagination["totalPages"]!.GetValue<int>());
                    number.ShouldBe(pages, $"{page}: pages follow each other");
                    links["first"].ShouldNotBeNull($"{page}: links.first");
                    links["self"].ShouldNotBeNull($"{page}: links.self");
                    if (pages > 1) links["self"]!.GetValue<string>().ShouldBe(page, $"{page}: links.self is the page itself");
                    (links["next"] is not null).ShouldBe(number < total, $"{page}: links.next on every page but the last");
                    var items = current["data"]!.AsArray().Select(i => i!.AsObject()).ToList();
                    items.Count.ShouldBeLessThanOrEqualTo(pagination["elementsPerPage"]!.GetValue<int>());
                    foreach (var item in items)
                    {
                        walk.Failures.AddRange(Check(item));
                        var id = item["id"]!.GetValue<string>();
                        ids.Add(id);
                        walk.Objects.TryAdd(id, item);
                        Enqueue(id);
                        foreach (var link in LinksIn(item, root).Where(l => l != id)) Enqueue(link);
                    }
                    page = links["next"]?.GetValue<string>();
                    if (page is not null) seen.Add(page);
                }
                ids.ShouldBeUnique($"{url}: an object appears once per list");
                ids.Count.ShouldBe(json["pagination"]!["totalElements"]!.GetValue<int>(), $"{url}: totalElements");
                walk.Lists[url] = ids;
                continue;
            }

            // An object: it is served at its id, valid, and equal to its copy in any list.
            json["id"]!.GetValue<string>().ShouldBe(url, "every object is retrievable at its id");
            walk.Failures.AddRange(Check(json));
            if (walk.Objects.TryGetValue(url, out var listed) && !JsonNode.DeepEquals(listed, json))
            {
                walk.Failures.Add($"{url}: the object differs from its copy in the list");
            }
            walk.Objects[url] = json;
            if (!IsTombstone(json) && ShortType(json) == "File" && !walk.Downloads.ContainsKey(url))
            {
                walk.Requests++;
                walk.Failures.AddRange(await CheckFileAsync(client, json, root));
                walk.Downloads[url] = json["size"]?.GetValue<long>() ?? -1;
            }
            foreach (var embedded in json.Select(p => p.Value).OfType<JsonArray>().SelectMany(a => a).OfType<JsonObject>()
                         .Where(o => o["type"] is not null))
            {
                Enqueue(embedded["id"]!.GetValue<string>());
            }
            foreach (var link in LinksIn(json, root).Where(l => l != url)) Enqueue(link);
        }
        return walk;
    }
}
