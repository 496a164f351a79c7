using System.Net;
using System.Net.Http.Json;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.Cases;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Cases;

/// <summary>The seed's fixed identifiers and small helpers the case, meeting and feed tests share.</summary>
public static class Seed
{
    public static readonly Guid Model = Guid.Parse("01000000-0000-0000-0000-000000000001");
    public static readonly Guid Aalborg = Guid.Parse("10000000-0000-0000-0000-000000000851");
    public static readonly Guid Frederikshavn = Guid.Parse("10000000-0000-0000-0000-000000000813");
    public static readonly Guid Laesoe = Guid.Parse("10000000-0000-0000-0000-000000000825");
    public static readonly Guid Region = Guid.Parse("10000000-0000-0000-0000-000000001081");
    public static readonly Guid Kl = Guid.Parse("10000000-0000-0000-0000-000000000002");
    public static readonly Guid BrnBoard = Body(1);
    public static readonly Guid Kkr = Body(2);
    public static readonly Guid RegionalCouncil = Body(3);
    public static readonly Guid DialogueForum = Body(4);
    public static readonly Guid T11 = Body(5);
    public static readonly Guid ProjectSteeringGroup = Body(6);
    public static readonly Guid ClimateSecretariat = Body(7);
    public static readonly Guid SeedCase = Guid.Parse("50000000-0000-0000-0000-000000000001");
    public static readonly Guid KkrMeeting = Guid.Parse("60000000-0000-0000-0000-000000000001");
    public static readonly Guid BoardMeeting = Guid.Parse("60000000-0000-0000-0000-000000000002");

    public static Guid Body(int n) => Guid.Parse($"20000000-0000-0000-0000-{n:000000000000}");

    public static Guid CouncilOf(string municipalityCode) => Guid.Parse($"20000000-0000-0000-0001-000000000{municipalityCode}");

    public static object NewCase(string interest = "joint", bool councils = false, string? externalReference = null, string title = "Fælles klimaindsats",
        IEnumerable<object>? partyReferences = null) => new
    {
        title,
        summary = "Forslag til fælles indsats under Klimaalliancen.",
        interest,
        councilDecisionRequired = councils,
        initiator = new { organisationId = Kl, name = "KL" },
        kleJournalNumber = "00.01.00",
        kleActionFacet = "A00",
        sourceSystem = "sbsys-test",
        externalReference = externalReference ?? $"EXT-{Guid.NewGuid():N}",
        partyReferences = partyReferences ?? [],
        documents = new[] { new { url = "https://example.org/doc/1", title = "Sagsfremstilling", sha256 = new string('a', 64) } },
        // Named explicitly so the tests hold when another seed adds a second model.
        governanceModelId = Model,
    };

    public static async Task<CaseResponse> CreateCaseAsync(this HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/cases", body, ApiTest.Json);
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        return await response.ReadAsync<CaseResponse>();
    }

    public static async Task<CaseResponse> DecideAsync(this HttpClient client, CaseResponse found, Guid stepId, DecisionOutcome outcome, string? text = null)
    {
        using var response = await client.PostAsJsonAsync($"/api/cases/{found.Id}/steps/{stepId}/decision", new { outcome, text }, ApiTest.Json);
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        return await response.ReadAsync<CaseResponse>();
    }

    public static async Task<CaseResponse> RecommendAsync(this HttpClient client, CaseResponse found, Guid stepId, string text = "Det indstilles, at sagen godkendes.")
    {
        using var response = await client.PostAsJsonAsync($"/api/cases/{found.Id}/steps/{stepId}/recommendation", new { text }, ApiTest.Json);
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        return await response.ReadAsync<CaseResponse>();
    }

    public static IEnumerable<CaseStepResponse> Steps(this CaseResponse found) => found.Route.Stages.SelectMany(s => s.Steps);

    /// <summary>Finishes a step by what its role asks: a recommendation for a step to recommend, approval for a deciding step, else "noted".</summary>
    public static Task<CaseResponse> AdvanceAsync(this HttpClient client, CaseResponse found, CaseStepResponse step) =>
        step.Role == StepRole.Recommendation && !step.Authoritative
            ? client.RecommendAsync(found, step.Id, "Forberedt og indstillet til næste trin.")
            : RoutingEngine.Decides(step.Role, step.Authoritative)
                ? client.DecideAsync(found, step.Id, DecisionOutcome.Approved, "Godkendt.")
                : client.DecideAsync(found, step.Id, DecisionOutcome.Noted, "Behandlet.");

    /// <summary>Finishes every step of the stages before <paramref name="stage"/> not finished yet, by what its role asks.</summary>
    public static async Task<CaseResponse> CompleteStagesBeforeAsync(this HttpClient client, CaseResponse found, int stage)
    {
        foreach (var step in found.Steps().Where(s => s.StageOrdinal < stage && !s.Done).ToList())
        {
            found = await client.AdvanceAsync(found, step);
        }
        return found;
    }
}
