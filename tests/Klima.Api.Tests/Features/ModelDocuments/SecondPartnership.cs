namespace Klima.Api.Tests.Features.ModelDocuments;

/// <summary>A second, different partnership (a Central Jutland model, three municipalities) as one model document.</summary>
internal static class SecondPartnership
{
    /// <summary>Inhabitants used by the population key (test data, not statistics).</summary>
    public const long Aarhus = 367_095, Randers = 99_263, Silkeborg = 101_835;

    public const string Document = """
        {
          "formatVersion": 1,
          "model": { "code": "midtjylland-test", "name": "Klimaalliancen i Midtjylland (test)", "validFrom": "2024-01-01", "validTo": "2029-01-01" },
          "organisations": [
            { "key": "aarhus", "kind": "municipality", "name": "Aarhus Kommune", "shortName": "Aarhus", "municipalityCode": "751" },
            { "key": "randers", "kind": "municipality", "name": "Randers Kommune", "shortName": "Randers", "municipalityCode": "730" },
            { "key": "silkeborg", "kind": "municipality", "name": "Silkeborg Kommune", "shortName": "Silkeborg", "municipalityCode": "740" },
            { "key": "rm", "kind": "region", "name": "Region Midtjylland", "shortName": "RM", "regionCode": "1082" },
            { "key": "kl", "kind": "association", "name": "KL (Kommunernes Landsforening)", "shortName": "KL" }
          ],
          "parties": [
            { "organisation": "aarhus", "role": "member" },
            { "organisation": "randers", "role": "member" },
            { "organisation": "silkeborg", "role": "member" },
            { "organisation": "rm", "role": "member" },
            { "organisation": "kl", "role": "nationalPartner" }
          ],
          "bodies": [
            {
              "code": "mj-board", "name": "Klimastyregruppen Midt", "kind": "politicalBoard", "canDecide": true, "servedByBody": "mj-secretariat",
              "seats": [
                { "ordinal": 1, "label": "Borgmester, Aarhus", "role": "chair", "voting": true, "organisation": "aarhus", "appointedByOrganisation": "aarhus" },
                { "ordinal": 2, "label": "Borgmester, Randers", "role": "member", "voting": true, "organisation": "randers", "appointedByOrganisation": "randers" },
                { "ordinal": 3, "label": "Borgmester, Silkeborg", "role": "member", "voting": true, "organisation": "silkeborg", "appointedByOrganisation": "silkeborg" }
              ],
              "compositionRules": [
                { "code": "one-per-organisation", "kind": "maxSeatsPerOrganisation", "severity": "hard", "value": 1, "description": "Én plads pr. kommune." }
              ]
            },
            { "code": "mj-kkr", "name": "KKR Midtjylland", "kind": "politicalForum", "canDecide": true },
            {
              "code": "mj-secretariat", "name": "Klimasekretariatet Midt", "kind": "secretariat", "canDecide": false, "hostOrganisation": "rm",
              "staffPositions": [ { "title": "Klimakoordinator", "employer": "rm", "fte": 1, "fundingProgramme": "mj-secretariat", "annualCost": 750000 } ]
            }
          ],
          "relations": [ { "from": "mj-secretariat", "to": "mj-board", "kind": "serves" } ],
          "interests": [
            { "code": "joint", "name": "Fælles interesse", "ordinal": 1 },
            { "code": "municipal", "name": "Kommunal interesse", "ordinal": 2 }
          ],
          "routingRules": [
            {
              "code": "joint", "name": "Fælles sager", "interest": "joint", "priority": 10,
              "steps": [
                { "stage": 1, "stageName": "Forberedelse", "ordinal": 1, "body": "mj-secretariat", "role": "recommendation", "authoritative": false, "deadlineDays": 14 },
                { "stage": 2, "stageName": "Politisk behandling", "ordinal": 1, "body": "mj-board", "role": "decision", "authoritative": true, "deadlineDays": 30 },
                { "stage": 2, "stageName": "Politisk behandling", "ordinal": 2, "body": "mj-kkr", "role": "decision", "authoritative": true, "deadlineDays": 30 }
              ]
            },
            {
              "code": "municipal", "name": "Kommunale sager", "interest": "municipal", "priority": 20,
              "steps": [ { "stage": 1, "stageName": "KKR", "ordinal": 1, "body": "mj-kkr", "role": "decision", "authoritative": true } ]
            }
          ],
          "payers": [
            { "code": "aarhus", "name": "Aarhus Kommune", "organisation": "aarhus" },
            { "code": "randers", "name": "Randers Kommune", "organisation": "randers" },
            { "code": "silkeborg", "name": "Silkeborg Kommune", "organisation": "silkeborg" },
            { "code": "municipalities-jointly", "name": "Kommunerne i fællesskab", "members": ["aarhus", "randers", "silkeborg"] }
          ],
          "programmes": [
            { "code": "mj-secretariat", "name": "Klimasekretariatet Midt", "validFrom": "2024-01-01", "validTo": "2027-01-01" }
          ],
          "allocationKeys": [
            {
              "code": "population-2024", "name": "Befolkningstal 1. januar 2024", "method": "population", "basisNote": "Testdata",
              "shares": [ { "payer": "aarhus", "weight": 367095 }, { "payer": "randers", "weight": 99263 }, { "payer": "silkeborg", "weight": 101835 } ]
            }
          ]
        }
        """;
}
