using System.Text.Json.Nodes;

namespace Klima.Api.Tests.Contract;

/// <summary>The fuzz test's schema check catches what it is there to catch (so that its "0 mismatches" means something).</summary>
[TestFixture]
public sealed class ContractSchemaTests
{
    private static readonly ContractSchema Contract = new(JsonNode.Parse("""
        {
          "paths": {},
          "components": { "schemas": {
            "Holder": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" } }, "additionalProperties": false },
            "Seat": { "type": "object", "required": ["id", "ordinal", "label"], "additionalProperties": false, "properties": {
              "id": { "type": "string", "format": "uuid" },
              "ordinal": { "type": "integer", "format": "int32" },
              "label": { "type": "string" },
              "category": { "type": "string", "nullable": true },
              "role": { "enum": ["chair", "member"], "type": "string" },
              "holder": { "allOf": [ { "$ref": "#/components/schemas/Holder" } ], "nullable": true },
              "owner": { "$ref": "#/components/schemas/Holder" } } }
          } }
        }
        """)!.AsObject());

    private static List<string> Check(string json)
    {
        var errors = new List<string>();
        Contract.Validate(JsonNode.Parse(json), new JsonObject { ["$ref"] = "#/components/schemas/Seat" }, "$", errors);
        return errors;
    }

    [Test]
    public void A_body_as_documented_passes() =>
        Check("""{"id":"01a24655-0e80-79b9-9d85-e9437c19d9d4","ordinal":1,"label":"A","category":null,"role":"chair","holder":null,"owner":{"name":"x"}}""").ShouldBeEmpty();

    [TestCase("""{"id":"01a24655-0e80-79b9-9d85-e9437c19d9d4","ordinal":1,"label":null}""", "$.label: null")]
    [TestCase("""{"id":"01a24655-0e80-79b9-9d85-e9437c19d9d4","ordinal":1,"label":"A","owner":null}""", "$.owner: null")]
    [TestCase("""{"id":"01a24655-0e80-79b9-9d85-e9437c19d9d4","label":"A"}""", "$.ordinal: missing")]
    [TestCase("""{"id":"nope","ordinal":1,"label":"A"}""", "is not a uuid")]
    [TestCase("""{"id":"01a24655-0e80-79b9-9d85-e9437c19d9d4","ordinal":"1","label":"A"}""", "$.ordinal:")]
    [TestCase("""{"id":"01a24655-0e80-79b9-9d85-e9437c19d9d4","ordinal":4294967296,"label":"A"}""", "does not fit int32")]
    [TestCase("""{"id":"01a24655-0e80-79b9-9d85-e9437c19d9d4","ordinal":1,"label":"A","role":"king"}""", "$.role:")]
    [TestCase("""{"id":"01a24655-0e80-79b9-9d85-e9437c19d9d4","ordinal":1,"label":"A","extra":1}""", "$.extra: not documented")]
    [TestCase("""{"id":"01a24655-0e80-79b9-9d85-e9437c19d9d4","ordinal":1,"label":"A","holder":{}}""", "$.holder.name: missing")]
    public void A_body_that_breaks_the_schema_is_reported(string json, string expected) =>
        Check(json).ShouldContain(e => e.Contains(expected, StringComparison.Ordinal));
}
