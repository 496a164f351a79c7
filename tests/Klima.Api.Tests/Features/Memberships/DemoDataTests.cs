using Klima.Api.Domain;
using Klima.Api.Domain.Governance;
using Klima.Api.Features.Bodies;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Features.Memberships;
using Klima.Api.Features.People;
using Klima.Api.Features.Staff;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Features.Bodies;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Memberships;

/// <summary>The optional demo data set (Database:DemoData=true): fictional people with histories that keep every hard rule.</summary>
public sealed class DemoDataTests(DatabaseLane lane) : ApiTest(lane)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Database:DemoData"] = "true" };

    [Test]
    public async Task Every_demo_person_is_obviously_fictional()
    {
        var people = await AllAsync<PersonResponse>("/api/people?limit=200");
        people.Count.ShouldBeGreaterThan(100);
        people.ShouldAllBe(p => p.Name.StartsWith("Fiktiv ", StringComparison.Ordinal));
    }

    [Test]
    public async Task Demo_memberships_never_overlap_in_a_seat_or_for_a_person_in_a_body()
    {
        var memberships = await AllAsync<MembershipResponse>("/api/memberships?limit=200");
        memberships.Count.ShouldBeGreaterThan(150);
        var always = new Period(new DateOnly(2000, 1, 1), null);
        foreach (var seat in memberships.GroupBy(m => m.SeatId))
        {
            Period.PeakOverlap(seat.Select(m => new Period(m.ValidFrom, m.ValidTo)), always).ShouldBeLessThanOrEqualTo(1, $"seat {seat.Key}");
        }
        foreach (var personInBody in memberships.GroupBy(m => (m.BodyId, m.PersonId)))
        {
            Period.PeakOverlap(personInBody.Select(m => new Period(m.ValidFrom, m.ValidTo)), always).ShouldBeLessThanOrEqualTo(1, $"person in body {personInBody.Key}");
        }
    }

    [TestCase("2020-06-01")]
    [TestCase("2023-06-01")]
    [TestCase("2026-11-01")]
    public async Task No_body_breaks_a_hard_rule_on_any_date(string asOf)
    {
        var graph = await GetAsync<GraphResponse>($"/api/governance-models/{NorthJutland.Model}/graph?asOf={asOf}");
        foreach (var node in graph.Nodes)
        {
            var hard = (await GetAsync<Page<CompositionRuleResponse>>($"/api/bodies/{node.Id}/composition-rules")).Items
                .Where(r => r.Severity == RuleSeverity.Hard).Select(r => r.Code).ToHashSet();
            var body = await GetAsync<BodyDetailResponse>($"/api/bodies/{node.Id}?asOf={asOf}");
            body.Warnings.Where(w => w.Rule is not null && hard.Contains(w.Rule)).ShouldBeEmpty($"{node.Code} on {asOf}");
        }
    }

    [Test]
    public async Task The_demo_fills_most_seats_and_leaves_some_vacant()
    {
        var graph = await GetAsync<GraphResponse>($"/api/governance-models/{NorthJutland.Model}/graph?asOf=2026-06-01");
        var nodes = graph.Nodes.ToDictionary(n => n.Code);
        nodes["brn-board"].SeatsFilled.ShouldBe(12);
        nodes["kkr"].SeatsFilled.ShouldBe(22);
        nodes["t11"].SeatsFilled.ShouldBe(12);
        nodes["dialogue-forum"].SeatsFilled.ShouldBe(36);
        nodes["project-steering-group"].SeatsFilled.ShouldBe(4);
        nodes["climate-secretariat"].SeatsFilled.ShouldBe(3);
    }

    [Test]
    public async Task The_demo_has_histories_across_election_terms()
    {
        var past = await GetAsync<BodyDetailResponse>($"/api/bodies/{NorthJutland.BrnBoard}?asOf=2020-06-01");
        past.Seats.ShouldAllBe(s => s.Holder != null && s.Holder.PersonName.EndsWith(" A", StringComparison.Ordinal));
        var chair = await GetAsync<BodyDetailResponse>($"/api/bodies/{NorthJutland.ProjectSteeringGroup}?asOf=2024-01-01");
        chair.Seats.Single(s => s.Role == SeatRole.Chair).Holder!.PersonName.ShouldBe("Fiktiv Teknisk direktør Aalborg");
        var ending = await GetAsync<Page<MembershipResponse>>("/api/memberships/ending-with-election-term?term=2026-2030&limit=200");
        ending.Items.Count.ShouldBeGreaterThan(50);
        var aalborgToday = await GetAsync<Page<MembershipResponse>>($"/api/memberships?representsOrganisationId={NorthJutland.Aalborg}&asOf=2026-11-01&limit=200");
        aalborgToday.Items.GroupBy(m => m.BodyName).ToDictionary(g => g.Key, g => g.Count())
            .ShouldBe(new Dictionary<string, int> { ["BRN-bestyrelsen"] = 1, ["KKR Nordjylland"] = 2, ["Klimapolitisk Dialogforum"] = 3, ["T11+"] = 1 }, ignoreOrder: true);
        var staff = await GetAsync<Page<StaffPositionResponse>>($"/api/staff-positions?bodyId={NorthJutland.ClimateSecretariat}");
        staff.Items.ShouldAllBe(p => p.HolderPersonName != null && p.HolderPersonName.StartsWith("Fiktiv Klimamedarbejder", StringComparison.Ordinal));
    }

    private async Task<List<T>> AllAsync<T>(string url)
    {
        var all = new List<T>();
        string? next = url;
        while (next is not null)
        {
            var page = await GetAsync<Page<T>>(next);
            all.AddRange(page.Items);
            next = page.Next;
        }
        return all;
    }
}
