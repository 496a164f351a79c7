using System.Net;
using System.Net.Http.Json;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Infrastructure;
using Klima.Api.Domain;

namespace Klima.Api.Tests.Features.Cases;

public sealed class CasesTests(DatabaseLane lane) : ApiTest(lane)
{
    [Test]
    public async Task The_seed_case_SAG_2023_01121_was_decided_by_KKR_on_10_February_and_then_by_the_BRN_board_on_17_February()
    {
        var page = await GetAsync<Page<ListCases.CaseSummary>>("/api/cases?sourceSystem=kl&externalReference=SAG-2023-01121");
        page.Items.ShouldHaveSingleItem().Id.ShouldBe(Seed.SeedCase);

        var found = await GetAsync<CaseResponse>($"/api/cases/{Seed.SeedCase}");
        found.Interest.ShouldBe("financing");
        found.Route.RuleCode.ShouldBe("joint-financing");
        // Sequential, as the seeds describe it: KKR recommends to the BRN board, which takes the final decision on financing.
        found.Route.Stages.Select(s => s.Steps.Single().BodyId).ShouldBe([Seed.T11, Seed.Kkr, Seed.BrnBoard]);
        var political = found.Route.Stages.Skip(1).Select(s => s.Steps.Single()).ToList();
        political.Select(s => (s.BodyId, s.MeetingDate, s.Decision!.Outcome)).ShouldBe(
        [
            (Seed.Kkr, new DateOnly(2023, 2, 10), DecisionOutcome.Approved),
            (Seed.BrnBoard, new DateOnly(2023, 2, 17), DecisionOutcome.Approved),
        ]);
        political[0].Recommendation!.Text.ShouldStartWith("Det indstilles, at KKR Nordjylland");
        political.ShouldAllBe(s => s.Decision!.Text!.Contains("udledt") && s.Decision.Text.Contains("13. april 2023"));
        found.Status.State.ShouldBe(CaseState.Approved);
        found.Status.Stages[^1].Decided.ShouldBeTrue();
    }

    [Test]
    public async Task A_case_system_creates_a_joint_case_routed_through_T11_to_the_board_and_KKR_in_parallel()
    {
        var created = await Client.CreateCaseAsync(Seed.NewCase("joint"));

        created.CaseNumber.ShouldMatch(@"^KLIMA-\d{4}-\d{4}$");
        created.KleJournalNumber.ShouldBe("00.01.00");
        created.KleActionFacet.ShouldBe("A00");
        created.Documents.ShouldHaveSingleItem().Sha256.ShouldBe(new string('a', 64));
        created.Route.RuleCode.ShouldBe("joint");
        created.Route.Explanation!.ShouldContain("Rule 'Fælles kommunal og regional interesse'");
        created.Route.Explanation!.ShouldContain("'Fælles interesse med beslutning i alle kommunalbestyrelser'");
        created.Route.Stages.Select(s => s.Steps.Select(x => x.BodyId).ToArray()).ShouldBe(
        [
            [Seed.ClimateSecretariat], [Seed.ProjectSteeringGroup], [Seed.T11], [Seed.BrnBoard, Seed.Kkr],
        ]);
        created.Route.Stages[^1].Steps.ShouldAllBe(s => s.Authoritative && s.Role == StepRole.Decision);
        created.Status.State.ShouldBe(CaseState.Open);
        created.Status.CurrentStage.ShouldBe(1);
        created.Status.NextSteps.ShouldHaveSingleItem().BodyName.ShouldBe("Det Fælles Klimasekretariat");
    }

    [TestCase("joint", false, "joint", new[] { 7, 6, 5, 1 }, 2)]
    [TestCase("municipal", false, "municipal", new[] { 7, 5, 2 }, 1)]
    [TestCase("regional", false, "regional", new[] { 7, 5, 3 }, 1)]
    [TestCase("dialogue", false, "dialogue", new[] { 7, 4 }, 0)]
    [TestCase("joint", true, "joint-with-councils", new[] { 7, 6, 5, 1, 0 }, 13)]
    [TestCase("municipal", true, "municipal-with-councils", new[] { 7, 5, 2, 0 }, 12)]
    public async Task Each_seeded_rule_routes_its_interest(string interest, bool councils, string rule, int[] firstBodyOfEachStage, int authoritativeSteps)
    {
        var created = await Client.CreateCaseAsync(Seed.NewCase(interest, councils));

        created.Route.RuleCode.ShouldBe(rule);
        created.Route.Stages.Select(s => s.Steps[0].BodyId).ShouldBe(firstBodyOfEachStage.Select(n => n == 0 ? s(created) : Seed.Body(n)));
        created.Steps().Count(s => s.Authoritative).ShouldBe(authoritativeSteps);

        using var dryRun = await PostAsync("/api/routing/dry-run", new { governanceModelId = Seed.Model, interest, councilDecisionRequired = councils });
        await dryRun.ShouldHaveStatus(HttpStatusCode.OK);
        var preview = await dryRun.ReadJsonAsync();
        preview["ruleCode"]!.GetValue<string>().ShouldBe(rule);
        preview["stages"]!.AsArray().Count.ShouldBe(created.Route.Stages.Count);

        static Guid s(CaseResponse c) => c.Route.Stages[^1].Steps[0].BodyId;
    }

    [Test]
    public async Task The_dialogue_forum_only_discusses_and_cannot_be_given_a_decision()
    {
        var created = await Client.CreateCaseAsync(Seed.NewCase("dialogue"));
        var forum = created.Steps().Single(s => s.BodyId == Seed.DialogueForum);
        forum.Role.ShouldBe(StepRole.Discussion);
        forum.Authoritative.ShouldBeFalse();

        using var refused = await PostAsync($"/api/cases/{created.Id}/steps/{forum.Id}/decision", new { outcome = "approved" });
        await refused.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await refused.ReadJsonAsync())["rule"]!.GetValue<string>().ShouldBe("body-mandate");
        using var rejected = await PostAsync($"/api/cases/{created.Id}/steps/{forum.Id}/decision", new { outcome = "rejected" });
        await rejected.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);

        var noted = await Client.RecommendAsync(created, created.Steps().First().Id);
        noted = await Client.DecideAsync(noted, forum.Id, DecisionOutcome.Noted, "Drøftet.");
        noted.Status.State.ShouldBe(CaseState.Concluded);
        forum.AllowedOutcomes.ShouldBe([DecisionOutcome.Noted, DecisionOutcome.Postponed, DecisionOutcome.Referred]);
        forum.TakesRecommendation.ShouldBeFalse();
    }

    [Test]
    public async Task A_joint_stage_is_decided_only_when_both_the_board_and_KKR_have_decided()
    {
        var found = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("joint")), 4);
        found.Status.CurrentStage.ShouldBe(4);
        found.Status.NextSteps.Count.ShouldBe(2);

        var board = found.Steps().Single(s => s.BodyId == Seed.BrnBoard);
        var kkr = found.Steps().Single(s => s.BodyId == Seed.Kkr);
        found = await Client.DecideAsync(found, board.Id, DecisionOutcome.Approved, "Godkendt.");
        found.Status.State.ShouldBe(CaseState.Open);
        found.Status.Stages[^1].Decided.ShouldBeFalse();
        found.Status.NextSteps.ShouldHaveSingleItem().BodyName.ShouldBe("KKR Nordjylland");

        found = await Client.DecideAsync(found, kkr.Id, DecisionOutcome.ApprovedWithChanges, "Godkendt med ændringer.");
        found.Status.Stages[^1].Decided.ShouldBeTrue();
        found.Status.State.ShouldBe(CaseState.Approved);
        found.Status.LastAction!.BodyName.ShouldBe("KKR Nordjylland");

        var timeline = await GetAsync<GetCaseTimeline.Timeline>($"/api/cases/{found.Id}/timeline");
        timeline.Events.Count(e => e.Type == "case.stageDecided").ShouldBe(1);
        timeline.Events.Count(e => e.Type == "case.statusChanged").ShouldBe(4);
        timeline.Events.ShouldContain(e => e.Type == "case.statusChanged" && e.Data.GetProperty("state").GetString() == "approved");
        timeline.Events.ShouldAllBe(e => e.Actor == "test-administrator");
        timeline.Events.Select(e => e.Sequence).ShouldBeInOrder();
    }

    [Test]
    public async Task Opposite_decisions_of_the_board_and_KKR_are_flagged_as_a_conflict()
    {
        var found = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("joint")), 4);
        found = await Client.DecideAsync(found, found.Steps().Single(s => s.BodyId == Seed.BrnBoard).Id, DecisionOutcome.Approved);
        found = await Client.DecideAsync(found, found.Steps().Single(s => s.BodyId == Seed.Kkr).Id, DecisionOutcome.Rejected);
        found.Status.Conflicting.ShouldBeTrue();
        found.Status.Stages[^1].Conflicting.ShouldBeTrue();
        found.Status.State.ShouldBe(CaseState.Rejected);
    }

    [Test]
    public async Task A_fan_out_case_shows_n_of_11_as_the_councils_decide_and_which_members_block()
    {
        var found = await Client.CreateCaseAsync(Seed.NewCase("joint", councils: true,
            partyReferences: [new { organisationId = Seed.Aalborg, localCaseNumber = "AAL-2026-77" }]));
        var councils = found.Route.Stages[^1].Steps;
        councils.Count.ShouldBe(11);
        councils.Single(s => s.OrganisationId == Seed.Aalborg).LocalCaseNumber.ShouldBe("AAL-2026-77");

        found = await Client.CompleteStagesBeforeAsync(found, 5);
        var ordered = councils.OrderBy(s => s.OrganisationName).ToList();
        foreach (var council in ordered.Take(9))
        {
            found = await Client.DecideAsync(found, council.Id, DecisionOutcome.Approved);
        }
        var stage = found.Status.Stages[^1];
        stage.Summary.ShouldBe("approved by 9 of 11, 2 pending");
        stage.Awaiting.Count.ShouldBe(2);

        found = await Client.DecideAsync(found, ordered[9].Id, DecisionOutcome.Rejected, "Kommunalbestyrelsen kan ikke tiltræde.");
        stage = found.Status.Stages[^1];
        stage.Summary.ShouldBe("approved by 9 of 11, rejected by 1, 1 pending");
        stage.Blocking.ShouldHaveSingleItem().Name.ShouldBe(ordered[9].OrganisationName);
        stage.Decided.ShouldBeFalse();

        using var withNumber = await PostAsync($"/api/cases/{found.Id}/steps/{ordered[10].Id}/decision",
            new { outcome = "approved", localCaseNumber = "VH-123", decidedOn = CalendarDay.Of(DateTimeOffset.UtcNow) });
        await withNumber.ShouldHaveStatus(HttpStatusCode.OK);
        found = await withNumber.ReadAsync<CaseResponse>();
        found.Status.Stages[^1].Summary.ShouldBe("approved by 10 of 11, rejected by 1");
        found.Status.State.ShouldBe(CaseState.Rejected);
        found.Steps().Single(s => s.Id == ordered[10].Id).LocalCaseNumber.ShouldBe("VH-123");
    }

    [Test]
    public async Task Kle_numbers_and_checksums_are_format_checked_field_by_field()
    {
        using var response = await PostAsync("/api/cases", new
        {
            title = "Forkert", interest = "joint", councilDecisionRequired = false, kleJournalNumber = "1.2.3", kleActionFacet = "AA0", sourceSystem = "x",
            documents = new[] { new { url = "not a url", title = "Doc", sha256 = "abc" } },
        });
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ToList();
        errors.ShouldBe(["case.kleJournalNumber", "case.kleActionFacet", "case.externalReference", "case.documents[0].url", "case.documents[0].sha256"], ignoreOrder: true);
    }

    [Test]
    public async Task An_unknown_interest_is_refused_naming_the_known_ones()
    {
        using var response = await PostAsync("/api/cases", Seed.NewCase("national"));
        await response.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        var problem = await response.ReadJsonAsync();
        problem["rule"]!.GetValue<string>().ShouldBe("interest-known");
        problem["detail"]!.GetValue<string>().ShouldContain("joint, municipal, regional, dialogue");
    }

    [Test]
    public async Task A_second_case_with_the_same_source_reference_is_a_conflict()
    {
        var body = Seed.NewCase(externalReference: "SAME-REF-1");
        await Client.CreateCaseAsync(body);
        using var again = await PostAsync("/api/cases", body);
        await again.ShouldHaveStatus(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Related_cases_and_party_references_are_kept()
    {
        var first = await Client.CreateCaseAsync(Seed.NewCase());
        var body = new
        {
            title = "Opfølgning", interest = "municipal", councilDecisionRequired = false, governanceModelId = Seed.Model, relatedCaseIds = new[] { first.Id, Seed.SeedCase },
            partyReferences = new[] { new { organisationId = Seed.Aalborg, localCaseNumber = "AAL-1" }, new { organisationId = Seed.Laesoe, localCaseNumber = "LÆ-9" } },
        };
        var second = await Client.CreateCaseAsync(body);
        second.RelatedCases.Select(r => r.CaseId).ShouldBe([Seed.SeedCase, first.Id], ignoreOrder: true);
        second.PartyReferences.Count.ShouldBe(2);
        second.SourceSystem.ShouldBeNull();
    }

    [Test]
    public async Task Staff_change_a_route_with_a_reason_keeping_what_was_recorded_and_the_history()
    {
        var found = await Client.CreateCaseAsync(Seed.NewCase("municipal"));
        var secretariat = found.Steps().First();
        found = await Client.RecommendAsync(found, secretariat.Id, "Forberedt.");
        using var current = await Client.GetAsync($"/api/cases/{found.Id}");

        var route = new
        {
            reason = "Regionen har meldt en særlig interesse; sagen skal også i Regionsrådet.",
            stages = new object[]
            {
                new { name = "Sekretariatets forberedelse", steps = new[] { new { bodyId = Seed.ClimateSecretariat, role = "recommendation", authoritative = false } } },
                new { name = "Politisk behandling", steps = new[]
                {
                    new { bodyId = Seed.Kkr, role = "decision", authoritative = true },
                    new { bodyId = Seed.RegionalCouncil, role = "decision", authoritative = true },
                } },
            },
        };
        using var missingIfMatch = await SendAsync(HttpMethod.Put, $"/api/cases/{found.Id}/route", route);
        await missingIfMatch.ShouldHaveStatus(HttpStatusCode.PreconditionRequired);

        using var changed = await SendAsync(HttpMethod.Put, $"/api/cases/{found.Id}/route", route, current.ETag());
        await changed.ShouldHaveStatus(HttpStatusCode.OK);
        var after = await changed.ReadAsync<CaseResponse>();
        after.Route.Stages.Count.ShouldBe(2);
        after.Steps().Single(s => s.BodyId == Seed.ClimateSecretariat).Recommendation!.Text.ShouldBe("Forberedt.");
        after.Status.CurrentStage.ShouldBe(2);
        after.Route.RuleCode.ShouldBe("municipal");
        after.Route.Explanation!.ShouldStartWith(found.Route.Explanation!);
        after.Route.Explanation!.ShouldContain("Route changed by hand by test-administrator on ");
        after.Route.Explanation!.ShouldEndWith(route.reason);

        using var stale = await SendAsync(HttpMethod.Put, $"/api/cases/{found.Id}/route", route, current.ETag());
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);

        var timeline = await GetAsync<GetCaseTimeline.Timeline>($"/api/cases/{found.Id}/timeline");
        var change = timeline.Events.Single(e => e.Type == "case.routeChanged");
        change.Data.GetProperty("reason").GetString().ShouldBe(route.reason);
        change.Data.GetProperty("removed").GetInt32().ShouldBe(1);
        change.Actor.ShouldBe("test-administrator");
    }

    [Test]
    public async Task A_route_asking_the_dialogue_forum_to_decide_is_refused_naming_the_rule()
    {
        var found = await Client.CreateCaseAsync(Seed.NewCase("dialogue"));
        using var current = await Client.GetAsync($"/api/cases/{found.Id}");
        using var refused = await SendAsync(HttpMethod.Put, $"/api/cases/{found.Id}/route", new
        {
            reason = "Forsøg",
            stages = new[] { new { name = "Dialog", steps = new[] { new { bodyId = Seed.DialogueForum, role = "decision", authoritative = true } } } },
        }, current.ETag());
        await refused.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        var problem = await refused.ReadJsonAsync();
        problem["rule"]!.GetValue<string>().ShouldBe("body-mandate");
        problem["detail"]!.GetValue<string>().ShouldContain("Klimapolitisk Dialogforum");
        problem["type"]!.GetValue<string>().ShouldBe("https://klima.dk/problems/rule-violated");
    }

    [Test]
    public async Task A_caller_bound_to_an_organisation_sees_and_changes_only_the_cases_it_owns()
    {
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        using var frederikshavn = CreateClient(Roles.Secretariat, Seed.Frederikshavn);
        var own = await aalborg.CreateCaseAsync(Seed.NewCase("municipal"));
        own.OwnerOrganisationId.ShouldBe(Seed.Aalborg);

        (await aalborg.GetAsync($"/api/cases/{own.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await frederikshavn.GetAsync($"/api/cases/{own.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await frederikshavn.GetAsync($"/api/cases/{own.Id}/timeline")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await aalborg.GetAsync($"/api/cases/{Seed.SeedCase}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var decision = await frederikshavn.PostAsJsonAsync($"/api/cases/{own.Id}/steps/{own.Steps().First().Id}/decision", new { outcome = "approved" }, Json);
        decision.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var seenByFrederikshavn = await (await frederikshavn.GetAsync("/api/cases?limit=200")).ReadAsync<Page<ListCases.CaseSummary>>();
        seenByFrederikshavn.Items.ShouldNotContain(c => c.Id == own.Id);
        var seenByAalborg = await (await aalborg.GetAsync("/api/cases?limit=200")).ReadAsync<Page<ListCases.CaseSummary>>();
        seenByAalborg.Items.ShouldAllBe(c => c.OwnerOrganisationId == Seed.Aalborg);
        (await GetAsync<CaseResponse>($"/api/cases/{own.Id}")).Id.ShouldBe(own.Id);
    }

    [Test]
    public async Task Readers_cannot_create_cases_and_anonymous_callers_cannot_read_them()
    {
        using var reader = CreateClient(Roles.Reader);
        (await reader.PostAsJsonAsync("/api/cases", Seed.NewCase(), Json)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.GetAsync($"/api/cases/{Seed.SeedCase}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var anonymous = CreateClient(null);
        (await anonymous.GetAsync($"/api/cases/{Seed.SeedCase}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
