using System.Net;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Grants;
using Klima.Api.Features.Financing.Programmes;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Financing;

public sealed class GrantsTests(DatabaseLane lane) : ApiTest(lane)
{
    private async Task<HttpResponseMessage> ReserveAsync(decimal amount = 100_000.00m) =>
        await PostAsync("/api/financing/grants", new
        {
            programmeId = Seeded.Klimaalliancen, payerId = Seeded.Brn, title = "Testbevilling", amount = new { amount, currency = "DKK" },
            reservedOn = "2023-03-01", reservedByDecisionRef = "TEST-1, BRN-bestyrelsen",
        });

    [Test]
    public async Task Releasing_the_860_000_phase_3_reservation_moves_it_from_reserved_to_released_on_GEN2040()
    {
        using var current = await Client.GetAsync($"/api/financing/grants/{Seeded.Gen2040Phase3Reservation}");
        await current.ShouldHaveStatus(HttpStatusCode.OK);
        (await current.ReadAsync<GrantResponse>()).State.ShouldBe(GrantState.Reserved);

        using var released = await SendAsync(HttpMethod.Post, $"/api/financing/grants/{Seeded.Gen2040Phase3Reservation}/release",
            new { on = "2023-07-01", decisionRef = "SAG-2023-01121, BRN-bestyrelsen", note = "Opstart af 3. fase" }, current.ETag());
        await released.ShouldHaveStatus(HttpStatusCode.OK);
        var grant = await released.ReadAsync<GrantResponse>();
        grant.State.ShouldBe(GrantState.Released);
        grant.ReleasedOn.ShouldBe(new DateOnly(2023, 7, 1));
        grant.ReleasedByDecisionRef.ShouldBe("SAG-2023-01121, BRN-bestyrelsen");
        grant.History.Select(h => h.ToState).ShouldBe([GrantState.Reserved, GrantState.Released]);
        grant.History[^1].DecisionRef.ShouldBe("SAG-2023-01121, BRN-bestyrelsen");

        var gen2040 = await GetAsync<ProgrammeDetailResponse>($"/api/financing/programmes/{Seeded.Gen2040}");
        gen2040.Grants.Reserved.ShouldBe(new MoneyAmount(0.00m, "DKK"));
        gen2040.Grants.Released.ShouldBe(new MoneyAmount(1_760_000.00m, "DKK"));
    }

    [Test]
    public async Task A_grant_goes_reserved_released_spent_closed_and_never_back()
    {
        using var reserved = await ReserveAsync();
        await reserved.ShouldHaveStatus(HttpStatusCode.Created);
        var id = (await reserved.ReadAsync<GrantResponse>()).Id;
        var etag = reserved.ETag();
        foreach (var (action, state) in new[] { ("release", GrantState.Released), ("spend", GrantState.Spent), ("close", GrantState.Closed) })
        {
            using var moved = await SendAsync(HttpMethod.Post, $"/api/financing/grants/{id}/{action}", new { on = "2024-01-01", decisionRef = "TEST-2" }, etag);
            await moved.ShouldHaveStatus(HttpStatusCode.OK);
            (await moved.ReadAsync<GrantResponse>()).State.ShouldBe(state);
            etag = moved.ETag();
        }
        using var back = await SendAsync(HttpMethod.Post, $"/api/financing/grants/{id}/release", new { on = "2024-02-01", decisionRef = "TEST-3" }, etag);
        await back.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await back.ReadJsonAsync())["rule"]!.GetValue<string>().ShouldBe("grantLifecycle");
    }

    [Test]
    public async Task A_release_needs_the_approving_decision_the_current_ETag_and_a_date_not_before_the_reservation()
    {
        using var reserved = await ReserveAsync();
        var id = (await reserved.ReadAsync<GrantResponse>()).Id;

        using var noDecision = await SendAsync(HttpMethod.Post, $"/api/financing/grants/{id}/release", new { on = "2023-07-01" }, reserved.ETag());
        await noDecision.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await noDecision.ReadJsonAsync())["errors"]!["decisionRef"].ShouldNotBeNull();

        using var noIfMatch = await SendAsync(HttpMethod.Post, $"/api/financing/grants/{id}/release", new { on = "2023-07-01", decisionRef = "X" });
        await noIfMatch.ShouldHaveStatus(HttpStatusCode.PreconditionRequired);

        using var stale = await SendAsync(HttpMethod.Post, $"/api/financing/grants/{id}/release", new { on = "2023-07-01", decisionRef = "X" }, "\"99\"");
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);

        using var early = await SendAsync(HttpMethod.Post, $"/api/financing/grants/{id}/release", new { on = "2023-01-01", decisionRef = "X" }, reserved.ETag());
        await early.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await early.ReadJsonAsync())["errors"]!["on"].ShouldNotBeNull();
    }

    [Test]
    public async Task Grant_amounts_are_validated_field_by_field()
    {
        using var response = await PostAsync("/api/financing/grants", new
        {
            programmeId = Seeded.Gen2040Phase3, payerId = Guid.NewGuid(), title = "", amount = new { amount = 10.005m, currency = "EUR" },
            reservedOn = "2023-03-01", reservedByDecisionRef = "",
        });
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ToList();
        errors.ShouldBe(["title", "amount.currency", "amount.amount", "reservedByDecisionRef"], ignoreOrder: true);

        using var negative = await ReserveAsync(-5.00m);
        await negative.ShouldHaveStatus(HttpStatusCode.BadRequest);
        using var huge = await ReserveAsync(10_000_000_000.01m);
        await huge.ShouldHaveStatus(HttpStatusCode.BadRequest);

        using var unknownPayer = await PostAsync("/api/financing/grants", new
        {
            programmeId = Seeded.Gen2040Phase3, payerId = Guid.NewGuid(), title = "X", amount = new { amount = 1m, currency = "DKK" },
            reservedOn = "2023-03-01", reservedByDecisionRef = "X",
        });
        await unknownPayer.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await unknownPayer.ReadJsonAsync())["errors"]!["payerId"].ShouldNotBeNull();
    }

    [Test]
    public async Task Grants_list_by_programme_including_its_phases()
    {
        var page = await GetAsync<Page<GrantResponse>>($"/api/financing/grants?programmeId={Seeded.Gen2040}&limit=200");
        page.Items.Select(g => g.Id).ShouldContain(Guid.Parse(Seeded.Gen2040Phase2Grant));
        page.Items.Select(g => g.Id).ShouldContain(Guid.Parse(Seeded.Gen2040Phase3Reservation));
        var phase2 = page.Items.Single(g => g.Id == Guid.Parse(Seeded.Gen2040Phase2Grant));
        phase2.Amount.ShouldBe(new MoneyAmount(900_000.00m, "DKK"));
        phase2.State.ShouldBe(GrantState.Released);
    }
}
