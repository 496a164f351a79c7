using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Contract;

/// <summary>
/// The battery, kept in the repository: requests generated from the contract for EVERY operation it lists (valid,
/// boundary, wrong types, missing and null fields, huge and unicode strings, malformed JSON, wrong content types,
/// weak ETags, HEAD), with a fixed seed, sent as an administrator and as lesser callers. Driven by the document the
/// API serves, which <see cref="OpenApiContractTests"/> holds equal to openapi.yaml, so a new endpoint is covered the
/// day it is added. Asserts: no 5xx; every error is application/problem+json; every status returned is documented
/// for its operation; every 2xx JSON body matches its response schema (types, formats, required, nullability).
/// </summary>
[TestFixture]
[Category("Fuzz")]
public sealed partial class ContractFuzzTests() : ApiTest(DatabaseLane.Sqlite)
{
    private const int Seed = 15;
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(2);

    private readonly Dictionary<string, List<string>> _ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _failures = [];
    private readonly Dictionary<string, int> _statusCounts = new(StringComparer.Ordinal);
    private Random _random = new(Seed);
    private ContractSchema _contract = null!;
    private Dictionary<string, HttpClient> _callers = null!;
    private int _requests;
    private int _rounds;
    private readonly Dictionary<string, TimeSpan> _durations = new(StringComparer.Ordinal);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // The battery measures robustness, not the rate limiter (RateLimitTests does): thousands of requests in a minute.
        ["RateLimiting:Enabled"] = "false",
        // PDF rendering starts a browser per request (ReportTests cover it); here the PDF operations answer their
        // documented 503, which keeps the battery to its time budget.
        ["Reports:ChromiumPath"] = "/nonexistent/chromium-for-the-fuzz-test",
    };

    [Test]
    public async Task Every_operation_survives_generated_requests_and_answers_as_documented()
    {
        var document = JsonNode.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json"))!.AsObject();
        _contract = new ContractSchema(document);
        var operations = _contract.Operations();
        var committed = OperationIdsInOpenapiYaml();
        operations.Select(o => o.Id).Order(StringComparer.Ordinal).ShouldBe(committed.Order(StringComparer.Ordinal),
            "the fuzz test reads the served document; it must list the operations of openapi.yaml");
        operations.Count.ShouldBeGreaterThan(100);

        var organisation = (await GetJsonAsync("/api/organisations?limit=1"))["items"]![0]!["id"]!.GetValue<Guid>();
        _callers = new Dictionary<string, HttpClient>(StringComparer.Ordinal)
        {
            ["administrator"] = Client,
            ["secretariat"] = CreateClient(Roles.Secretariat),
            ["member"] = CreateClient(Roles.Member),
            ["reader"] = CreateClient(Roles.Reader),
            ["anonymous"] = CreateClient(role: null),
            ["organisation-bound secretariat"] = CreateClient(Roles.Secretariat, organisation),
        };
        var clock = Stopwatch.StartNew();

        // Creates first so that reads, updates and deletes find data; deletes last.
        var ordered = operations.OrderBy(o => o.Method switch { "POST" => 0, "GET" => 1, "PUT" => 2, "PATCH" => 2, _ => 3 })
            .ThenBy(o => o.Path, StringComparer.Ordinal).ToList();
        foreach (var operation in ordered.Where(o => o.Method == "GET"))
        {
            await HarvestAsync(operation);
        }
        for (var round = 0; round < 3 && clock.Elapsed < Budget; round++)
        {
            foreach (var operation in ordered)
            {
                // The first round always runs to the end (every operation, every variant); later rounds add variety
                // while the budget allows, so a slow or busy machine gets fewer requests, never a partial contract.
                if (round > 0 && clock.Elapsed > Budget)
                {
                    break;
                }
                var started = clock.Elapsed;
                await FuzzAsync(operation, round);
                _rounds = round + 1;
                _durations[operation.Id] = _durations.GetValueOrDefault(operation.Id) + (clock.Elapsed - started);
            }
        }

        foreach (var client in _callers.Where(c => c.Key != "administrator"))
        {
            client.Value.Dispose();
        }
        var summary = $"contract fuzz: {_requests} requests over {operations.Count} operations in {clock.Elapsed.TotalSeconds:F0} s (seed {Seed}, {_rounds} rounds); " +
                      $"statuses {string.Join(", ", _statusCounts.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}×{s.Value}"))}; " +
                      $"{_failures.Count} failures";
        TestContext.Progress.WriteLine(summary);
        TestContext.Out.WriteLine(summary);
        TestContext.Out.WriteLine("slowest operations: " + string.Join(", ", _durations.OrderByDescending(d => d.Value).Take(8).Select(d => $"{d.Key} {d.Value.TotalSeconds:F1} s")));
        foreach (var failure in _failures.Distinct(StringComparer.Ordinal))
        {
            TestContext.Out.WriteLine("FAILURE " + failure);
        }
        _failures.Distinct(StringComparer.Ordinal).Take(200).ToList().ShouldBeEmpty(summary);
    }

    private static List<string> OperationIdsInOpenapiYaml() =>
        File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "openapi.yaml"))
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("operationId: ", StringComparison.Ordinal))
            .Select(l => l["operationId: ".Length..].Trim())
            .ToList();

    // ---------------------------------------------------------------- requests

    private async Task FuzzAsync(ContractSchema.Operation operation, int round)
    {
        var variants = new List<Func<Task>>();
        var body = operation.RequestSchema;
        var admin = _callers["administrator"];
        variants.Add(() => SendAsync(operation, admin, "valid", body is null ? null : Text(ValidValue(body, "body", 0))));
        variants.Add(() => SendAsync(operation, admin, "valid again", body is null ? null : Text(ValidValue(body, "body", 0))));
        foreach (var (name, caller) in _callers.Where(c => c.Key != "administrator"))
        {
            variants.Add(() => SendAsync(operation, caller, "valid as " + name, body is null ? null : Text(ValidValue(body, "body", 0))));
        }
        variants.Add(() => SendAsync(operation, admin, "boundary query", body is null ? null : Text(ValidValue(body, "body", 0)), query: QueryMode.Boundary));
        variants.Add(() => SendAsync(operation, admin, "wrong query types", null, query: QueryMode.WrongTypes));
        variants.Add(() => SendAsync(operation, admin, "huge and unicode query", null, query: QueryMode.Strings));
        variants.Add(() => SendAsync(operation, admin, "unknown ids", body is null ? null : Text(ValidValue(body, "body", 0)), unknownIds: true));
        variants.Add(() => SendAsync(operation, admin, "Accept: text/csv", body is null ? null : Text(ValidValue(body, "body", 0)), accept: "text/csv", unknownIds: _random.Next(2) == 0));
        if (operation.Method == "GET")
        {
            variants.Add(() => HeadAsync(operation));
        }
        if (operation.Method is "PUT" or "PATCH" or "DELETE")
        {
            variants.Add(() => SendAsync(operation, admin, "weak If-Match", body is null ? null : Text(ValidValue(body, "body", 0)), ifMatch: IfMatch.Weak));
            variants.Add(() => SendAsync(operation, admin, "no If-Match", body is null ? null : Text(ValidValue(body, "body", 0)), ifMatch: IfMatch.None));
        }
        if (body is not null)
        {
            foreach (var mutation in Enum.GetValues<Mutation>())
            {
                variants.Add(() => SendAsync(operation, admin, mutation.ToString(), Mutate(body, mutation), contentType: mutation == Mutation.TextPlain ? "text/plain" : "application/json"));
            }
            // Every required field missing on its own, then null on its own: one at a time, named by the answer.
            var target = _contract.Target(body);
            foreach (var required in target["required"]?.AsArray().Select(r => (string)r!).Skip(round * 4).Take(4) ?? [])
            {
                variants.Add(() =>
                {
                    var valid = ValidValue(body, "body", 0)!.AsObject();
                    valid.Remove(required);
                    return SendAsync(operation, admin, "missing " + required, Text(valid), expectClientError: required);
                });
            }
        }
        foreach (var variant in variants)
        {
            await variant();
        }
    }

    private enum QueryMode { Valid, Boundary, WrongTypes, Strings }

    private enum IfMatch { Current, Weak, None }

    private enum Mutation { MissingField, WrongType, NullField, HugeString, Unicode, BoundaryNumber, BadDate, ExtraProperty, Truncated, Empty, WrongShape, TextPlain, DeepNesting }

    private async Task SendAsync(ContractSchema.Operation operation, HttpClient client, string variant, string? body,
        QueryMode query = QueryMode.Valid, bool unknownIds = false, string accept = "application/json", IfMatch ifMatch = IfMatch.Current,
        string contentType = "application/json", string? expectClientError = null)
    {
        var path = await FillPathAsync(operation, unknownIds);
        var url = path + QueryString(operation, query);
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType) { CharSet = contentType == "application/json" ? "utf-8" : null };
        }
        else if (operation.RequestSchema is not null)
        {
            request.Content = new StringContent("", Encoding.UTF8, "application/json");
        }
        request.Headers.TryAddWithoutValidation("Accept", accept);
        if (operation.Method is "PUT" or "PATCH" or "DELETE" && ifMatch != IfMatch.None)
        {
            var etag = await CurrentETagAsync(operation, path) ?? "\"1\"";
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch == IfMatch.Weak ? "W/" + etag : etag);
        }
        await CheckAsync(operation, client, request, $"{operation.Method} {operation.Path} [{variant}] {(url.Length > 200 ? url[..200] + "…" : url)}", expectClientError);
    }

    private async Task HeadAsync(ContractSchema.Operation operation)
    {
        var path = await FillPathAsync(operation, unknownIds: false);
        using var get = new HttpRequestMessage(HttpMethod.Get, path);
        using var head = new HttpRequestMessage(HttpMethod.Head, path);
        using var getResponse = await Client.SendAsync(get);
        using var headResponse = await Client.SendAsync(head);
        _requests += 2;
        var headBody = await headResponse.Content.ReadAsByteArrayAsync();
        if (headResponse.StatusCode != getResponse.StatusCode || headBody.Length != 0)
        {
            _failures.Add($"HEAD {path}: {(int)headResponse.StatusCode} with {headBody.Length} body bytes; GET answered {(int)getResponse.StatusCode}");
        }
    }

    private async Task CheckAsync(ContractSchema.Operation operation, HttpClient client, HttpRequestMessage request, string label,
        string? expectClientError)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (Exception ex) when (ex is not AssertionException)
        {
            _failures.Add($"{label}: the server threw {ex.GetType().Name}: {ex.Message}");
            return;
        }
        using (response)
        {
            _requests++;
            var status = (int)response.StatusCode;
            _statusCounts[status.ToString(CultureInfo.InvariantCulture)] = _statusCounts.GetValueOrDefault(status.ToString(CultureInfo.InvariantCulture)) + 1;
            var text = await response.Content.ReadAsStringAsync();
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            // A documented 503 (PDF rendering unavailable on this server) is an answer; any other 5xx is a failure.
            if (status >= 500 && (status == 500 || operation.Responses[status.ToString(CultureInfo.InvariantCulture)] is null))
            {
                // The server logged what it threw: the failure carries it, so a rare one can be diagnosed from the run's output.
                var logged = Factory.Logs.Lines.LastOrDefault(l => l.StartsWith("Error", StringComparison.Ordinal));
                _failures.Add($"{label}: {status} {Short(text)}" + (logged is null ? "" : $" (logged: {logged[..Math.Min(logged.Length, 4000)]})"));
                return;
            }
            if (operation.Responses[status.ToString(CultureInfo.InvariantCulture)] is null)
            {
                _failures.Add($"{label}: status {status} is not documented for {operation.Id}");
            }
            if (status >= 400)
            {
                if (mediaType != "application/problem+json")
                {
                    _failures.Add($"{label}: {status} answered as {mediaType ?? "no content type"}, not application/problem+json");
                }
                else if (JsonNode.Parse(text) is not JsonObject problem || problem["status"]?.GetValue<int>() != status)
                {
                    _failures.Add($"{label}: {status} problem details without a matching status: {Short(text)}");
                }
                if (!response.Headers.Contains("X-Content-Type-Options") || !response.Headers.Contains("X-Frame-Options"))
                {
                    _failures.Add($"{label}: {status} without the security headers");
                }
                return;
            }
            if (expectClientError is not null && status is >= 200 and < 300)
            {
                _failures.Add($"{label}: {status} although required field '{expectClientError}' was missing");
            }
            if (status is >= 200 and < 300)
            {
                Harvest(text, mediaType);
                ValidateBody(operation, status, mediaType, text, label);
            }
        }
    }

    private void ValidateBody(ContractSchema.Operation operation, int status, string? mediaType, string text, string label)
    {
        var documented = operation.Responses[status.ToString(CultureInfo.InvariantCulture)]?["content"]?.AsObject();
        if (documented is null || documented.Count == 0)
        {
            if (text.Length > 0 && status != 204)
            {
                _failures.Add($"{label}: {status} has a body ({mediaType}) but the contract documents none");
            }
            return;
        }
        if (mediaType is null || !documented.ContainsKey(mediaType))
        {
            _failures.Add($"{label}: {status} answered as {mediaType}, documented {string.Join(", ", documented.Select(d => d.Key))}");
            return;
        }
        if (mediaType != "application/json" || documented[mediaType]?["schema"] is not JsonObject schema)
        {
            return;
        }
        var errors = new List<string>();
        _contract.Validate(JsonNode.Parse(text), schema, "$", errors);
        foreach (var error in errors)
        {
            _failures.Add($"{operation.Id} {status}: {error}");
        }
    }

    // ---------------------------------------------------------------- ids, paths, ETags

    private async Task HarvestAsync(ContractSchema.Operation operation)
    {
        if (operation.Path.Contains('{', StringComparison.Ordinal))
        {
            return;
        }
        using var response = await Client.GetAsync(operation.Path);
        _requests++;
        if (response.IsSuccessStatusCode)
        {
            Harvest(await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>Remembers every id a response names, under its property name (bodyId, organisationId, id...).</summary>
    private void Harvest(string text, string? mediaType)
    {
        if (mediaType != "application/json" || text.Length == 0)
        {
            return;
        }
        void Walk(JsonNode? node, int depth)
        {
            if (depth > 6 || node is null)
            {
                return;
            }
            if (node is JsonArray array)
            {
                foreach (var item in array.Take(30))
                {
                    Walk(item, depth + 1);
                }
            }
            else if (node is JsonObject obj)
            {
                foreach (var (name, value) in obj)
                {
                    if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String && Guid.TryParse(v.GetValue<string>(), out var id))
                    {
                        var list = _ids.TryGetValue(name, out var existing) ? existing : _ids[name] = [];
                        if (list.Count < 200 && !list.Contains(id.ToString()))
                        {
                            list.Add(id.ToString());
                        }
                    }
                    else
                    {
                        Walk(value, depth + 1);
                    }
                }
            }
        }
        try
        {
            Walk(JsonNode.Parse(text), 0);
        }
        catch (JsonException)
        {
            _failures.Add($"a 2xx answered as application/json is not JSON: {Short(text)}");
        }
    }

    /// <summary>
    /// Route values: an id listed by the GET of the path up to the parameter (/api/bodies/{id}/seats/{seatId} asks
    /// /api/bodies, then /api/bodies/{that}/seats), else one seen under the parameter's name, else a new one.
    /// </summary>
    private async Task<string> FillPathAsync(ContractSchema.Operation operation, bool unknownIds)
    {
        var path = operation.Path;
        foreach (Match parameter in RouteParameter().Matches(operation.Path))
        {
            var name = parameter.Groups[1].Value;
            var schema = operation.Parameters.FirstOrDefault(p => (string?)p["name"] == name && (string?)p["in"] == "path")?["schema"]?.AsObject();
            var isInt = (string?)schema?["type"] == "integer";
            string value;
            if (unknownIds)
            {
                value = isInt ? _random.Next(1000, 100000).ToString(CultureInfo.InvariantCulture) : Guid.NewGuid().ToString();
            }
            else
            {
                var prefix = path[..path.IndexOf("{" + name + "}", StringComparison.Ordinal)].TrimEnd('/');
                value = await ListedIdAsync(prefix, isInt) ?? Pick(name) ?? (isInt ? "1" : Pick("id") ?? Guid.NewGuid().ToString());
            }
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }
        return path;
    }

    private readonly Dictionary<string, List<string>> _listings = new(StringComparer.Ordinal);

    private async Task<string?> ListedIdAsync(string prefix, bool isInt)
    {
        if (!_listings.TryGetValue(prefix, out var ids))
        {
            ids = [];
            using var response = await Client.GetAsync(prefix);
            _requests++;
            if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                var node = JsonNode.Parse(await response.Content.ReadAsStringAsync());
                var items = node is JsonObject { } page && page["items"] is JsonArray listed ? listed : node as JsonArray;
                foreach (var item in items?.OfType<JsonObject>() ?? [])
                {
                    var key = isInt ? item["version"] ?? item["number"] : item["id"];
                    if (key is JsonValue value)
                    {
                        ids.Add(value.ToString());
                    }
                }
            }
            _listings[prefix] = ids;
        }
        return ids.Count == 0 ? null : ids[_random.Next(ids.Count)];
    }

    private string? Pick(string name) =>
        _ids.TryGetValue(name, out var list) && list.Count > 0 ? list[_random.Next(list.Count)] : null;

    private async Task<string?> CurrentETagAsync(ContractSchema.Operation operation, string path)
    {
        using var response = await Client.GetAsync(path);
        _requests++;
        return response.Headers.ETag?.ToString();
    }

    // ---------------------------------------------------------------- query strings

    private string QueryString(ContractSchema.Operation operation, QueryMode mode)
    {
        var parts = new List<string>();
        foreach (var parameter in operation.Parameters.Where(p => (string?)p["in"] == "query"))
        {
            var name = (string)parameter["name"]!;
            var schema = _contract.Target(parameter["schema"]?.AsObject() ?? new JsonObject());
            var value = mode switch
            {
                QueryMode.Valid => _random.Next(3) == 0 ? null : QueryValue(name, schema),
                QueryMode.Boundary => BoundaryQueryValue(schema),
                QueryMode.WrongTypes => (string?)schema["type"] == "string" && schema["format"] is null && schema["enum"] is null ? "%00" : "not-a-" + ((string?)schema["format"] ?? (string?)schema["type"] ?? "value"),
                _ => (string?)schema["type"] == "string" && schema["format"] is null && schema["enum"] is null
                    ? Uri.EscapeDataString(_random.Next(2) == 0 ? new string('ø', 3000) : Unicode())
                    : QueryValue(name, schema),
            };
            if (value is not null)
            {
                parts.Add($"{name}={value}");
            }
        }
        if (mode == QueryMode.Strings && _random.Next(3) == 0)
        {
            parts.Add("q=" + new string('x', 5000));
        }
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private string? QueryValue(string name, JsonObject schema)
    {
        if (schema["enum"] is JsonArray values)
        {
            return Uri.EscapeDataString((string)values[_random.Next(values.Count)]!);
        }
        return ((string?)schema["type"], (string?)schema["format"]) switch
        {
            ("integer", _) => name.Equals("limit", StringComparison.OrdinalIgnoreCase) ? "5" : _random.Next(1, 5).ToString(CultureInfo.InvariantCulture),
            ("number", _) => "1.5",
            ("boolean", _) => _random.Next(2) == 0 ? "true" : "false",
            ("string", "uuid") => Pick(name) ?? Pick("id") ?? Guid.NewGuid().ToString(),
            ("string", "date") => "2025-06-30",
            ("string", "date-time") => Uri.EscapeDataString("2020-01-01T00:00:00+00:00"),
            ("string", _) when name.Equals("cursor", StringComparison.OrdinalIgnoreCase) => null,
            ("string", _) => Uri.EscapeDataString(_random.Next(2) == 0 ? "ø" : "50%_"),
            _ => null,
        };
    }

    private string? BoundaryQueryValue(JsonObject schema) => ((string?)schema["type"], (string?)schema["format"]) switch
    {
        ("integer", _) => new[] { "0", "-1", "2147483647", "-2147483648", "99999999999" }[_random.Next(5)],
        ("number", _) => new[] { "0", "-1e308", "1e309", "NaN" }[_random.Next(4)],
        ("string", "date") => new[] { "0001-01-01", "9999-12-31", "2024-02-29" }[_random.Next(3)],
        ("string", "date-time") => Uri.EscapeDataString(new[] { "0001-01-01T00:00:00Z", "9999-12-31T23:59:59+14:00" }[_random.Next(2)]),
        ("string", "uuid") => Guid.Empty.ToString(),
        ("string", _) => "",
        _ => null,
    };

    // ---------------------------------------------------------------- bodies

    private static string? Text(JsonNode? node) => node?.ToJsonString();

    /// <summary>A plausible value for a schema: all required properties, most optional ones, ids seen before.</summary>
    private JsonNode? ValidValue(JsonObject schema, string name, int depth)
    {
        var nullable = ContractSchema.IsNullable(schema);
        schema = _contract.Target(schema);
        if (schema["enum"] is JsonArray values)
        {
            return values[_random.Next(values.Count)]!.DeepClone();
        }
        switch ((string?)schema["type"])
        {
            case "string":
                return (string?)schema["format"] switch
                {
                    "uuid" => Pick(name) ?? Pick(name.EndsWith("Ids", StringComparison.Ordinal) ? name[..^1] : name) ?? (nullable ? null : Pick("id") ?? Guid.NewGuid().ToString()),
                    "date" => new DateOnly(2024 + _random.Next(3), 1 + _random.Next(12), 1 + _random.Next(28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    "date-time" => DateTimeOffset.UtcNow.AddDays(-_random.Next(100)).ToString("O", CultureInfo.InvariantCulture),
                    "byte" => Convert.ToBase64String(Encoding.UTF8.GetBytes("fuzz")),
                    _ => TextFor(name),
                };
            case "integer":
                return _random.Next(1, 4);
            case "number":
                return Math.Round(_random.NextDouble() * 1000, 2);
            case "boolean":
                return _random.Next(2) == 0;
            case "array":
                var array = new JsonArray();
                if (depth < 4 && schema["items"] is JsonObject items)
                {
                    for (var i = _random.Next(1, 3); i > 0; i--)
                    {
                        array.Add(ValidValue(items, name.EndsWith('s') ? name[..^1] : name, depth + 1));
                    }
                }
                return array;
        }
        if (schema["properties"] is JsonObject properties)
        {
            var required = schema["required"]?.AsArray().Select(r => (string)r!).ToHashSet(StringComparer.Ordinal) ?? [];
            var result = new JsonObject();
            foreach (var (property, propertySchema) in properties)
            {
                if (required.Contains(property) || _random.Next(4) != 0)
                {
                    result[property] = depth < 5 ? ValidValue(propertySchema!.AsObject(), property, depth + 1) : null;
                }
            }
            return result;
        }
        return new JsonObject();
    }

    private string TextFor(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower switch
        {
            _ when lower.Contains("email", StringComparison.Ordinal) => $"fuzz{_random.Next(10000)}@example.org",
            _ when lower.Contains("url", StringComparison.Ordinal) || lower.Contains("uri", StringComparison.Ordinal) => $"https://example.org/fuzz/{_random.Next(10000)}",
            _ when lower.Contains("password", StringComparison.Ordinal) => "a-long-enough-password-" + _random.Next(10000),
            _ when lower.Contains("code", StringComparison.Ordinal) || lower.EndsWith("ref", StringComparison.Ordinal) => "FZ" + _random.Next(100000).ToString(CultureInfo.InvariantCulture),
            _ when lower.Contains("currency", StringComparison.Ordinal) => "DKK",
            _ => $"Fuzz {name} ø {_random.Next(100000)}",
        };
    }

    private string Unicode() => new[] { "Ørsted 🌍 ‮evil‬ \u0301é", "\u0000nul", "日本語テキスト", "<script>alert(1)</script>", "'; DROP TABLE body; --", "\uD83D" }[_random.Next(6)];

    private string Mutate(JsonObject schema, Mutation mutation)
    {
        var valid = ValidValue(schema, "body", 0);
        var text = valid?.ToJsonString() ?? "{}";
        if (valid is not JsonObject obj)
        {
            return mutation switch { Mutation.Truncated => text[..(text.Length / 2)], Mutation.Empty => "", _ => "{\"x\":1}" };
        }
        var target = _contract.Target(schema);
        var properties = target["properties"]?.AsObject().Select(p => (Name: p.Key, Schema: _contract.Target(p.Value!.AsObject()))).ToList() ?? [];
        (string Name, JsonObject Schema)? Any(Func<JsonObject, bool> where)
        {
            var candidates = properties.Where(p => where(p.Schema)).ToList();
            return candidates.Count == 0 ? null : candidates[_random.Next(candidates.Count)];
        }
        switch (mutation)
        {
            case Mutation.MissingField when obj.Count > 0:
                obj.Remove(obj.ElementAt(_random.Next(obj.Count)).Key);
                break;
            case Mutation.WrongType when properties.Count > 0:
                var wrong = properties[_random.Next(properties.Count)];
                obj[wrong.Name] = (string?)wrong.Schema["type"] switch
                {
                    "string" => JsonValue.Create(12345),
                    "array" => new JsonObject { ["x"] = 1 },
                    "object" => JsonValue.Create("text"),
                    _ => JsonValue.Create("not a number"),
                };
                break;
            case Mutation.NullField when properties.Count > 0:
                obj[properties[_random.Next(properties.Count)].Name] = null;
                break;
            case Mutation.HugeString when Any(s => (string?)s["type"] == "string" && s["format"] is null && s["enum"] is null) is { } huge:
                obj[huge.Name] = new string('Å', 200_000);
                break;
            case Mutation.Unicode when Any(s => (string?)s["type"] == "string" && s["format"] is null && s["enum"] is null) is { } unicode:
                obj[unicode.Name] = Unicode();
                break;
            case Mutation.BoundaryNumber when Any(s => (string?)s["type"] is "integer" or "number") is { } number:
                obj[number.Name] = JsonNode.Parse(new[] { "0", "-1", "2147483647", "-2147483648", "9223372036854775807", "1e400", "0.000001", "79228162514264337593543950336" }[_random.Next(8)]);
                break;
            case Mutation.BadDate when Any(s => (string?)s["format"] is "date" or "date-time" or "uuid") is { } date:
                obj[date.Name] = new[] { "2023-13-45", "0000-00-00", "yesterday", "", "00000000-0000-0000-0000-00000000000g" }[_random.Next(5)];
                break;
            case Mutation.ExtraProperty:
                obj["unexpected" + _random.Next(100)] = "value";
                break;
            case Mutation.Truncated:
                return text[..Math.Max(1, text.Length / 2)];
            case Mutation.Empty:
                return "";
            case Mutation.WrongShape:
                return new[] { "[]", "\"text\"", "42", "null", "true" }[_random.Next(5)];
            case Mutation.DeepNesting:
                return new string('[', 2000) + new string(']', 2000);
        }
        return obj.ToJsonString();
    }

    private static string Short(string text) => text.Length > 300 ? text[..300] + "…" : text;

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();
}
