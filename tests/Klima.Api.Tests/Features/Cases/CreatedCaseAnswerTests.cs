using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Cases;

/// <summary>
/// The created case is answered from what CreateCase has just written, not read back (issue 19): the answer must be the
/// same document GET /api/cases/{id} gives for it, whatever the case carries (a fan-out route with party case numbers,
/// related cases, documents, an initiator body) and whoever creates it (staff, or a case system bound to an organisation).
/// </summary>
public sealed class CreatedCaseAnswerTests(DatabaseLane lane) : ApiTest(lane)
{
    private static async Task<JsonNode> CreatedAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/cases", body, Json);
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        return (await response.ReadJsonAsync())!;
    }

    private static async Task<JsonNode> ReadAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/cases/{id}");
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        return (await response.ReadJsonAsync())!;
    }

    private static void ShouldBeTheSameDocument(JsonNode created, JsonNode read) =>
        created.ToJsonString().ShouldBe(read.ToJsonString());

    [Test]
    public async Task A_fan_out_case_with_party_numbers_related_cases_and_documents_is_answered_as_GET_reads_it()
    {
        var earlier = await Client.CreateCaseAsync(Seed.NewCase("dialogue", title: "Tidligere sag"));
        var another = await Client.CreateCaseAsync(Seed.NewCase("regional", title: "Anden sag"));
        var body = new
        {
            title = "Fælles klimaplan med byrådsbeslutninger",
            summary = "Alle kommunalbestyrelser beslutter.",
            interest = "joint",
            councilDecisionRequired = true,
            initiator = new { organisationId = Seed.Kl, bodyId = Seed.T11, name = "KL" },
            kleJournalNumber = "00.01.00",
            kleActionFacet = "g01",
            sourceSystem = "sbsys-test",
            externalReference = $"EXT-{Guid.NewGuid():N}",
            // Out of order on purpose: a read gives them by local case number.
            partyReferences = new[]
            {
                new { organisationId = Seed.Frederikshavn, localCaseNumber = "FRH-2" },
                new { organisationId = Seed.Aalborg, localCaseNumber = "AAL-1" },
                new { organisationId = Seed.Laesoe, localCaseNumber = "LAE-3" },
            },
            relatedCaseIds = new[] { another.Id, earlier.Id, earlier.Id },
            documents = new[]
            {
                new { url = "https://example.org/doc/2", title = "Bilag", sha256 = (string?)new string('B', 64) },
                new { url = "https://example.org/doc/1", title = "Sagsfremstilling", sha256 = (string?)null },
            },
            governanceModelId = Seed.Model,
        };

        var created = await CreatedAsync(Client, body);
        var read = await ReadAsync(Client, created["id"]!.GetValue<string>());

        ShouldBeTheSameDocument(created, read);
        // The document holds what the comparison is about: a fan-out route with the parties' numbers on their councils' steps.
        var steps = created["route"]!["stages"]!.AsArray().SelectMany(s => s!["steps"]!.AsArray()).ToList();
        steps.Count.ShouldBeGreaterThan(10);
        steps.Select(s => s!["localCaseNumber"]?.GetValue<string>()).Where(n => n is not null).ShouldBe(["AAL-1", "FRH-2", "LAE-3"], ignoreOrder: true);
        steps.ShouldAllBe(s => s!["bodyName"]!.GetValue<string>().Length > 0);
        created["relatedCases"]!.AsArray().Count.ShouldBe(2);
        created["kleActionFacet"]!.GetValue<string>().ShouldBe("G01");
        created["documents"]![0]!["sha256"]!.GetValue<string>().ShouldBe(new string('b', 64));
    }

    [Test]
    public async Task A_case_system_bound_to_an_organisation_gets_the_answer_it_would_read()
    {
        using var system = CreateClient(Roles.Secretariat, Seed.Aalborg);
        var created = await CreatedAsync(system, new
        {
            title = "Kommunal sag fra sagssystemet",
            interest = "municipal",
            councilDecisionRequired = true,
            sourceSystem = "aalborg-esdh",
            externalReference = $"AAL-{Guid.NewGuid():N}",
            governanceModelId = Seed.Model,
        });
        var read = await ReadAsync(system, created["id"]!.GetValue<string>());

        ShouldBeTheSameDocument(created, read);
        created["ownerOrganisationId"]!.GetValue<Guid>().ShouldBe(Seed.Aalborg);
        created["initiator"]!["organisationId"]!.GetValue<Guid>().ShouldBe(Seed.Aalborg);
    }

    [Test]
    public async Task A_replay_with_the_same_Idempotency_Key_answers_the_document_GET_reads()
    {
        var body = Seed.NewCase("joint", councils: true);
        var key = $"key-{Guid.NewGuid():N}";
        using var first = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(body, options: Json) };
        first.Headers.Add("Idempotency-Key", key);
        using var firstResponse = await Client.SendAsync(first);
        await firstResponse.ShouldHaveStatus(HttpStatusCode.Created);
        var created = (await firstResponse.ReadJsonAsync())!;

        using var again = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(body, options: Json) };
        again.Headers.Add("Idempotency-Key", key);
        using var replayResponse = await Client.SendAsync(again);
        await replayResponse.ShouldHaveStatus(HttpStatusCode.Created);
        var replayed = (await replayResponse.ReadJsonAsync())!;

        var read = await ReadAsync(Client, created["id"]!.GetValue<string>());
        ShouldBeTheSameDocument(created, read);
        ShouldBeTheSameDocument(replayed, read);
    }
}
