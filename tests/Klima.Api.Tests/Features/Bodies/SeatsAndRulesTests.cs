using System.Net;
using Klima.Api.Domain.Governance;
using Klima.Api.Features.Bodies;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Bodies;

public sealed class SeatsAndRulesTests(DatabaseLane lane) : ApiTest(lane)
{
    [Test]
    public async Task The_dialogue_forum_has_4_seats_for_each_municipality_and_the_region()
    {
        var seats = await GetAsync<Page<SeatResponse>>($"/api/bodies/{NorthJutland.DialogueForum}/seats?limit=200");
        seats.Items.Count.ShouldBe(48);
        seats.Items.GroupBy(s => s.RepresentsOrganisationId).ShouldAllBe(g => g.Count() == 4);
        seats.Items.Select(s => s.Ordinal).ShouldBe(Enumerable.Range(1, 48));
    }

    [Test]
    public async Task Seats_page_in_order_with_next_links_and_filter_by_organisation()
    {
        var ordinals = new List<int>();
        string? next = $"/api/bodies/{NorthJutland.Kkr}/seats?limit=5";
        while (next is not null)
        {
            var page = await GetAsync<Page<SeatResponse>>(next);
            ordinals.AddRange(page.Items.Select(s => s.Ordinal));
            next = page.Next;
        }
        ordinals.ShouldBe(Enumerable.Range(1, 22));

        var aalborg = await GetAsync<Page<SeatResponse>>($"/api/bodies/{NorthJutland.Kkr}/seats?representsOrganisationId={NorthJutland.Aalborg}");
        aalborg.Items.Count.ShouldBe(2);
        aalborg.Items.ShouldAllBe(s => s.RepresentsOrganisationName == "Aalborg Kommune" && s.Holder == null);
    }

    [Test]
    public async Task A_fifth_Aalborg_seat_in_the_dialogue_forum_is_refused_naming_the_rule()
    {
        using var response = await PostAsync($"/api/bodies/{NorthJutland.DialogueForum}/seats", new
        {
            label = "Politisk repræsentant 5, Aalborg Kommune", role = "member", voting = false, representsOrganisationId = NorthJutland.Aalborg,
        });
        await response.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        var problem = await response.ReadJsonAsync();
        problem["rule"]!.GetValue<string>().ShouldBe("max-4-per-organisation");
        problem["errors"]!["representsOrganisationId"].ShouldNotBeNull();
        problem["type"]!.GetValue<string>().ShouldBe("https://klima.dk/problems/rule-violated");
    }

    [Test]
    public async Task A_fourth_T11_seat_in_the_project_steering_group_is_refused_by_the_category_rule()
    {
        using var response = await PostAsync($"/api/bodies/{NorthJutland.ProjectSteeringGroup}/seats", new
        {
            label = "Repræsentant fra T11+", category = "T11+", role = "member", voting = true, appointedByBodyId = NorthJutland.T11,
        });
        await response.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await response.ReadJsonAsync())["rule"]!.GetValue<string>().ShouldBe("max-3-from-t11");
    }

    [Test]
    public async Task Seats_are_created_read_updated_and_deleted_with_ETags()
    {
        var url = $"/api/bodies/{NorthJutland.KkrSecretariat}/seats";
        using var created = await PostAsync(url, new { label = "Konsulent", role = "secretary", voting = false, representsOrganisationId = NorthJutland.Aalborg });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var seat = await created.ReadAsync<SeatResponse>();
        seat.Ordinal.ShouldBe(1);
        seat.Role.ShouldBe(SeatRole.Secretary);

        using var read = await Client.GetAsync($"{url}/{seat.Id}");
        await read.ShouldHaveStatus(HttpStatusCode.OK);
        read.ETag().ShouldBe(created.ETag());

        using var updated = await SendAsync(HttpMethod.Put, $"{url}/{seat.Id}", new { ordinal = 2, label = "Chefkonsulent", role = "secretary", voting = false }, created.ETag());
        await updated.ShouldHaveStatus(HttpStatusCode.OK);
        (await updated.ReadAsync<SeatResponse>()).RepresentsOrganisationId.ShouldBeNull();

        using var stale = await SendAsync(HttpMethod.Put, $"{url}/{seat.Id}", new { ordinal = 3, label = "X", role = "secretary", voting = false }, created.ETag());
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);

        using var deleted = await SendAsync(HttpMethod.Delete, $"{url}/{seat.Id}", ifMatch: updated.ETag());
        await deleted.ShouldHaveStatus(HttpStatusCode.NoContent);
        using var gone = await Client.GetAsync($"{url}/{seat.Id}");
        await gone.ShouldHaveStatus(HttpStatusCode.NotFound);
        (await GetAsync<Page<SeatResponse>>(url)).Items.ShouldNotContain(s => s.Id == seat.Id);
        var sync = await GetAsync<Page<SeatResponse>>($"{url}?modifiedSince=2024-01-01T00:00:00Z");
        sync.Items.ShouldContain(s => s.Id == seat.Id && s.Deleted);
    }

    [Test]
    public async Task Moving_a_seat_to_an_organisation_that_is_full_is_refused()
    {
        var seat = await GetAsync<SeatResponse>($"/api/bodies/{NorthJutland.BrnBoard}/seats/{NorthJutland.BrnBoardSeat(2)}");
        using var moved = await SendAsync(HttpMethod.Put, $"/api/bodies/{NorthJutland.BrnBoard}/seats/{seat.Id}",
            new { ordinal = seat.Ordinal, label = seat.Label, role = "member", voting = true, representsOrganisationId = NorthJutland.Aalborg }, $"\"{seat.Version}\"");
        await moved.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await moved.ReadJsonAsync())["rule"]!.GetValue<string>().ShouldBe("max-1-per-organisation");
    }

    [Test]
    public async Task A_seat_with_a_current_member_cannot_be_deleted()
    {
        var url = $"/api/bodies/{NorthJutland.BrnSecretariat}";
        using var person = await PostAsync("/api/people", new { name = "Fiktiv Sekretariatschef" });
        var personId = (await person.ReadJsonAsync())["id"]!.GetValue<Guid>();
        using var appointed = await PostAsync($"{url}/memberships", new { personId, seatId = "30000000-0000-0000-0008-000000000001", validFrom = "2023-01-01" });
        await appointed.ShouldHaveStatus(HttpStatusCode.Created);

        using var seat = await Client.GetAsync($"{url}/seats/30000000-0000-0000-0008-000000000001");
        using var deleted = await SendAsync(HttpMethod.Delete, $"{url}/seats/30000000-0000-0000-0008-000000000001", ifMatch: seat.ETag());
        await deleted.ShouldHaveStatus(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task The_seeded_composition_rules_are_listed_per_body()
    {
        var rules = await GetAsync<Page<CompositionRuleResponse>>($"/api/bodies/{NorthJutland.ProjectSteeringGroup}/composition-rules");
        rules.Items.Select(r => r.Code).ShouldBe(["chair-holds-t11-seat", "max-3-from-t11", "max-3-chiefs", "min-2-from-t11", "min-2-chiefs"], ignoreOrder: true);
        var chair = rules.Items.Single(r => r.Kind == RuleKind.ChairMustHoldSeatIn);
        chair.RefBodyId.ShouldBe(Guid.Parse(NorthJutland.T11));
        chair.Severity.ShouldBe(RuleSeverity.Hard);

        var forum = await GetAsync<Page<CompositionRuleResponse>>($"/api/bodies/{NorthJutland.DialogueForum}/composition-rules");
        forum.Items.ShouldHaveSingleItem().Value.ShouldBe(4);
    }

    [Test]
    public async Task Rules_are_created_validated_by_kind_and_deleted()
    {
        var url = $"/api/bodies/{NorthJutland.NationalPoliticalGroup}/composition-rules";
        using var invalid = await PostAsync(url, new { code = "min-1-x", kind = "minFilledPerCategory", severity = "soft", description = "Mindst én." });
        await invalid.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await invalid.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["value", "category"], ignoreOrder: true);

        using var chairWithoutBody = await PostAsync(url, new { code = "chair-x", kind = "chairMustHoldSeatIn", severity = "hard", description = "X" });
        await chairWithoutBody.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await chairWithoutBody.ReadJsonAsync())["errors"]!["refBodyId"].ShouldNotBeNull();

        using var created = await PostAsync(url, new { code = "max-1-per-organisation", kind = "maxSeatsPerOrganisation", severity = "hard", value = 1, description = "Én pr. part." });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var rule = await created.ReadAsync<CompositionRuleResponse>();
        using var read = await Client.GetAsync($"{url}/{rule.Id}");
        await read.ShouldHaveStatus(HttpStatusCode.OK);
        read.ETag().ShouldBe(created.ETag());

        using var duplicate = await PostAsync(url, new { code = "max-1-per-organisation", kind = "maxSeatsPerOrganisation", severity = "hard", value = 1, description = "Igen." });
        await duplicate.ShouldHaveStatus(HttpStatusCode.Conflict);

        using var deleted = await SendAsync(HttpMethod.Delete, $"{url}/{rule.Id}", ifMatch: created.ETag());
        await deleted.ShouldHaveStatus(HttpStatusCode.NoContent);
        (await GetAsync<Page<CompositionRuleResponse>>(url)).Items.ShouldBeEmpty();
        (await GetAsync<Page<CompositionRuleResponse>>($"{url}?modifiedSince=2024-01-01T00:00:00Z")).Items.ShouldHaveSingleItem().Deleted.ShouldBeTrue();
    }

    [Test]
    public async Task Rules_are_changed_with_ETags_and_a_stale_copy_is_refused()
    {
        var url = $"/api/bodies/{await CreateBodyAsync("rule-change-group")}/composition-rules";
        using var created = await PostAsync(url, new { code = "min-1-kkr", kind = "minFilledPerCategory", severity = "soft", value = 1, category = "KKR", description = "Mindst én fra KKR." });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var rule = await created.ReadAsync<CompositionRuleResponse>();

        using var changed = await SendAsync(HttpMethod.Put, $"{url}/{rule.Id}",
            new { code = "min-1-kkr", kind = "minFilledPerCategory", severity = "soft", value = 1, category = "KKR", description = "Mindst én udpeget af KKR." }, created.ETag());
        await changed.ShouldHaveStatus(HttpStatusCode.OK);
        var updated = await changed.ReadAsync<CompositionRuleResponse>();
        updated.Description.ShouldBe("Mindst én udpeget af KKR.");
        updated.Version.ShouldBe(2);
        changed.ETag().ShouldBe("\"2\"");
        (await GetAsync<CompositionRuleResponse>($"{url}/{rule.Id}")).Description.ShouldBe("Mindst én udpeget af KKR.");

        using var stale = await SendAsync(HttpMethod.Put, $"{url}/{rule.Id}",
            new { code = "min-1-kkr", kind = "minFilledPerCategory", severity = "soft", value = 2, category = "KKR", description = "To." }, created.ETag());
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);

        using var withoutVersion = await SendAsync(HttpMethod.Put, $"{url}/{rule.Id}",
            new { code = "min-1-kkr", kind = "minFilledPerCategory", severity = "soft", value = 2, category = "KKR", description = "To." });
        await withoutVersion.ShouldHaveStatus((HttpStatusCode)428);

        using var invalid = await SendAsync(HttpMethod.Put, $"{url}/{rule.Id}",
            new { code = "Min 1", kind = "minFilledPerCategory", severity = "soft", description = "" }, changed.ETag());
        await invalid.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await invalid.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["code", "description", "value", "category"], ignoreOrder: true);
    }

    [Test]
    public async Task A_rule_cannot_take_another_rules_code_or_be_tightened_below_the_seats()
    {
        var body = await CreateBodyAsync("rule-tighten-group");
        foreach (var label in new[] { "Aalborg 1", "Aalborg 2" })
        {
            using var seat = await PostAsync($"/api/bodies/{body}/seats", new { label, role = "member", voting = true, representsOrganisationId = NorthJutland.Aalborg });
            await seat.ShouldHaveStatus(HttpStatusCode.Created);
        }
        var url = $"/api/bodies/{body}/composition-rules";
        using var created = await PostAsync(url, new { code = "max-2-per-organisation", kind = "maxSeatsPerOrganisation", severity = "hard", value = 2, description = "Højst to." });
        var rule = await created.ReadAsync<CompositionRuleResponse>();

        // Two Aalborg seats: a hard "at most 1" cannot hold, and the rule is left as it was.
        using var tightened = await SendAsync(HttpMethod.Put, $"{url}/{rule.Id}",
            new { code = rule.Code, kind = "maxSeatsPerOrganisation", severity = "hard", value = 1, description = "Højst én." }, created.ETag());
        await tightened.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        var problem = await tightened.ReadJsonAsync();
        problem["rule"]!.GetValue<string>().ShouldBe("max-2-per-organisation");
        problem["errors"]!["value"].ShouldNotBeNull();
        (await GetAsync<CompositionRuleResponse>($"{url}/{rule.Id}")).Value.ShouldBe(2);

        using var other = await PostAsync(url, new { code = "min-1-filled", kind = "minFilledPerCategory", severity = "soft", value = 1, category = "politisk", description = "Én." });
        await other.ShouldHaveStatus(HttpStatusCode.Created);
        using var clash = await SendAsync(HttpMethod.Put, $"{url}/{rule.Id}",
            new { code = "min-1-filled", kind = "maxSeatsPerOrganisation", severity = "hard", value = 2, description = "Højst to." }, created.ETag());
        await clash.ShouldHaveStatus(HttpStatusCode.Conflict);

        using var unknown = await SendAsync(HttpMethod.Put, $"{url}/{Guid.NewGuid()}",
            new { code = "x", kind = "maxSeatsPerOrganisation", severity = "soft", value = 4, description = "X" }, created.ETag());
        await unknown.ShouldHaveStatus(HttpStatusCode.NotFound);
    }

    private async Task<Guid> CreateBodyAsync(string code)
    {
        using var created = await PostAsync("/api/bodies", new { governanceModelId = NorthJutland.Model, code, name = code, kind = "workingGroup", canDecide = false });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        return (await created.ReadAsync<BodyResponse>()).Id;
    }

    [Test]
    public async Task A_hard_rule_the_current_seats_already_break_is_refused()
    {
        // The dialogue forum has 4 seats per organisation: a hard "at most 3" cannot hold.
        using var response = await PostAsync($"/api/bodies/{NorthJutland.DialogueForum}/composition-rules",
            new { code = "max-3-per-organisation", kind = "maxSeatsPerOrganisation", severity = "hard", value = 3, description = "Højst 3." });
        await response.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await response.ReadJsonAsync())["rule"]!.GetValue<string>().ShouldBe("max-3-per-organisation");
    }
}
