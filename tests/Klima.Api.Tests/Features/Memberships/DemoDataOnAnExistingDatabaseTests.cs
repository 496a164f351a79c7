using System.Net;
using System.Net.Http.Json;
using Klima.Api.Domain;
using Klima.Api.Domain.Governance;
using Klima.Api.Features.Bodies;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Features.Memberships;
using Klima.Api.Features.People;
using Klima.Api.Features.Staff;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Features.Bodies;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Memberships;

/// <summary>
/// <c>./klima start --demo</c> on a database that already holds appointments made by hand: the demo data goes through the
/// same composition rules, so a seat that is taken keeps its one holder and no body breaks a hard rule.
/// </summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.Lanes))]
public sealed class DemoDataOnAnExistingDatabaseTests(DatabaseLane lane)
{
    private TestDatabase _database = null!;
    private KlimaApiFactory _demo = null!;
    private HttpClient _client = null!;
    private Guid _mayor;
    private Guid _forumMember;
    private Guid _secretariatHolder;

    [OneTimeSetUp]
    public async Task Appoint_by_hand_then_start_again_with_the_demo_data()
    {
        _database = TestDatabases.Create(lane);
        await using (var plain = new KlimaApiFactory(_database))
        {
            using var client = Admin(plain);
            _mayor = await PersonAsync(client, "Håndudpeget Borgmester Aalborg", NorthJutland.Aalborg);
            await AppointAsync(client, NorthJutland.BrnBoard, _mayor, NorthJutland.BrnBoardSeat(1), "2026-01-01");
            _forumMember = await PersonAsync(client, "Håndudpeget Dialogforum Aalborg", NorthJutland.Aalborg);
            await AppointAsync(client, NorthJutland.DialogueForum, _forumMember, NorthJutland.DialogueForumSeat(1), "2023-06-01");
            _secretariatHolder = await PersonAsync(client, "Håndansat Klimamedarbejder", NorthJutland.Region);
            var positions = await client.GetFromJsonAsync<Page<StaffPositionResponse>>($"/api/staff-positions?bodyId={NorthJutland.ClimateSecretariat}", ApiTest.Json);
            var first = positions!.Items.OrderBy(p => p.Id).First();
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/staff-positions/{first.Id}") { Content = JsonContent.Create(StaffBody(first, _secretariatHolder), options: ApiTest.Json) };
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{first.Version}\"");
            using var held = await client.SendAsync(request);
            await held.ShouldHaveStatus(HttpStatusCode.OK);
        }
        _demo = new KlimaApiFactory(_database, new Dictionary<string, string?> { ["Database:DemoData"] = "true" });
        _client = Admin(_demo);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client?.Dispose();
        if (_demo is not null)
        {
            await _demo.DisposeAsync();
        }
        _database?.Dispose();
    }

    [Test]
    public async Task A_seat_taken_by_hand_keeps_its_one_holder_and_the_demo_fills_the_others()
    {
        var board = await GetAsync<BodyDetailResponse>($"/api/bodies/{NorthJutland.BrnBoard}?asOf=2026-06-01");
        var seat = board.Seats.Single(s => s.Id == Guid.Parse(NorthJutland.BrnBoardSeat(1)));
        seat.Holder!.PersonId.ShouldBe(_mayor);
        board.Seats.Count(s => s.Holder is not null).ShouldBe(12);
        // The demo's earlier holders of that seat do not overlap the appointment made by hand and are loaded.
        var past = await GetAsync<BodyDetailResponse>($"/api/bodies/{NorthJutland.BrnBoard}?asOf=2020-06-01");
        past.Seats.Single(s => s.Id == seat.Id).Holder!.PersonName.ShouldBe("Fiktiv Borgmester Aalborg A");

        var forum = await GetAsync<BodyDetailResponse>($"/api/bodies/{NorthJutland.DialogueForum}?asOf=2024-01-01");
        forum.Seats.Single(s => s.Id == Guid.Parse(NorthJutland.DialogueForumSeat(1))).Holder!.PersonId.ShouldBe(_forumMember);
        forum.Seats.Single(s => s.Id == Guid.Parse(NorthJutland.DialogueForumSeat(2))).Holder!.PersonName.ShouldStartWith("Fiktiv ");
    }

    [Test]
    public async Task No_seat_ever_has_two_holders_at_once()
    {
        var memberships = new List<MembershipResponse>();
        string? next = "/api/memberships?limit=200";
        while (next is not null)
        {
            var page = await GetAsync<Page<MembershipResponse>>(next);
            memberships.AddRange(page.Items);
            next = page.Next;
        }
        memberships.ShouldContain(m => m.PersonId == _mayor);
        var always = new Period(new DateOnly(2000, 1, 1), null);
        foreach (var seat in memberships.GroupBy(m => m.SeatId))
        {
            Period.PeakOverlap(seat.Select(m => new Period(m.ValidFrom, m.ValidTo)), always).ShouldBeLessThanOrEqualTo(1, $"seat {seat.Key}");
        }
    }

    [TestCase("2020-06-01")]
    [TestCase("2024-01-01")]
    [TestCase("2026-06-01")]
    public async Task No_body_breaks_a_hard_rule(string asOf)
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
    public async Task A_staff_position_filled_by_hand_keeps_its_holder()
    {
        var positions = (await GetAsync<Page<StaffPositionResponse>>($"/api/staff-positions?bodyId={NorthJutland.ClimateSecretariat}")).Items.OrderBy(p => p.Id).ToList();
        positions[0].HolderPersonId.ShouldBe(_secretariatHolder);
        positions.Skip(1).ShouldAllBe(p => p.HolderPersonName != null && p.HolderPersonName.StartsWith("Fiktiv Klimamedarbejder", StringComparison.Ordinal));
    }

    private static HttpClient Admin(KlimaApiFactory factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.RoleHeader, Roles.Administrator);
        return client;
    }

    private async Task<T> GetAsync<T>(string url)
    {
        using var response = await _client.GetAsync(url);
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<T>(ApiTest.Json))!;
    }

    private static async Task<Guid> PersonAsync(HttpClient client, string name, string organisation)
    {
        using var created = await client.PostAsJsonAsync("/api/people", new { name, organisationId = organisation }, ApiTest.Json);
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        return (await created.ReadAsync<PersonResponse>()).Id;
    }

    private static async Task AppointAsync(HttpClient client, string body, Guid person, string seat, string from)
    {
        using var appointed = await client.PostAsJsonAsync($"/api/bodies/{body}/memberships",
            new { personId = person, seatId = seat, validFrom = from, tiedToElectionTerm = false }, ApiTest.Json);
        await appointed.ShouldHaveStatus(HttpStatusCode.Created);
    }

    private static object StaffBody(StaffPositionResponse p, Guid holder) => new
    {
        title = p.Title, employerOrganisationId = p.EmployerOrganisationId, placementBodyId = p.PlacementBodyId,
        dailyManagerBodyId = p.DailyManagerBodyId, dailyManagerRole = p.DailyManagerRole, fte = p.Fte, holderPersonId = holder,
        validFrom = p.ValidFrom, validTo = p.ValidTo, note = p.Note,
    };
}
