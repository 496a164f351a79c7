using System.Net;
using System.Net.Http.Json;
using Klima.Api.Features.Bodies;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Features.Bodies;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.GovernanceModels;

public sealed class GovernanceModelsTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Graph = $"/api/governance-models/{NorthJutland.Model}/graph";

    [Test]
    public async Task The_seed_holds_the_North_Jutland_model()
    {
        var page = await GetAsync<Page<GovernanceModelResponse>>("/api/governance-models?q=nordjylland");
        var model = page.Items.ShouldHaveSingleItem();
        model.Code.ShouldBe("nordjylland");
        model.Name.ShouldBe("Klimaalliancen i Nordjylland");
        model.ValidFrom.ShouldBe(new DateOnly(2023, 1, 1));
    }

    [Test]
    public async Task The_graph_returns_every_body_and_relation_of_Figure_1_and_the_national_bodies_of_Figure_2()
    {
        var graph = await GetAsync<GraphResponse>(Graph);

        graph.Model.Name.ShouldBe("Klimaalliancen i Nordjylland");
        // Figures 1 and 2, plus the 11 municipal councils that fan-out routing sends cases to and Klimaalliancen's 5 geographic
        // organisations (named in the case's text, not in the figures), which the national partnership serves.
        graph.Nodes.Select(n => n.Code).Where(c => !c.StartsWith("council-", StringComparison.Ordinal) && !c.StartsWith("geographic-organisation-", StringComparison.Ordinal)).ShouldBe(
            ["brn-board", "kkr", "regional-council", "dialogue-forum", "t11", "project-steering-group", "climate-secretariat", "brn-secretariat",
             "kkr-secretariat", "national-political-group", "national-partnership"], ignoreOrder: true);
        graph.Nodes.Count(n => n.Code.StartsWith("council-", StringComparison.Ordinal)).ShouldBe(11);
        graph.Nodes.Count(n => n.Code.StartsWith("geographic-organisation-", StringComparison.Ordinal)).ShouldBe(5);
        var stored = graph.Edges.Where(e => e.Basis == GraphEdgeBasis.Relation).ToList();
        stored.Count.ShouldBe(25);
        var code = graph.Nodes.ToDictionary(n => n.Id, n => n.Code);
        var edges = stored.Select(e => (code[e.FromBodyId], e.Kind, code[e.ToBodyId])).ToList();
        (string, RelationKind, string)[] figure1 =
        [
            ("climate-secretariat", RelationKind.Serves, "brn-board"),
            ("climate-secretariat", RelationKind.Serves, "t11"),
            ("climate-secretariat", RelationKind.Serves, "project-steering-group"),
            ("climate-secretariat", RelationKind.Serves, "dialogue-forum"),
            ("brn-board", RelationKind.Steers, "climate-secretariat"),
            ("t11", RelationKind.Steers, "climate-secretariat"),
            ("project-steering-group", RelationKind.Steers, "climate-secretariat"),
            ("project-steering-group", RelationKind.ReferenceFor, "climate-secretariat"),
            ("project-steering-group", RelationKind.ReportsTo, "t11"),
            ("brn-secretariat", RelationKind.Steers, "climate-secretariat"),
            ("brn-secretariat", RelationKind.Serves, "brn-board"),
            ("t11", RelationKind.PreparesCasesFor, "brn-board"),
            ("t11", RelationKind.PreparesCasesFor, "kkr"),
            ("kkr-secretariat", RelationKind.Serves, "t11"),
            ("kkr-secretariat", RelationKind.Serves, "kkr"),
            ("kkr-secretariat", RelationKind.CoordinatesWith, "brn-secretariat"),
            ("kkr-secretariat", RelationKind.CoordinatesWith, "climate-secretariat"),
            ("kkr", RelationKind.AppointsMembersTo, "national-political-group"),
            ("regional-council", RelationKind.AppointsMembersTo, "national-political-group"),
            ("national-political-group", RelationKind.ReportsTo, "national-partnership"),
        ];
        edges.Where(e => !e.Item3.StartsWith("geographic-organisation-", StringComparison.Ordinal)).ShouldBe(figure1, ignoreOrder: true);
        edges.Where(e => e.Item3.StartsWith("geographic-organisation-", StringComparison.Ordinal))
            .ShouldAllBe(e => e.Item1 == "national-partnership" && e.Item2 == RelationKind.Serves);
    }

    [Test]
    public async Task Graph_nodes_carry_kind_names_decision_power_and_seat_counts()
    {
        var graph = await GetAsync<GraphResponse>(Graph + "?asOf=2023-06-01");
        graph.AsOf.ShouldBe(new DateOnly(2023, 6, 1));
        var nodes = graph.Nodes.ToDictionary(n => n.Code);
        nodes["dialogue-forum"].Kind.ShouldBe(BodyKind.DialogueForum);
        nodes["dialogue-forum"].CanDecide.ShouldBeFalse();
        nodes["dialogue-forum"].NameEn.ShouldBe("Climate Policy Dialogue Forum");
        nodes["brn-board"].CanDecide.ShouldBeTrue();
        nodes["brn-board"].SeatsTotal.ShouldBe(12);
        nodes["kkr"].SeatsTotal.ShouldBe(22);
        nodes["dialogue-forum"].SeatsTotal.ShouldBe(48);
        nodes["t11"].SeatsTotal.ShouldBe(12);
        graph.Nodes.Sum(n => n.SeatsTotal).ShouldBe(111);
        graph.Nodes.ShouldAllBe(n => n.SeatsFilled <= n.SeatsTotal);
    }

    [Test]
    public async Task The_graph_connects_the_municipal_councils_to_the_bodies_they_fill_and_the_bodies_that_send_them_cases()
    {
        var graph = await GetAsync<GraphResponse>(Graph);
        var code = graph.Nodes.ToDictionary(n => n.Id, n => n.Code);
        var derived = graph.Edges.Where(e => e.Basis != GraphEdgeBasis.Relation).Select(e => (code[e.FromBodyId], e.Kind, code[e.ToBodyId], e.Basis)).ToList();

        // Every member council appoints its mayor to the BRN board, two members to KKR and four to the dialogue forum
        // (seats appointed by its municipality); T11+ seats are filled by the administration, not the council.
        var councils = graph.Nodes.Where(n => n.Code.StartsWith("council-", StringComparison.Ordinal)).Select(n => n.Code).ToList();
        councils.Count.ShouldBe(11);
        foreach (var council in councils)
        {
            derived.Where(e => e.Item1 == council && e.Item4 == GraphEdgeBasis.Seats).Select(e => (e.Item2, e.Item3)).ShouldBe(
                [(RelationKind.AppointsMembersTo, "brn-board"), (RelationKind.AppointsMembersTo, "kkr"), (RelationKind.AppointsMembersTo, "dialogue-forum")],
                ignoreOrder: true);
            // Routing rules that end in every member council's decision send the case on from KKR and the BRN board.
            derived.Where(e => e.Item3 == council).Where(e => e.Item4 == GraphEdgeBasis.Routing).Select(e => (e.Item1, e.Item2)).ShouldBe(
                [("brn-board", RelationKind.RefersCasesTo), ("kkr", RelationKind.RefersCasesTo)], ignoreOrder: true);
        }
        derived.ShouldNotContain(e => e.Item3 == "t11" && e.Item1.StartsWith("council-", StringComparison.Ordinal));
        // Seats one body fills in another: T11+ fills the project steering group, the BRN secretariat the climate secretariat.
        derived.ShouldContain(("t11", RelationKind.AppointsMembersTo, "project-steering-group", GraphEdgeBasis.Seats));
        derived.ShouldContain(("brn-secretariat", RelationKind.AppointsMembersTo, "climate-secretariat", GraphEdgeBasis.Seats));
        // A stored relation is not repeated by a derived one: KKR's appointment to the national group is stored.
        graph.Edges.Count(e => code[e.FromBodyId] == "kkr" && code[e.ToBodyId] == "national-political-group").ShouldBe(1);
        // Derived edges keep their ids from one read to the next (the web app keys its drawing on them).
        var again = await GetAsync<GraphResponse>(Graph + "?asOf=2026-01-01");
        again.Edges.Where(e => e.Basis != GraphEdgeBasis.Relation).Select(e => e.Id).ShouldBe(
            graph.Edges.Where(e => e.Basis != GraphEdgeBasis.Relation).Select(e => e.Id));
        graph.Edges.Select(e => e.Id).ShouldBeUnique();
    }

    [Test]
    public async Task The_graph_as_of_a_date_draws_only_the_bodies_that_existed_then_and_their_relations()
    {
        // The climate secretariat and the project steering group were established on 17 February 2023.
        var before = await GetAsync<GraphResponse>(Graph + "?asOf=2023-02-16");
        var codes = before.Nodes.Select(n => n.Code).ToList();
        codes.ShouldNotContain("climate-secretariat");
        codes.ShouldNotContain("project-steering-group");
        codes.ShouldContain("brn-board");
        var ids = before.Nodes.Select(n => n.Id).ToHashSet();
        before.Edges.ShouldAllBe(e => ids.Contains(e.FromBodyId) && ids.Contains(e.ToBodyId));
        before.Edges.ShouldNotContain(e => e.FromBodyId == Guid.Parse(NorthJutland.T11) && e.ToBodyId == Guid.Parse(NorthJutland.ProjectSteeringGroup));

        var on = await GetAsync<GraphResponse>(Graph + "?asOf=2023-02-17");
        var secretariat = on.Nodes.Single(n => n.Code == "climate-secretariat");
        secretariat.EstablishedOn.ShouldBe(new DateOnly(2023, 2, 17));
        on.Nodes.Select(n => n.Code).ShouldContain("project-steering-group");

        // A dissolved body is drawn up to the day before its dissolution, not on it.
        using var created = await PostAsync("/api/bodies", new
        {
            governanceModelId = NorthJutland.Model, code = "graph-ad-hoc", name = "Midlertidig arbejdsgruppe", kind = "workingGroup", canDecide = false,
            establishedOn = "2024-01-01", dissolvedOn = "2025-01-01",
        });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var body = (await created.ReadJsonAsync())["id"]!.GetValue<Guid>();
        (await GetAsync<GraphResponse>(Graph + "?asOf=2023-12-31")).Nodes.ShouldNotContain(n => n.Id == body);
        (await GetAsync<GraphResponse>(Graph + "?asOf=2024-06-01")).Nodes.ShouldContain(n => n.Id == body);
        (await GetAsync<GraphResponse>(Graph + "?asOf=2025-01-01")).Nodes.ShouldNotContain(n => n.Id == body);
        // The last representable date still draws the model, councils and routed edges included.
        var last = await GetAsync<GraphResponse>(Graph + "?asOf=9999-12-31");
        last.Edges.ShouldContain(e => e.Basis == GraphEdgeBasis.Routing);
    }

    [Test]
    public async Task Graph_seat_counts_count_a_seat_once_when_a_membership_covers_the_date()
    {
        var url = $"/api/bodies/{NorthJutland.ClimateSecretariat}";
        foreach (var (name, seat, from, to) in new[]
                 {
                     ("Fiktiv Klimamedarbejder A", 1, "2023-07-01", (string?)"2024-07-01"),
                     ("Fiktiv Klimamedarbejder B", 1, "2024-07-01", null),
                     ("Fiktiv Klimamedarbejder C", 2, "2025-01-01", null),
                 })
        {
            using var person = await PostAsync("/api/people", new { name });
            await person.ShouldHaveStatus(HttpStatusCode.Created);
            var personId = (await person.ReadJsonAsync())["id"]!.GetValue<Guid>();
            using var appointed = await PostAsync($"{url}/memberships", new { personId, seatId = NorthJutland.SecretariatSeat(seat), validFrom = from, validTo = to });
            await appointed.ShouldHaveStatus(HttpStatusCode.Created);
        }
        int Filled(GraphResponse g) => g.Nodes.Single(n => n.Code == "climate-secretariat").SeatsFilled;
        Filled(await GetAsync<GraphResponse>(Graph + "?asOf=2023-06-30")).ShouldBe(0);
        Filled(await GetAsync<GraphResponse>(Graph + "?asOf=2024-07-01")).ShouldBe(1);
        Filled(await GetAsync<GraphResponse>(Graph + "?asOf=2025-01-01")).ShouldBe(2);
        var graph = await GetAsync<GraphResponse>(Graph + "?asOf=2025-01-01");
        graph.Nodes.Single(n => n.Code == "climate-secretariat").SeatsTotal.ShouldBe(3);
        graph.Nodes.Single(n => n.Code == "brn-board").HostOrganisationName.ShouldBe("Business Region North Denmark");
    }

    [Test]
    public async Task The_graph_has_a_content_ETag_and_answers_304_while_nothing_changed()
    {
        using var first = await Client.GetAsync(Graph);
        await first.ShouldHaveStatus(HttpStatusCode.OK);
        var request = new HttpRequestMessage(HttpMethod.Get, Graph);
        request.Headers.TryAddWithoutValidation("If-None-Match", first.ETag());
        using var second = await Client.SendAsync(request);
        second.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Test]
    public async Task The_graph_of_an_unknown_model_is_404()
    {
        using var response = await Client.GetAsync($"/api/governance-models/{Guid.NewGuid()}/graph");
        await response.ShouldHaveStatus(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_parties_are_the_11_municipalities_and_the_region_as_members_BRN_as_host_and_the_partners()
    {
        using var response = await Client.GetAsync($"/api/governance-models/{NorthJutland.Model}/parties");
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        response.ETag().ShouldBe("\"1\"");
        var parties = await response.ReadAsync<ListGovernanceModelParties.Response>();
        parties.Items.Count.ShouldBe(17);
        parties.Items.Count(p => p.Role == PartyRole.Member).ShouldBe(12);
        parties.Items.Single(p => p.Role == PartyRole.Host).ShortName.ShouldBe("BRN");
        parties.Items.Where(p => p.Role == PartyRole.NationalPartner).Select(p => p.ShortName).ShouldBe(["DR", "KL", "Realdania"], ignoreOrder: true);

        var members = await GetAsync<ListGovernanceModelParties.Response>($"/api/governance-models/{NorthJutland.Model}/parties?role=member");
        members.Items.Count(p => p.MunicipalityCode is not null).ShouldBe(11);
    }

    [Test]
    public async Task Create_update_and_a_stale_ETag_gets_412()
    {
        using var created = await PostAsync("/api/governance-models", new { code = "midtjylland-test", name = "Klimaalliancen i Midtjylland", validFrom = "2023-01-01" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var model = await created.ReadAsync<GovernanceModelResponse>();
        var url = $"/api/governance-models/{model.Id}";

        using var updated = await SendAsync(HttpMethod.Put, url, new { code = "midtjylland-test", name = "Klimaalliancen Midt", validFrom = "2023-01-01", validTo = "2028-01-01" }, created.ETag());
        await updated.ShouldHaveStatus(HttpStatusCode.OK);
        updated.ETag().ShouldBe("\"2\"");

        using var stale = await SendAsync(HttpMethod.Put, url, new { code = "midtjylland-test", name = "Igen" }, created.ETag());
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);
        using var missing = await SendAsync(HttpMethod.Put, url, new { code = "midtjylland-test", name = "Igen" });
        await missing.ShouldHaveStatus(HttpStatusCode.PreconditionRequired);

        var graph = await GetAsync<GraphResponse>(url + "/graph");
        graph.Nodes.ShouldBeEmpty();
    }

    [Test]
    public async Task Parties_are_added_changed_and_removed_under_the_models_ETag()
    {
        using var created = await PostAsync("/api/governance-models", new { code = "parties-test", name = "Partstest" });
        var model = await created.ReadAsync<GovernanceModelResponse>();
        var url = $"/api/governance-models/{model.Id}/parties/{NorthJutland.Rebild}";

        using var missing = await SendAsync(HttpMethod.Put, url, new { role = "member" });
        await missing.ShouldHaveStatus(HttpStatusCode.PreconditionRequired);
        using var added = await SendAsync(HttpMethod.Put, url, new { role = "member" }, created.ETag());
        await added.ShouldHaveStatus(HttpStatusCode.OK);
        added.ETag().ShouldBe("\"2\"");
        (await added.ReadAsync<ListGovernanceModelParties.Response>()).Items.ShouldHaveSingleItem().Role.ShouldBe(PartyRole.Member);

        using var stale = await SendAsync(HttpMethod.Put, url, new { role = "host" }, created.ETag());
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);
        using var changed = await SendAsync(HttpMethod.Put, url, new { role = "host" }, added.ETag());
        await changed.ShouldHaveStatus(HttpStatusCode.OK);
        (await changed.ReadAsync<ListGovernanceModelParties.Response>()).Items.ShouldHaveSingleItem().Role.ShouldBe(PartyRole.Host);

        using var removed = await SendAsync(HttpMethod.Delete, url, ifMatch: changed.ETag());
        await removed.ShouldHaveStatus(HttpStatusCode.NoContent);
        var parties = await GetAsync<ListGovernanceModelParties.Response>($"/api/governance-models/{model.Id}/parties");
        parties.Items.ShouldBeEmpty();
        parties.ModelVersion.ShouldBe(4);
    }

    [Test]
    public async Task A_party_with_seats_in_the_models_bodies_cannot_be_removed()
    {
        var model = await GetAsync<GovernanceModelResponse>($"/api/governance-models/{NorthJutland.Model}");
        using var response = await SendAsync(HttpMethod.Delete, $"/api/governance-models/{NorthJutland.Model}/parties/{NorthJutland.Aalborg}", ifMatch: $"\"{model.Version}\"");
        await response.ShouldHaveStatus(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Invalid_models_come_back_field_by_field_and_a_duplicate_code_is_a_conflict()
    {
        using var invalid = await PostAsync("/api/governance-models", new { code = "Not A Code", name = "", validFrom = "2024-01-01", validTo = "2023-01-01" });
        await invalid.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await invalid.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["code", "name", "validTo"], ignoreOrder: true);

        using var duplicate = await PostAsync("/api/governance-models", new { code = "nordjylland", name = "Igen" });
        await duplicate.ShouldHaveStatus(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Readers_can_read_the_graph_but_not_create_models()
    {
        using var reader = CreateClient(Roles.Reader);
        using var read = await reader.GetAsync(Graph);
        await read.ShouldHaveStatus(HttpStatusCode.OK);
        using var write = await reader.PostAsync("/api/governance-models", JsonContent.Create(new { code = "x", name = "x" }));
        await write.ShouldHaveStatus(HttpStatusCode.Forbidden);
        using var anonymous = CreateClient(null);
        using var denied = await anonymous.GetAsync(Graph);
        await denied.ShouldHaveStatus(HttpStatusCode.Unauthorized);
    }
}
