using System.Net;
using System.Net.Http.Json;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Klima.Api.Domain;

namespace Klima.Api.Tests.Features.Cases;

/// <summary>
/// The case list's filters: a body on the route, where the case is now, the derived status, overdue steps. Every test names its
/// cases with a token of its own and filters on it too (q), because the fixture's tests share one database.
/// </summary>
public sealed class CaseListFiltersTests(DatabaseLane lane) : ApiTest(lane)
{
    private static string Token() => $"T{Guid.NewGuid():N}"[..12];

    private async Task<List<ListCases.CaseSummary>> ListAsync(string query) =>
        (await GetAsync<Page<ListCases.CaseSummary>>($"/api/cases?limit=200&{query}")).Items.ToList();

    private async Task<CaseResponse> ChangeRouteAsync(CaseResponse found, object route)
    {
        using var current = await Client.GetAsync($"/api/cases/{found.Id}");
        using var changed = await SendAsync(HttpMethod.Put, $"/api/cases/{found.Id}/route", route, current.ETag());
        await changed.ShouldHaveStatus(HttpStatusCode.OK);
        return await changed.ReadAsync<CaseResponse>();
    }

    [Test]
    public async Task Cases_are_filtered_by_a_body_anywhere_on_their_route()
    {
        var token = Token();
        var dialogue = await Client.CreateCaseAsync(Seed.NewCase("dialogue", title: $"Dialog {token}"));
        var regional = await Client.CreateCaseAsync(Seed.NewCase("regional", title: $"Regional {token}"));

        (await ListAsync($"q={token}&bodyId={Seed.DialogueForum}")).Select(c => c.Id).ShouldBe([dialogue.Id]);
        (await ListAsync($"q={token}&bodyId={Seed.RegionalCouncil}")).Select(c => c.Id).ShouldBe([regional.Id]);
        (await ListAsync($"q={token}&bodyId={Seed.ClimateSecretariat}")).Select(c => c.Id).ShouldBe([dialogue.Id, regional.Id], ignoreOrder: true);
        (await ListAsync($"q={token}&bodyId={Seed.BrnBoard}")).ShouldBeEmpty();
        // The seed case went through KKR Nordjylland (and is long decided: the route counts, not where it is now).
        (await ListAsync($"bodyId={Seed.Kkr}&sourceSystem=kl")).Select(c => c.Id).ShouldContain(Seed.SeedCase);
    }

    [Test]
    public async Task Where_is_it_now_lists_the_cases_awaiting_a_body_in_the_stage_in_progress()
    {
        var token = Token();
        var fresh = await Client.CreateCaseAsync(Seed.NewCase("joint", title: $"Ny {token}"));
        var political = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("joint", title: $"Politisk {token}")), 4);

        (await ListAsync($"q={token}&currentBodyId={Seed.ClimateSecretariat}")).Select(c => c.Id).ShouldBe([fresh.Id]);
        (await ListAsync($"q={token}&currentBodyId={Seed.BrnBoard}")).Select(c => c.Id).ShouldBe([political.Id]);
        (await ListAsync($"q={token}&currentBodyId={Seed.Kkr}")).Select(c => c.Id).ShouldBe([political.Id]);
        // T11+ treated the political case already and has not got to the fresh one: neither is with T11+ now.
        (await ListAsync($"q={token}&currentBodyId={Seed.T11}")).ShouldBeEmpty();
        (await ListAsync($"q={token}&bodyId={Seed.T11}")).Count.ShouldBe(2);

        // The board decides; the joint stage now waits for KKR only.
        political = await Client.DecideAsync(political, political.Steps().Single(s => s.BodyId == Seed.BrnBoard).Id, DecisionOutcome.Approved);
        (await ListAsync($"q={token}&currentBodyId={Seed.BrnBoard}")).ShouldBeEmpty();
        var withKkr = (await ListAsync($"q={token}&currentBodyId={Seed.Kkr}")).ShouldHaveSingleItem();
        withKkr.Id.ShouldBe(political.Id);
        withKkr.State.ShouldBe(CaseState.Open);
        withKkr.CurrentStageName.ShouldBe("Politisk behandling");
        withKkr.Awaiting.ShouldHaveSingleItem().BodyId.ShouldBe(Seed.Kkr);

        // A postponed decision is not done: the case is still with KKR.
        political = await Client.DecideAsync(political, political.Steps().Single(s => s.BodyId == Seed.Kkr).Id, DecisionOutcome.Postponed);
        (await ListAsync($"q={token}&currentBodyId={Seed.Kkr}")).Select(c => c.Id).ShouldBe([political.Id]);

        political = await Client.DecideAsync(political, political.Steps().Single(s => s.BodyId == Seed.Kkr).Id, DecisionOutcome.Approved);
        (await ListAsync($"q={token}&currentBodyId={Seed.Kkr}")).ShouldBeEmpty();
    }

    [Test]
    public async Task Where_is_it_now_finds_a_municipal_council_in_a_fan_out_stage()
    {
        var token = Token();
        var found = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("municipal", councils: true, title: $"Råd {token}")), 4);
        var vesthimmerland = Seed.CouncilOf("820");

        var listed = (await ListAsync($"q={token}&currentBodyId={vesthimmerland}")).ShouldHaveSingleItem();
        listed.Awaiting.Count.ShouldBe(11);
        await Client.DecideAsync(found, found.Steps().Single(s => s.BodyId == vesthimmerland).Id, DecisionOutcome.Approved);
        (await ListAsync($"q={token}&currentBodyId={vesthimmerland}")).ShouldBeEmpty();
        (await ListAsync($"q={token}&currentBodyId={Seed.CouncilOf("851")}")).ShouldHaveSingleItem().Awaiting.Count.ShouldBe(10);
    }

    [Test]
    public async Task The_status_filter_agrees_with_the_status_derived_for_each_case()
    {
        var token = Token();
        var open = await Client.CreateCaseAsync(Seed.NewCase("joint", title: $"Åben {token}"));

        var concluded = await Client.CreateCaseAsync(Seed.NewCase("dialogue", title: $"Drøftet {token}"));
        foreach (var step in concluded.Steps().ToList())
        {
            concluded = await Client.AdvanceAsync(concluded, step);
        }

        var approved = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("municipal", title: $"Godkendt {token}")), 3);
        approved = await Client.DecideAsync(approved, approved.Steps().Single(s => s.BodyId == Seed.Kkr).Id, DecisionOutcome.ApprovedWithChanges);

        var rejected = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("regional", title: $"Afvist {token}")), 3);
        rejected = await Client.DecideAsync(rejected, rejected.Steps().Single(s => s.BodyId == Seed.RegionalCouncil).Id, DecisionOutcome.Rejected);

        var expected = new Dictionary<CaseState, CaseResponse> { [CaseState.Open] = open, [CaseState.Concluded] = concluded, [CaseState.Approved] = approved, [CaseState.Rejected] = rejected };
        foreach (var (state, found) in expected)
        {
            found.Status.State.ShouldBe(state);
            var listed = (await ListAsync($"q={token}&status={state.ToString().ToLowerInvariant()}")).ShouldHaveSingleItem();
            listed.Id.ShouldBe(found.Id);
            listed.State.ShouldBe(state);
        }
        (await ListAsync($"q={token}&status=unrouted")).ShouldBeEmpty();
        (await ListAsync($"q={token}&status=OPEN")).Select(c => c.Id).ShouldBe([open.Id]);

        // Across every case in the database, the SQL filter and the derivation agree.
        foreach (var state in Enum.GetValues<CaseState>())
        {
            (await ListAsync($"status={state}")).ShouldAllBe(c => c.State == state);
        }
    }

    [Test]
    public async Task Overdue_means_a_deadline_before_today_without_an_outcome_that_counts_as_done()
    {
        var token = Token();
        var late = await Client.CreateCaseAsync(Seed.NewCase("municipal", title: $"Forsinket {token}"));
        var onTime = await Client.CreateCaseAsync(Seed.NewCase("municipal", title: $"Til tiden {token}"));
        late = await ChangeRouteAsync(late, new
        {
            reason = "Fristen for KKR er overskredet.",
            stages = new object[]
            {
                new { name = "Politisk behandling", steps = new[] { new { bodyId = Seed.Kkr, role = "decision", authoritative = true, deadline = "2024-01-15" } } },
            },
        });

        (await ListAsync($"q={token}&overdue=true")).Select(c => c.Id).ShouldBe([late.Id]);
        (await ListAsync($"q={token}&overdue=false")).Select(c => c.Id).ShouldBe([onTime.Id]);
        (await ListAsync($"q={token}&overdue=true")).Single().OverdueSteps.ShouldBe(1);
        late.Status.Overdue.ShouldHaveSingleItem().BodyId.ShouldBe(Seed.Kkr);

        // Postponed is not done: still overdue. A decision ends it.
        var kkr = late.Steps().Single().Id;
        late = await Client.DecideAsync(late, kkr, DecisionOutcome.Postponed);
        (await ListAsync($"q={token}&overdue=true")).Select(c => c.Id).ShouldBe([late.Id]);
        await Client.DecideAsync(late, kkr, DecisionOutcome.Approved);
        (await ListAsync($"q={token}&overdue=true")).ShouldBeEmpty();

        // Filters combine.
        (await ListAsync($"q={token}&overdue=false&currentBodyId={Seed.ClimateSecretariat}&interest=municipal")).Select(c => c.Id).ShouldBe([onTime.Id]);
    }

    [Test]
    public async Task Overdue_is_measured_on_the_servers_clock()
    {
        var clock = new AdjustableClock();
        await using var factory = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.RoleHeader, Roles.Administrator);
        var token = Token();
        // The secretariat's preparation is due 14 days after the case is created (the seeded rule's deadline).
        var created = await client.CreateCaseAsync(Seed.NewCase("dialogue", title: $"Ur {token}"));
        created.Steps().First().Deadline.ShouldBe(clock.Today().AddDays(14));

        async Task<List<ListCases.CaseSummary>> Overdue()
        {
            using var response = await client.GetAsync($"/api/cases?q={token}&overdue=true");
            await response.ShouldHaveStatus(HttpStatusCode.OK);
            return (await response.ReadAsync<Page<ListCases.CaseSummary>>()).Items.ToList();
        }

        (await Overdue()).ShouldBeEmpty();
        clock.Offset = TimeSpan.FromDays(14);
        (await Overdue()).ShouldBeEmpty();
        clock.Offset = TimeSpan.FromDays(15);
        (await Overdue()).ShouldHaveSingleItem().Id.ShouldBe(created.Id);
    }

    [Test]
    public async Task Filtered_pages_keep_their_filters_in_the_next_link()
    {
        var token = Token();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Client.CreateCaseAsync(Seed.NewCase("dialogue", title: $"Side {i} {token}"))).Id);
        }
        await Client.CreateCaseAsync(Seed.NewCase("regional", title: $"Anden {token}"));

        var seen = new List<Guid>();
        string? next = $"/api/cases?q={token}&currentBodyId={Seed.ClimateSecretariat}&bodyId={Seed.DialogueForum}&status=open&overdue=false&limit=2";
        while (next is not null)
        {
            var page = await GetAsync<Page<ListCases.CaseSummary>>(next);
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.Items.Select(c => c.Id));
            next = page.Next;
            if (next is not null)
            {
                next.ShouldContain($"currentBodyId={Seed.ClimateSecretariat}");
                next.ShouldContain("overdue=false");
            }
        }
        seen.ShouldBe(ids.Order().ToList());
    }

    [Test]
    public async Task Each_page_item_carries_the_status_the_case_itself_shows_in_id_order_across_pages()
    {
        // The list derives its status while it reads the page's steps (issue 19); it must say what the case says, page after page.
        var token = Token();
        var fresh = await Client.CreateCaseAsync(Seed.NewCase("joint", title: $"Ny {token}"));
        var political = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("joint", title: $"Politisk {token}")), 4);
        var postponed = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("joint", title: $"Udsat {token}")), 4);
        postponed = await Client.DecideAsync(postponed, postponed.Steps().Single(s => s.BodyId == Seed.Kkr).Id, DecisionOutcome.Postponed);
        var rejected = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("joint", title: $"Afvist {token}")), 4);
        rejected = await Client.DecideAsync(rejected, rejected.Steps().Single(s => s.BodyId == Seed.BrnBoard).Id, DecisionOutcome.Approved);
        rejected = await Client.DecideAsync(rejected, rejected.Steps().Single(s => s.BodyId == Seed.Kkr).Id, DecisionOutcome.Rejected);
        var decided = await Client.CreateCaseAsync(Seed.NewCase("joint", title: $"Afgjort {token}"));
        decided = await Client.CompleteStagesBeforeAsync(decided, decided.Steps().Max(s => s.StageOrdinal) + 1);
        var fanOut = await Client.CreateCaseAsync(Seed.NewCase("municipal", councils: true, title: $"Kommunal {token}"));
        await Client.CreateCaseAsync(Seed.NewCase("regional", title: $"Anden interesse {token}"));
        var expected = new[] { fresh, political, postponed, rejected, decided, fanOut }.Select(c => c.Id).Order().ToList();

        var seen = new List<ListCases.CaseSummary>();
        string? next = $"/api/cases?q={token}&sourceSystem=sbsys-test&limit=2";
        while (next is not null)
        {
            var page = await GetAsync<Page<ListCases.CaseSummary>>(next);
            seen.AddRange(page.Items);
            next = page.Next;
        }
        seen.Select(c => c.Id).Where(expected.Contains).ShouldBe(expected);
        seen.Count.ShouldBe(7); // and the regional one
        seen.Select(c => c.Id).ShouldBe(seen.Select(c => c.Id).Order().ToList());
        foreach (var item in seen)
        {
            var status = (await GetAsync<CaseResponse>($"/api/cases/{item.Id}")).Status;
            item.State.ShouldBe(status.State, item.Title);
            item.CurrentStageName.ShouldBe(status.CurrentStageName, item.Title);
            item.Awaiting.ShouldBe(status.NextSteps, item.Title);
            item.OverdueSteps.ShouldBe(status.Overdue.Count, item.Title);
        }
        seen.Select(c => c.State).ShouldContain(CaseState.Open);
        seen.Single(c => c.Id == decided.Id).State.ShouldBe(CaseState.Approved);
        seen.Single(c => c.Id == fanOut.Id).Awaiting.ShouldNotBeEmpty();
        seen.Single(c => c.Id == postponed.Id).Awaiting.Select(a => a.BodyId).ShouldContain(Seed.Kkr);

        // The same filters the bench asks for (interest and source system) keep to the interest.
        (await ListAsync($"q={token}&interest=joint&sourceSystem=sbsys-test")).Select(c => c.Id)
            .ShouldBe(new[] { fresh, political, postponed, rejected, decided }.Select(c => c.Id).Order().ToList());
    }

    [Test]
    public async Task Each_page_item_carries_the_fields_the_case_itself_shows_and_a_tombstone_says_deleted()
    {
        // The page reads its rows with a typed reader of its own (ListCasesReader), not the case's mapping: every field of an
        // item must still say what the case itself says, including texts with the separator characters a packed read would split on.
        var token = Token();
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        var owned = await aalborg.CreateCaseAsync(Seed.NewCase("municipal", externalReference: $"ext|{token}", title: $"Ejet | {token} | 0"));
        var moved = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("joint", title: $"Fælles {token}")), 4);
        var gone = await Client.CreateCaseAsync(Seed.NewCase("regional", title: $"Slettet {token}"));
        var db = Factory.Services.GetRequiredService<Klima.Api.Infrastructure.Data.IDbConnectionFactory>();
        await using (var connection = await db.OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE case_file SET deleted_at = @At, modified_at = @At WHERE id = @Id",
                new { At = DateTimeOffset.UtcNow, gone.Id });
        }

        var live = await ListAsync($"q={token}");
        live.Select(c => c.Id).ShouldBe(new[] { owned.Id, moved.Id }.Order().ToList());
        foreach (var item in live)
        {
            var found = await GetAsync<CaseResponse>($"/api/cases/{item.Id}");
            item.Deleted.ShouldBeFalse();
            item.CaseNumber.ShouldBe(found.CaseNumber);
            item.GovernanceModelId.ShouldBe(found.GovernanceModelId);
            item.Title.ShouldBe(found.Title);
            item.Interest.ShouldBe(found.Interest);
            item.SourceSystem.ShouldBe(found.SourceSystem);
            item.ExternalReference.ShouldBe(found.ExternalReference);
            item.OwnerOrganisationId.ShouldBe(found.OwnerOrganisationId);
            item.Version.ShouldBe(found.Version);
            item.ModifiedAt.ShouldBe(found.ModifiedAt);
            item.State.ShouldBe(found.Status.State);
            item.CurrentStageName.ShouldBe(found.Status.CurrentStageName);
            item.Awaiting.ShouldBe(found.Status.NextSteps);
        }
        var own = live.Single(c => c.Id == owned.Id);
        own.OwnerOrganisationId.ShouldBe(Seed.Aalborg);
        own.ExternalReference.ShouldBe($"ext|{token}");
        own.Title.ShouldBe($"Ejet | {token} | 0");
        live.Single(c => c.Id == moved.Id).OwnerOrganisationId.ShouldBeNull();

        // Incremental sync (modifiedSince) shows the tombstone.
        var synced = await ListAsync($"q={token}&modifiedSince={Uri.EscapeDataString(since.ToString("O"))}");
        synced.Single(c => c.Id == gone.Id).Deleted.ShouldBeTrue();
        synced.Where(c => c.Id != gone.Id).ShouldAllBe(c => !c.Deleted);
    }

    [Test]
    public async Task A_caller_bound_to_an_organisation_filters_only_its_own_cases()
    {
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        var token = Token();
        var own = await aalborg.CreateCaseAsync(Seed.NewCase("municipal", title: $"Aalborg {token}"));
        await Client.CreateCaseAsync(Seed.NewCase("municipal", title: $"Andres {token}"));

        using var response = await aalborg.GetAsync($"/api/cases?q={token}&currentBodyId={Seed.ClimateSecretariat}");
        (await response.ReadAsync<Page<ListCases.CaseSummary>>()).Items.Select(c => c.Id).ShouldBe([own.Id]);
    }

    [TestCase("status=pending", "status")]
    [TestCase("currentBodyId=not-a-guid", "currentBodyId")]
    [TestCase("bodyId=00000000-0000-0000-0000-000000000000", "bodyId")]
    [TestCase("overdue=maybe", "overdue")]
    [TestCase("limit=0", "limit")]
    // Values that do not parse: Release builds bind the query with the generated request delegates (BindFailures).
    [TestCase("limit=ten", "limit")]
    [TestCase("modifiedSince=yesterday", "modifiedSince")]
    [TestCase("governanceModelId=x&limit=ten", "governanceModelId")]
    public async Task A_bad_filter_value_is_a_field_error(string query, string field)
    {
        using var response = await Client.GetAsync($"/api/cases?{query}");
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        var problem = await response.ReadJsonAsync();
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe([field]);
    }

    private sealed class AdjustableClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
    }
}
