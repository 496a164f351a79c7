using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Klima.Api.Tests.Contract;

/// <summary>
/// The OpenAPI 3.0 document as the fuzz test reads it: operations, and a validator that checks a JSON value against a
/// schema (types, formats, enums, required, nullable, additionalProperties). Only what Klima's contract uses.
/// </summary>
public sealed class ContractSchema(JsonObject document)
{
    private readonly JsonObject _schemas = document["components"]?["schemas"]?.AsObject() ?? new JsonObject();

    public sealed record Operation(string Method, string Path, string Id, JsonObject Node)
    {
        public IEnumerable<JsonObject> Parameters => Node["parameters"]?.AsArray().OfType<JsonObject>() ?? [];
        public JsonObject? RequestSchema => Node["requestBody"]?["content"]?["application/json"]?["schema"]?.AsObject();
        public bool RequestBodyRequired => Node["requestBody"]?["required"]?.GetValue<bool>() == true;
        public JsonObject Responses => Node["responses"]?.AsObject() ?? new JsonObject();
    }

    public IReadOnlyList<Operation> Operations() =>
        document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(m => m.Value is JsonObject o && o["operationId"] is not null)
                .Select(m => new Operation(m.Key.ToUpperInvariant(), path.Key, (string)m.Value!["operationId"]!, m.Value!.AsObject())))
            .OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)
            .ToList();

    public JsonObject Resolve(JsonObject schema)
    {
        var seen = 0;
        while (schema["$ref"] is JsonValue reference && seen++ < 20)
        {
            var name = ((string)reference!).Split('/')[^1];
            schema = _schemas[name]?.AsObject() ?? throw new InvalidOperationException($"Unknown schema {name}");
        }
        return schema;
    }

    /// <summary>The schema a nullable-reference wrapper (allOf: [$ref], nullable) or a plain $ref stands for.</summary>
    public JsonObject Target(JsonObject schema)
    {
        if (schema["allOf"] is JsonArray { Count: 1 } all && all[0] is JsonObject single)
        {
            return Resolve(single);
        }
        return Resolve(schema);
    }

    public static bool IsNullable(JsonObject schema) => schema["nullable"]?.GetValue<bool>() == true;

    public void Validate(JsonNode? value, JsonObject schema, string path, List<string> errors)
    {
        if (errors.Count > 20)
        {
            return;
        }
        var nullable = IsNullable(schema);
        if (schema["allOf"] is JsonArray all)
        {
            if (value is null)
            {
                if (!nullable)
                {
                    errors.Add($"{path}: null, documented as not nullable");
                }
                return;
            }
            foreach (var part in all.OfType<JsonObject>())
            {
                Validate(value, part, path, errors);
            }
            return;
        }
        if (schema["$ref"] is not null)
        {
            var target = Resolve(schema);
            if (value is null && !nullable && !IsNullable(target))
            {
                errors.Add($"{path}: null, documented as not nullable");
                return;
            }
            if (value is not null)
            {
                Validate(value, target, path, errors);
            }
            return;
        }
        if (value is null)
        {
            if (!nullable && (schema["type"] is not null || schema["properties"] is not null || schema["enum"] is not null))
            {
                errors.Add($"{path}: null, documented as not nullable");
            }
            return;
        }
        var kind = value.GetValueKind();
        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
        {
            errors.Add($"{path}: {Show(value)} is not one of the documented values");
            return;
        }
        var type = (string?)schema["type"];
        switch (type)
        {
            case "string":
                if (kind != JsonValueKind.String)
                {
                    errors.Add($"{path}: {kind}, documented as string");
                    return;
                }
                var text = value.GetValue<string>();
                var format = (string?)schema["format"];
                var ok = format switch
                {
                    "uuid" => Guid.TryParse(text, out _),
                    "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                    "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                    "byte" => IsBase64(text),
                    _ => true,
                };
                if (!ok)
                {
                    errors.Add($"{path}: '{Show(value)}' is not a {format}");
                }
                return;
            case "integer":
                if (kind != JsonValueKind.Number || !long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    errors.Add($"{path}: {Show(value)}, documented as integer");
                    return;
                }
                if ((string?)schema["format"] == "int32" && number is > int.MaxValue or < int.MinValue)
                {
                    errors.Add($"{path}: {number} does not fit int32");
                }
                return;
            case "number":
                if (kind != JsonValueKind.Number)
                {
                    errors.Add($"{path}: {kind}, documented as number");
                }
                return;
            case "boolean":
                if (kind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{path}: {kind}, documented as boolean");
                }
                return;
            case "array":
                if (value is not JsonArray array)
                {
                    errors.Add($"{path}: {kind}, documented as array");
                    return;
                }
                if (schema["items"] is JsonObject items)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        Validate(array[i], items, $"{path}[{i}]", errors);
                    }
                }
                return;
        }
        if (type == "object" || schema["properties"] is not null)
        {
            if (value is not JsonObject obj)
            {
                errors.Add($"{path}: {kind}, documented as object");
                return;
            }
            var properties = schema["properties"]?.AsObject() ?? new JsonObject();
            foreach (var required in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
            {
                if (!obj.ContainsKey(required))
                {
                    errors.Add($"{path}.{required}: missing, documented as required");
                }
            }
            foreach (var (name, child) in obj)
            {
                if (properties[name] is JsonObject propertySchema)
                {
                    Validate(child, propertySchema, $"{path}.{name}", errors);
                }
                else if (schema["additionalProperties"] is JsonObject additional)
                {
                    Validate(child, additional, $"{path}.{name}", errors);
                }
                else if (schema["additionalProperties"] is JsonValue extra && !extra.GetValue<bool>())
                {
                    errors.Add($"{path}.{name}: not documented");
                }
            }
        }
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    private static string Show(JsonNode value)
    {
        var text = value.ToJsonString();
        return text.Length > 60 ? text[..60] + "…" : text;
    }
}
