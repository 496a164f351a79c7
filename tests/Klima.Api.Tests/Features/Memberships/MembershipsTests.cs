using System.Net;
using Klima.Api.Domain.Governance;
using Klima.Api.Features.Bodies;
using Klima.Api.Features.Memberships;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Features.Bodies;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Memberships;

/// <summary>Each test works on its own organisation's or body's seats, so that they do not depend on one another.</summary>
public sealed class MembershipsTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Forum = $"/api/bodies/{NorthJutland.DialogueForum}";

    [Test]
    public async Task A_fifth_representative_of_Aalborg_in_the_dialogue_forum_is_refused_naming_the_rule()
    {
        var first = new List<MembershipResponse>();
        for (var i = 1; i <= 4; i++)
        {
            first.Add(await AppointAsync(Forum, new { personId = await PersonAsync($"Fiktiv Aalborg-politiker {i}"), representsOrganisationId = NorthJutland.Aalborg, validFrom = "2022-01-01", tiedToElectionTerm = true }));
        }
        first.Select(m => m.SeatId).ShouldBe(Enumerable.Range(1, 4).Select(n => Guid.Parse(NorthJutland.DialogueForumSeat(n))), ignoreOrder: true);
        first.ShouldAllBe(m => m.ValidTo == new DateOnly(2026, 1, 1));
        var fifth = await PersonAsync("Fiktiv Aalborg-politiker 5");

        // By organisation: no seat is vacant, and a fifth concurrent representative breaks the rule.
        using var byOrganisation = await PostAsync($"{Forum}/memberships", new { personId = fifth, representsOrganisationId = NorthJutland.Aalborg, validFrom = "2023-01-01" });
        await ShouldViolate(byOrganisation, "max-4-per-organisation", "representsOrganisationId");

        // Into an occupied seat, for an overlapping period.
        using var bySeat = await PostAsync($"{Forum}/memberships", new { personId = fifth, seatId = NorthJutland.DialogueForumSeat(2), validFrom = "2025-12-31" });
        await ShouldViolate(bySeat, "max-4-per-organisation", "seatId");

        // As a new seat.
        using var asSeat = await PostAsync($"{Forum}/seats", new { label = "Politisk repræsentant 5, Aalborg Kommune", role = "member", voting = false, representsOrganisationId = NorthJutland.Aalborg });
        await ShouldViolate(asSeat, "max-4-per-organisation", "representsOrganisationId");

        // When the term ends, the seat can be filled again.
        var next = await AppointAsync(Forum, new { personId = fifth, seatId = NorthJutland.DialogueForumSeat(2), validFrom = "2026-01-01", tiedToElectionTerm = true });
        next.ValidTo.ShouldBe(new DateOnly(2030, 1, 1));
    }

    [Test]
    public async Task Concurrent_appointments_for_one_organisation_never_exceed_its_limit()
    {
        // Six appointments of Frederikshavn representatives at once: the body is locked per appointment, so exactly four get seats.
        var people = new List<Guid>();
        for (var i = 1; i <= 6; i++)
        {
            people.Add(await PersonAsync($"Fiktiv Frederikshavn-politiker {i}"));
        }
        var responses = await Task.WhenAll(people.Select(person =>
            PostAsync($"{Forum}/memberships", new { personId = person, representsOrganisationId = NorthJutland.Frederikshavn, validFrom = "2022-01-01" })));
        try
        {
            responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(4);
            responses.Count(r => r.StatusCode == HttpStatusCode.UnprocessableEntity).ShouldBe(2);
            var held = await GetAsync<Page<MembershipResponse>>($"/api/memberships?representsOrganisationId={NorthJutland.Frederikshavn}&bodyId={NorthJutland.DialogueForum}&asOf=2022-06-01");
            held.Items.Select(m => m.SeatId).ShouldBeUnique();
            held.Items.Count.ShouldBe(4);
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Test]
    public async Task Appointing_into_an_occupied_seat_for_an_overlapping_period_is_refused()
    {
        var url = $"/api/bodies/{NorthJutland.ClimateSecretariat}";
        await AppointAsync(url, new { personId = await PersonAsync("Fiktiv Klimamedarbejder A"), seatId = NorthJutland.SecretariatSeat(1), validFrom = "2023-07-01", validTo = "2026-07-01" });
        using var overlapping = await PostAsync($"{url}/memberships", new { personId = await PersonAsync("Fiktiv Klimamedarbejder B"), seatId = NorthJutland.SecretariatSeat(1), validFrom = "2026-06-30" });
        await ShouldViolate(overlapping, CompositionEngine.SeatOccupied, "seatId");
        // Back to back is fine: the periods are half-open.
        await AppointAsync(url, new { personId = await PersonAsync("Fiktiv Klimamedarbejder C"), seatId = NorthJutland.SecretariatSeat(1), validFrom = "2026-07-01" });
    }

    [Test]
    public async Task AsOf_returns_the_members_of_a_past_date()
    {
        var seat = NorthJutland.KkrSeat(7); // Hjørring
        var before = await AppointAsync($"/api/bodies/{NorthJutland.Kkr}", new { personId = await PersonAsync("Fiktiv Forgænger"), seatId = seat, validFrom = "2022-01-01", tiedToElectionTerm = true, appointedByDecisionRef = "Byrådet 2021-12-09 pkt. 4" });
        using var ended = await SendAsync(HttpMethod.Post, $"/api/memberships/{before.Id}/end", new { validTo = "2024-03-01", reason = "Udtrådt af byrådet" }, $"\"{before.Version}\"");
        await ended.ShouldHaveStatus(HttpStatusCode.OK);
        var after = await AppointAsync($"/api/bodies/{NorthJutland.Kkr}", new { personId = await PersonAsync("Fiktiv Efterfølger"), seatId = seat, validFrom = "2024-03-01", tiedToElectionTerm = true });

        var then = await GetAsync<BodyDetailResponse>($"/api/bodies/{NorthJutland.Kkr}?asOf=2023-06-01");
        then.Seats.Single(s => s.Id == Guid.Parse(seat)).Holder.ShouldNotBeNull().PersonName.ShouldBe("Fiktiv Forgænger");
        var later = await GetAsync<BodyDetailResponse>($"/api/bodies/{NorthJutland.Kkr}?asOf=2024-03-01");
        later.Seats.Single(s => s.Id == Guid.Parse(seat)).Holder.ShouldNotBeNull().PersonName.ShouldBe("Fiktiv Efterfølger");
        var beforeAnyone = await GetAsync<BodyDetailResponse>($"/api/bodies/{NorthJutland.Kkr}?asOf=2021-06-01");
        beforeAnyone.Seats.Single(s => s.Id == Guid.Parse(seat)).Holder.ShouldBeNull();

        var listed = await GetAsync<Page<MembershipResponse>>($"/api/bodies/{NorthJutland.Kkr}/memberships?asOf=2023-06-01");
        listed.Items.Where(m => m.SeatId == Guid.Parse(seat)).Select(m => m.PersonName).ShouldBe(["Fiktiv Forgænger"]);
        var seats = await GetAsync<Page<SeatResponse>>($"/api/bodies/{NorthJutland.Kkr}/seats?asOf=2024-06-01&vacant=false");
        seats.Items.Single(s => s.Id == Guid.Parse(seat)).Holder!.MembershipId.ShouldBe(after.Id);

        var history = await GetAsync<Page<MembershipResponse>>($"/api/memberships?seatId={seat}");
        history.Items.Count.ShouldBe(2);
        history.Items.Single(m => m.Id == before.Id).EndReason.ShouldBe("Udtrådt af byrådet");
        history.Items.Single(m => m.Id == before.Id).AppointedByDecisionRef.ShouldBe("Byrådet 2021-12-09 pkt. 4");
    }

    [Test]
    public async Task A_persons_memberships_as_of_a_date()
    {
        var person = await PersonAsync("Fiktiv Teknisk Direktør Rebild");
        await AppointAsync($"/api/bodies/{NorthJutland.T11}", new { personId = person, seatId = NorthJutland.T11Seat(9), validFrom = "2020-05-01" });
        await AppointAsync($"/api/bodies/{NorthJutland.ProjectSteeringGroup}", new { personId = person, seatId = NorthJutland.SteeringGroupSeat(2), validFrom = "2023-03-01", validTo = "2024-03-01" });

        var all = await GetAsync<Page<MembershipResponse>>($"/api/people/{person}/memberships");
        all.Items.Count.ShouldBe(2);
        var in2023 = await GetAsync<Page<MembershipResponse>>($"/api/people/{person}/memberships?asOf=2023-06-01");
        in2023.Items.Select(m => m.BodyName).ShouldBe(["T11+", "Projektstyregruppen"], ignoreOrder: true);
        var in2025 = await GetAsync<Page<MembershipResponse>>($"/api/people/{person}/memberships?asOf=2025-06-01");
        in2025.Items.Select(m => m.BodyName).ShouldBe(["T11+"]);

        using var unknown = await Client.GetAsync($"/api/people/{Guid.NewGuid()}/memberships");
        await unknown.ShouldHaveStatus(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_steering_group_chair_must_hold_a_T11_seat_on_the_start_date()
    {
        var url = $"/api/bodies/{NorthJutland.ProjectSteeringGroup}";
        var director = await PersonAsync("Fiktiv Teknisk Direktør Thisted");
        using var refused = await PostAsync($"{url}/memberships", new { personId = director, seatId = NorthJutland.SteeringGroupSeat(1), validFrom = "2023-03-01" });
        await ShouldViolate(refused, "chair-holds-t11-seat", "personId");

        // A T11+ seat from a later date is not enough.
        await AppointAsync($"/api/bodies/{NorthJutland.T11}", new { personId = director, seatId = NorthJutland.T11Seat(10), validFrom = "2023-04-01" });
        using var tooEarly = await PostAsync($"{url}/memberships", new { personId = director, seatId = NorthJutland.SteeringGroupSeat(1), validFrom = "2023-03-01" });
        await ShouldViolate(tooEarly, "chair-holds-t11-seat", "personId");

        var chair = await AppointAsync(url, new { personId = director, seatId = NorthJutland.SteeringGroupSeat(1), validFrom = "2023-04-01", appointedByDecisionRef = "T11+ 2023-03-20" });
        chair.SeatRole.ShouldBe(SeatRole.Chair);
    }

    [Test]
    public async Task A_chair_rule_holds_for_the_whole_appointment_and_is_re_checked_when_the_underlying_membership_ends()
    {
        using var created = await PostAsync("/api/bodies", new
        {
            governanceModelId = NorthJutland.Model, code = "chair-rule-group", name = "Arbejdsgruppe med formandskrav", kind = "workingGroup", canDecide = false,
        });
        var body = $"/api/bodies/{(await created.ReadJsonAsync())["id"]!.GetValue<Guid>()}";
        using var seat = await PostAsync($"{body}/seats", new { label = "Formand", role = "chair", voting = true });
        var chairSeat = (await seat.ReadJsonAsync())["id"]!.GetValue<Guid>();
        using var rule = await PostAsync($"{body}/composition-rules", new
        {
            code = "chair-in-t11", kind = "chairMustHoldSeatIn", severity = "hard", refBodyId = NorthJutland.T11, description = "Formanden er medlem af T11+.",
        });
        await rule.ShouldHaveStatus(HttpStatusCode.Created);

        var director = await PersonAsync("Fiktiv Teknisk Direktør Morsø");
        var t11 = await AppointAsync($"/api/bodies/{NorthJutland.T11}", new { personId = director, seatId = NorthJutland.T11Seat(11), validFrom = "2023-01-01", validTo = "2024-01-01" });
        // Member of T11+ on the first day, but not for the whole (open-ended) appointment.
        using var tooLong = await PostAsync($"{body}/memberships", new { personId = director, seatId = chairSeat, validFrom = "2023-06-01" });
        await ShouldViolate(tooLong, "chair-in-t11", "personId");
        (await tooLong.ReadJsonAsync())["detail"]!.GetValue<string>().ShouldContain("for the whole appointment");
        await AppointAsync(body, new { personId = director, seatId = chairSeat, validFrom = "2023-06-01", validTo = "2023-12-01" });

        // Ending the T11+ seat before the chair appointment ends is refused; on the day it ends, it is not.
        using var early = await SendAsync(HttpMethod.Post, $"/api/memberships/{t11.Id}/end", new { validTo = "2023-09-01", reason = "Fratrådt" }, $"\"{t11.Version}\"");
        await ShouldViolate(early, "chair-in-t11", "validTo");
        (await early.ReadJsonAsync())["detail"]!.GetValue<string>().ShouldContain("Arbejdsgruppe med formandskrav");
        using var onTime = await SendAsync(HttpMethod.Post, $"/api/memberships/{t11.Id}/end", new { validTo = "2023-12-01", reason = "Fratrådt" }, $"\"{t11.Version}\"");
        await onTime.ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Test]
    public async Task Nobody_is_appointed_before_a_body_is_established_or_after_it_is_dissolved()
    {
        var person = await PersonAsync("Fiktiv For Tidlig");
        using var early = await PostAsync($"/api/bodies/{NorthJutland.ProjectSteeringGroup}/memberships", new { personId = person, seatId = NorthJutland.SteeringGroupSeat(6), validFrom = "2023-02-16" });
        await ShouldViolate(early, "body-not-established", "validFrom");

        using var created = await PostAsync("/api/bodies", new
        {
            governanceModelId = NorthJutland.Model, code = "dissolved-group", name = "Nedlagt gruppe", kind = "workingGroup", canDecide = false,
            establishedOn = "2023-01-01", dissolvedOn = "2024-01-01", dissolvedByCaseRef = "SAG-2023-9",
        });
        var body = (await created.ReadJsonAsync())["id"]!.GetValue<Guid>();
        using var seat = await PostAsync($"/api/bodies/{body}/seats", new { label = "Medlem", role = "member", voting = true });
        var seatId = (await seat.ReadJsonAsync())["id"]!.GetValue<Guid>();
        using var late = await PostAsync($"/api/bodies/{body}/memberships", new { personId = person, seatId, validFrom = "2024-01-01" });
        await ShouldViolate(late, "body-dissolved", "validFrom");
        await AppointAsync($"/api/bodies/{body}", new { personId = person, seatId, validFrom = "2023-06-01", validTo = "2024-01-01" });
    }

    [Test]
    public async Task One_person_holds_one_seat_of_a_body_at_a_time()
    {
        var person = await PersonAsync("Fiktiv Dobbeltmedlem");
        await AppointAsync(Forum, new { personId = person, seatId = NorthJutland.DialogueForumSeat(29), validFrom = "2022-01-01" });
        using var second = await PostAsync($"{Forum}/memberships", new { personId = person, seatId = NorthJutland.DialogueForumSeat(30), validFrom = "2023-01-01" });
        await ShouldViolate(second, CompositionEngine.PersonAlreadyMember, "personId");
    }

    [Test]
    public async Task Ending_a_membership_sets_its_end_once_and_keeps_its_history()
    {
        var membership = await AppointAsync(Forum, new { personId = await PersonAsync("Fiktiv Morsø-politiker"), seatId = NorthJutland.DialogueForumSeat(29 + 4), validFrom = "2022-01-01", tiedToElectionTerm = true });
        var url = $"/api/memberships/{membership.Id}";
        using var read = await Client.GetAsync(url);
        await read.ShouldHaveStatus(HttpStatusCode.OK);

        using var noIfMatch = await PostAsync($"{url}/end", new { validTo = "2024-01-01", reason = "Flyttet" });
        await noIfMatch.ShouldHaveStatus(HttpStatusCode.PreconditionRequired);
        using var later = await SendAsync(HttpMethod.Post, $"{url}/end", new { validTo = "2027-01-01", reason = "Forlænget" }, read.ETag());
        await later.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await later.ReadJsonAsync())["errors"]!["validTo"].ShouldNotBeNull();
        using var noReason = await SendAsync(HttpMethod.Post, $"{url}/end", new { validTo = "2024-01-01", reason = "" }, read.ETag());
        await noReason.ShouldHaveStatus(HttpStatusCode.BadRequest);

        using var ended = await SendAsync(HttpMethod.Post, $"{url}/end", new { validTo = "2024-01-01", reason = "Flyttet fra kommunen" }, read.ETag());
        await ended.ShouldHaveStatus(HttpStatusCode.OK);
        var result = await ended.ReadAsync<MembershipResponse>();
        result.ValidTo.ShouldBe(new DateOnly(2024, 1, 1));
        result.ValidFrom.ShouldBe(new DateOnly(2022, 1, 1));

        using var stale = await SendAsync(HttpMethod.Post, $"{url}/end", new { validTo = "2023-01-01", reason = "Igen" }, read.ETag());
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);
        using var again = await SendAsync(HttpMethod.Post, $"{url}/end", new { validTo = "2023-01-01", reason = "Igen" }, ended.ETag());
        await again.ShouldHaveStatus(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Invalid_appointments_come_back_field_by_field()
    {
        using var neither = await PostAsync(Forum + "/memberships", new { personId = Guid.Empty, validFrom = "2024-01-01", validTo = "2023-01-01" });
        await neither.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await neither.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["personId", "seatId", "validTo"], ignoreOrder: true);

        using var unknownPerson = await PostAsync(Forum + "/memberships", new { personId = Guid.NewGuid(), seatId = NorthJutland.DialogueForumSeat(40), validFrom = "2024-01-01" });
        await unknownPerson.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await unknownPerson.ReadJsonAsync())["errors"]!["personId"].ShouldNotBeNull();

        var person = await PersonAsync("Fiktiv Forkert Sæde");
        using var otherBodysSeat = await PostAsync(Forum + "/memberships", new { personId = person, seatId = NorthJutland.T11Seat(1), validFrom = "2024-01-01" });
        await otherBodysSeat.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await otherBodysSeat.ReadJsonAsync())["errors"]!["seatId"].ShouldNotBeNull();

        using var noSuchOrganisation = await PostAsync($"/api/bodies/{NorthJutland.Kkr}/memberships", new { personId = person, representsOrganisationId = NorthJutland.Region, validFrom = "2024-01-01" });
        await noSuchOrganisation.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await noSuchOrganisation.ReadJsonAsync())["errors"]!["representsOrganisationId"].ShouldNotBeNull();

        using var beyondTerm = await PostAsync(Forum + "/memberships", new { personId = person, seatId = NorthJutland.DialogueForumSeat(40), validFrom = "2024-01-01", validTo = "2027-01-01", tiedToElectionTerm = true });
        await beyondTerm.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await beyondTerm.ReadJsonAsync())["errors"]!["validTo"].ShouldNotBeNull();

        using var unknownBody = await PostAsync($"/api/bodies/{Guid.NewGuid()}/memberships", new { personId = person, seatId = NorthJutland.T11Seat(1), validFrom = "2024-01-01" });
        await unknownBody.ShouldHaveStatus(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_election_term_work_list_holds_tied_memberships_that_run_to_the_end_of_the_term()
    {
        var url = $"/api/bodies/{NorthJutland.BrnBoard}";
        var tied = await AppointAsync(url, new { personId = await PersonAsync("Fiktiv Borgmester Jammerbugt"), seatId = NorthJutland.BrnBoardSeat(5), validFrom = "2022-01-01", tiedToElectionTerm = true });
        var untied = await AppointAsync(url, new { personId = await PersonAsync("Fiktiv Borgmester Læsø"), seatId = NorthJutland.BrnBoardSeat(6), validFrom = "2022-01-01" });
        var endedEarly = await AppointAsync(url, new { personId = await PersonAsync("Fiktiv Borgmester Morsø"), seatId = NorthJutland.BrnBoardSeat(8), validFrom = "2022-01-01", tiedToElectionTerm = true });
        using var ended = await SendAsync(HttpMethod.Post, $"/api/memberships/{endedEarly.Id}/end", new { validTo = "2023-01-01", reason = "Fratrådt" }, $"\"{endedEarly.Version}\"");
        await ended.ShouldHaveStatus(HttpStatusCode.OK);

        var list = await GetAsync<Page<MembershipResponse>>($"/api/memberships/ending-with-election-term?term=2022-2026&bodyId={NorthJutland.BrnBoard}");
        list.Items.Select(m => m.Id).ShouldContain(tied.Id);
        list.Items.Select(m => m.Id).ShouldNotContain(untied.Id);
        list.Items.Select(m => m.Id).ShouldNotContain(endedEarly.Id);

        var nextTerm = await GetAsync<Page<MembershipResponse>>($"/api/memberships/ending-with-election-term?term=2026-2030&bodyId={NorthJutland.BrnBoard}");
        nextTerm.Items.Select(m => m.Id).ShouldNotContain(tied.Id);

        using var unknown = await Client.GetAsync("/api/memberships/ending-with-election-term?term=1999-2003");
        await unknown.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await unknown.ReadJsonAsync())["errors"]!["term"].ShouldNotBeNull();

        var terms = await GetAsync<Page<ElectionTermResponse>>("/api/election-terms");
        terms.Items.Select(t => t.Code).ShouldBe(["2018-2022", "2022-2026", "2026-2030"]);
    }

    [Test]
    public async Task Warnings_name_memberships_ending_within_90_days()
    {
        var url = $"/api/bodies/{NorthJutland.RegionalCouncil}";
        var chair = await AppointAsync(url, new { personId = await PersonAsync("Fiktiv Regionsrådsformand"), seatId = "30000000-0000-0000-0003-000000000001", validFrom = "2022-01-01", tiedToElectionTerm = true });
        var body = await GetAsync<BodyDetailResponse>($"{url}?asOf=2025-11-01");
        body.Warnings.ShouldContain(w => w.Code == CompositionEngine.MembershipEnding && w.MembershipId == chair.Id);
        body.Warnings.ShouldNotContain(w => w.Code == CompositionEngine.VacantSeats);
        var earlier = await GetAsync<BodyDetailResponse>($"{url}?asOf=2025-06-01");
        earlier.Warnings.ShouldBeEmpty();
    }

    [Test]
    public async Task Memberships_page_with_next_links_and_show_up_in_incremental_sync()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var url = $"/api/bodies/{NorthJutland.NationalPartnership}";
        for (var i = 1; i <= 3; i++)
        {
            await AppointAsync(url, new { personId = await PersonAsync($"Fiktiv Partner {i}"), seatId = $"30000000-0000-0000-0011-{i:D12}", validFrom = "2023-01-01" });
        }
        var seen = new List<Guid>();
        string? next = $"{url}/memberships?limit=2";
        while (next is not null)
        {
            var page = await GetAsync<Page<MembershipResponse>>(next);
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.Items.Select(m => m.Id));
            next = page.Next;
        }
        seen.Count.ShouldBe(3);
        var changes = await GetAsync<Page<MembershipResponse>>($"/api/memberships?modifiedSince={Uri.EscapeDataString(since.ToString("O"))}&bodyId={NorthJutland.NationalPartnership}");
        changes.Items.Count.ShouldBe(3);
    }

    private async Task<Guid> PersonAsync(string name)
    {
        using var response = await PostAsync("/api/people", new { name });
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        return (await response.ReadJsonAsync())["id"]!.GetValue<Guid>();
    }

    private async Task<MembershipResponse> AppointAsync(string bodyUrl, object appointment)
    {
        using var response = await PostAsync($"{bodyUrl}/memberships", appointment);
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        var membership = await response.ReadAsync<MembershipResponse>();
        response.Headers.Location!.ToString().ShouldBe($"/api/memberships/{membership.Id}");
        return membership;
    }

    private static async Task ShouldViolate(HttpResponseMessage response, string rule, string field)
    {
        await response.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        response.MediaType()!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadJsonAsync();
        problem["rule"]!.GetValue<string>().ShouldBe(rule);
        problem["errors"]![field].ShouldNotBeNull();
    }
}
