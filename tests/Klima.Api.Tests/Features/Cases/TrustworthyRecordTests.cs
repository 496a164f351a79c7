using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.Bodies;
using Klima.Api.Features.Cases;
using Klima.Api.Features.Meetings;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Infrastructure;
using Klima.Api.Domain;

namespace Klima.Api.Tests.Features.Cases;

/// <summary>
/// Issue 13 over HTTP: who may record what (the body's "served by"), routes changed only by staff, order and time, steps
/// finished by their role, no silent overwrite, and outcomes that mean what they say.
/// </summary>
public sealed class TrustworthyRecordTests(DatabaseLane lane) : ApiTest(lane)
{
    private static readonly Guid Brn = Guid.Parse("10000000-0000-0000-0000-000000000001");
    private static readonly string[] MunicipalityCodes = ["851", "810", "813", "860", "849", "825", "846", "773", "840", "787", "820"];

    private static Guid Municipality(string code) => Guid.Parse($"10000000-0000-0000-0000-000000000{code}");

    private static DateOnly Today => CalendarDay.Of(DateTimeOffset.UtcNow);

    private static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await response.ShouldHaveStatus(status);
        return await response.ReadJsonAsync();
    }

    private static Task<HttpResponseMessage> DecisionAsync(HttpClient client, CaseResponse found, Guid stepId, object body) =>
        client.PostAsJsonAsync($"/api/cases/{found.Id}/steps/{stepId}/decision", body, Json);

    [Test]
    public async Task A_municipalitys_system_gets_403_naming_the_body_when_it_records_for_the_BRN_board_or_another_council()
    {
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        var found = await Client.CreateCaseAsync(Seed.NewCase("joint", councils: true));
        found = await Client.CompleteStagesBeforeAsync(found, 4);
        var board = found.Steps().Single(s => s.BodyId == Seed.BrnBoard);
        var frederikshavn = found.Steps().Single(s => s.BodyId == Seed.CouncilOf("813"));

        var problem = await ProblemAsync(await DecisionAsync(aalborg, found, board.Id, new { outcome = "approved" }), HttpStatusCode.Forbidden);
        problem["bodyName"]!.GetValue<string>().ShouldBe("BRN-bestyrelsen");
        problem["rule"]!.GetValue<string>().ShouldBe(RecordingAuthority.ServedByRule);
        problem["detail"]!.GetValue<string>().ShouldContain("Business Region North Denmark");
        problem = await ProblemAsync(await DecisionAsync(aalborg, found, frederikshavn.Id, new { outcome = "approved" }), HttpStatusCode.Forbidden);
        problem["bodyName"]!.GetValue<string>().ShouldBe("Kommunalbestyrelsen i Frederikshavn Kommune");
        problem = await ProblemAsync(await aalborg.PostAsJsonAsync($"/api/cases/{found.Id}/steps/{board.Id}/recommendation", new { text = "Nej" }, Json),
            HttpStatusCode.Forbidden);
        problem["bodyName"]!.GetValue<string>().ShouldBe("BRN-bestyrelsen");

        using var meeting = await Client.PostAsJsonAsync("/api/meetings", new { bodyId = Seed.BrnBoard, date = Today }, Json);
        var meetingId = (await meeting.ReadAsync<MeetingResponse>()).Id;
        problem = await ProblemAsync(await aalborg.PostAsJsonAsync($"/api/cases/{found.Id}/steps/{board.Id}/scheduling", new { meetingId }, Json),
            HttpStatusCode.Forbidden);
        problem["bodyName"]!.GetValue<string>().ShouldBe("BRN-bestyrelsen");
        (await aalborg.PostAsJsonAsync($"/api/meetings/{meetingId}/cancellation", new { reason = "Nej" }, Json)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // BRN's own system serves the board.
        using var brn = CreateClient(Roles.Secretariat, Brn);
        using var scheduled = await brn.PostAsJsonAsync($"/api/cases/{found.Id}/steps/{board.Id}/scheduling", new { meetingId }, Json);
        await scheduled.ShouldHaveStatus(HttpStatusCode.OK);
        found = await brn.DecideAsync(found, board.Id, DecisionOutcome.Approved, "Godkendt.");
        found.Steps().Single(s => s.Id == board.Id).Decision!.DecidedOn.ShouldBe(Today);
    }

    [Test]
    public async Task The_KKR_secretariats_staff_record_for_KKR_and_T11_which_no_organisations_system_may()
    {
        using var staff = CreateClient(Roles.Secretariat);
        using var region = CreateClient(Roles.Secretariat, Seed.Region);
        var found = await staff.CreateCaseAsync(Seed.NewCase("municipal"));
        var t11 = found.Steps().Single(s => s.BodyId == Seed.T11);
        var kkr = found.Steps().Single(s => s.BodyId == Seed.Kkr);
        t11.ServedByOrganisationId.ShouldBeNull();

        found = await staff.RecommendAsync(found, found.Steps().First().Id, "Sekretariatets udkast.");
        (await region.PostAsJsonAsync($"/api/cases/{found.Id}/steps/{t11.Id}/recommendation", new { text = "x" }, Json)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        found = await staff.RecommendAsync(found, t11.Id, "T11+ indstiller, at KKR godkender.");
        found.Status.CurrentStageName.ShouldBe(kkr.StageName);
        found = await staff.DecideAsync(found, kkr.Id, DecisionOutcome.Approved, "Godkendt.");
        found.Status.State.ShouldBe(CaseState.Approved);
    }

    [Test]
    public async Task Each_municipality_records_its_own_councils_decision_on_a_fan_out_case_with_its_own_system()
    {
        var found = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("municipal", councils: true)), 4);
        found.Steps().Single(s => s.BodyId == Seed.Kkr).Decision!.Outcome.ShouldBe(DecisionOutcome.Approved);
        foreach (var code in MunicipalityCodes)
        {
            using var own = CreateClient(Roles.Secretariat, Municipality(code));
            (await own.GetAsync($"/api/cases/{found.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var listed = await (await own.GetAsync($"/api/cases?q={found.CaseNumber}")).ReadAsync<Page<ListCases.CaseSummary>>();
            listed.Items.ShouldContain(c => c.Id == found.Id);
            found = await own.DecideAsync(found, found.Steps().Single(s => s.BodyId == Seed.CouncilOf(code)).Id, DecisionOutcome.Approved, $"Godkendt i {code}.");
        }
        found.Status.State.ShouldBe(CaseState.Approved);
        found.Status.Stages[^1].Summary.ShouldBe("approved by 11 of 11");
        found.Route.Stages[^1].Steps.ShouldAllBe(s => s.Decision!.RecordedBy == "test-secretariat");
    }

    [Test]
    public async Task Only_staff_replace_a_route_and_a_changed_route_is_checked_like_a_computed_one()
    {
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        var own = await aalborg.CreateCaseAsync(Seed.NewCase("municipal"));
        using var current = await aalborg.GetAsync($"/api/cases/{own.Id}");
        var brnOnly = new
        {
            reason = "Kun BRN",
            stages = new[] { new { name = "BRN", steps = new[] { new { bodyId = Seed.BrnBoard, role = "decision", authoritative = true } } } },
        };
        using var refused = await aalborg.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/cases/{own.Id}/route")
        {
            Content = JsonContent.Create(brnOnly, options: Json), Headers = { { "If-Match", current.ETag() } },
        });
        (await ProblemAsync(refused, HttpStatusCode.Forbidden))["rule"]!.GetValue<string>().ShouldBe(RecordingAuthority.RouteChangeRule);

        using var noDecision = await SendAsync(HttpMethod.Put, $"/api/cases/{own.Id}/route", new
        {
            reason = "Kun dialog",
            stages = new[] { new { name = "Dialog", steps = new[] { new { bodyId = Seed.DialogueForum, role = "discussion", authoritative = false } } } },
        }, current.ETag());
        (await ProblemAsync(noDecision, HttpStatusCode.UnprocessableEntity))["rule"]!.GetValue<string>().ShouldBe(RoutingEngine.DecisionNeededRule);

        using var changed = await SendAsync(HttpMethod.Put, $"/api/cases/{own.Id}/route", brnOnly, current.ETag());
        var after = await changed.ReadAsync<CaseResponse>();
        after.Route.Explanation!.ShouldStartWith("Rule 'Ren kommunal interesse'");
        after.Route.Explanation!.ShouldContain("Route changed by hand by test-administrator");
        after.Route.Explanation!.ShouldEndWith(": Kun BRN");
    }

    [Test]
    public async Task A_decision_before_the_earlier_stages_are_finished_is_refused_naming_the_step_that_comes_first()
    {
        var found = await Client.CreateCaseAsync(Seed.NewCase("joint"));
        var board = found.Steps().Single(s => s.BodyId == Seed.BrnBoard);
        var problem = await ProblemAsync(await DecisionAsync(Client, found, board.Id, new { outcome = "approved" }), HttpStatusCode.Conflict);
        problem["rule"]!.GetValue<string>().ShouldBe(StepChange.OrderRule);
        problem["detail"]!.GetValue<string>().ShouldContain("Det Fælles Klimasekretariat's step in stage 1");
        problem["mustComeFirst"]!["bodyName"]!.GetValue<string>().ShouldBe("Det Fælles Klimasekretariat");

        found = await Client.CompleteStagesBeforeAsync(found, 3);
        problem = await ProblemAsync(await DecisionAsync(Client, found, board.Id, new { outcome = "approved" }), HttpStatusCode.Conflict);
        problem["detail"]!.GetValue<string>().ShouldContain("T11+");
        found = await Client.CompleteStagesBeforeAsync(found, 4);
        // Parallel steps of one stage go in any order.
        found = await Client.DecideAsync(found, found.Steps().Single(s => s.BodyId == Seed.Kkr).Id, DecisionOutcome.Approved);
        found = await Client.DecideAsync(found, board.Id, DecisionOutcome.Approved);
        found.Status.State.ShouldBe(CaseState.Approved);
    }

    [Test]
    public async Task Recommendations_at_the_secretariat_and_T11_move_where_the_case_is_now()
    {
        var found = await Client.CreateCaseAsync(Seed.NewCase("joint"));
        found.Status.CurrentStageName.ShouldBe("Sekretariatets forberedelse");
        found = await Client.RecommendAsync(found, found.Steps().Single(s => s.BodyId == Seed.ClimateSecretariat).Id);
        found.Status.CurrentStageName.ShouldBe("Faglig behandling");
        found.Steps().Single(s => s.BodyId == Seed.ClimateSecretariat).Done.ShouldBeTrue();
        found = await Client.DecideAsync(found, found.Steps().Single(s => s.BodyId == Seed.ProjectSteeringGroup).Id, DecisionOutcome.Noted);
        found = await Client.RecommendAsync(found, found.Steps().Single(s => s.BodyId == Seed.T11).Id);
        found.Status.CurrentStageName.ShouldBe("Politisk behandling");
        found.Status.NextSteps.Select(s => s.BodyId).ShouldBe([Seed.BrnBoard, Seed.Kkr]);
    }

    [Test]
    public async Task A_decision_date_in_the_future_or_before_registration_is_refused_and_a_meeting_must_have_been_held()
    {
        var found = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("municipal")), 3);
        var kkr = found.Steps().Single(s => s.BodyId == Seed.Kkr);
        var problem = await ProblemAsync(await DecisionAsync(Client, found, kkr.Id, new { outcome = "approved", decidedOn = Today.AddMonths(3) }),
            HttpStatusCode.UnprocessableEntity);
        problem["rule"]!.GetValue<string>().ShouldBe("decision-date-not-future");
        problem["errors"]!["decidedOn"].ShouldNotBeNull();
        problem = await ProblemAsync(await DecisionAsync(Client, found, kkr.Id, new { outcome = "approved", decidedOn = Today.AddDays(-1) }),
            HttpStatusCode.UnprocessableEntity);
        problem["rule"]!.GetValue<string>().ShouldBe("decision-date-after-registration");

        using var planned = await Client.PostAsJsonAsync("/api/meetings", new { bodyId = Seed.Kkr, date = Today.AddDays(7) }, Json);
        var plannedId = (await planned.ReadAsync<MeetingResponse>()).Id;
        found = await (await Client.PostAsJsonAsync($"/api/cases/{found.Id}/steps/{kkr.Id}/scheduling", new { meetingId = plannedId }, Json)).ReadAsync<CaseResponse>();
        problem = await ProblemAsync(await DecisionAsync(Client, found, kkr.Id, new { outcome = "approved" }), HttpStatusCode.Conflict);
        problem["rule"]!.GetValue<string>().ShouldBe("meeting-held");

        using var held = await Client.PostAsJsonAsync("/api/meetings", new { bodyId = Seed.Kkr, date = Today }, Json);
        var heldId = (await held.ReadAsync<MeetingResponse>()).Id;
        found = await (await Client.PostAsJsonAsync($"/api/cases/{found.Id}/steps/{kkr.Id}/scheduling", new { meetingId = heldId }, Json)).ReadAsync<CaseResponse>();
        found = await Client.DecideAsync(found, kkr.Id, DecisionOutcome.Approved);
        found.Steps().Single(s => s.Id == kkr.Id).Decision!.DecidedOn.ShouldBe(Today);
    }

    [Test]
    public async Task A_second_decision_is_refused_and_a_correction_with_If_Match_and_a_reason_keeps_both_in_the_history()
    {
        var found = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("municipal")), 3);
        var kkr = found.Steps().Single(s => s.BodyId == Seed.Kkr);
        found = await Client.DecideAsync(found, kkr.Id, DecisionOutcome.Postponed, "Udsat.");
        found = await Client.DecideAsync(found, kkr.Id, DecisionOutcome.Approved, "Godkendt.");

        var problem = await ProblemAsync(await DecisionAsync(Client, found, kkr.Id, new { outcome = "rejected" }), HttpStatusCode.Conflict);
        problem["rule"]!.GetValue<string>().ShouldBe(StepChange.OverwriteRule);
        problem["detail"]!.GetValue<string>().ShouldContain("already recorded by test-administrator");
        (await DecisionAsync(Client, found, kkr.Id, new { outcome = "rejected", correctionReason = "Fejl" })).StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        using var stale = await SendAsync(HttpMethod.Post, $"/api/cases/{found.Id}/steps/{kkr.Id}/decision",
            new { outcome = "rejected", correctionReason = "Fejl" }, ETags.Of(found.Version - 1));
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);

        using var corrected = await SendAsync(HttpMethod.Post, $"/api/cases/{found.Id}/steps/{kkr.Id}/decision",
            new { outcome = "rejected", text = "Afvist.", correctionReason = "Referatet siger afvist." }, ETags.Of(found.Version));
        await corrected.ShouldHaveStatus(HttpStatusCode.OK);
        found = await corrected.ReadAsync<CaseResponse>();
        found.Status.State.ShouldBe(CaseState.Rejected);

        var timeline = await GetAsync<GetCaseTimeline.Timeline>($"/api/cases/{found.Id}/timeline");
        timeline.Events.Where(e => e.StepId == kkr.Id && e.Type == "step.decisionRecorded").Select(e => e.Data.GetProperty("outcome").GetString())
            .ShouldBe(["postponed", "approved"]);
        var correction = timeline.Events.Single(e => e.Type == "step.decisionCorrected");
        correction.Data.GetProperty("previous").GetProperty("outcome").GetString().ShouldBe("approved");
        correction.Data.GetProperty("outcome").GetString().ShouldBe("rejected");
        correction.Data.GetProperty("reason").GetString().ShouldBe("Referatet siger afvist.");
        var events = new List<Klima.Api.Features.CaseFeed.CaseEventResponse>();
        for (string? cursor = null; ;)
        {
            var feed = await GetAsync<Klima.Api.Features.CaseFeed.GetCaseFeed.FeedPage>($"/api/case-feed?limit=200{(cursor is null ? "" : "&after=" + cursor)}");
            events.AddRange(feed.Items);
            if (!feed.HasMore)
            {
                break;
            }
            cursor = feed.Cursor;
        }
        events.ShouldContain(e => e.Type == "step.decisionCorrected" && e.CaseId == found.Id);
    }

    [Test]
    public async Task A_second_recommendation_is_refused_unless_it_is_a_correction()
    {
        var found = await Client.CreateCaseAsync(Seed.NewCase("municipal"));
        var secretariat = found.Steps().First();
        found = await Client.RecommendAsync(found, secretariat.Id, "Første udkast.");
        using var again = await Client.PostAsJsonAsync($"/api/cases/{found.Id}/steps/{secretariat.Id}/recommendation", new { text = "Andet" }, Json);
        (await ProblemAsync(again, HttpStatusCode.Conflict))["rule"]!.GetValue<string>().ShouldBe(StepChange.OverwriteRule);
        using var corrected = await SendAsync(HttpMethod.Post, $"/api/cases/{found.Id}/steps/{secretariat.Id}/recommendation",
            new { text = "Rettet udkast.", correctionReason = "Tal rettet." }, ETags.Of(found.Version));
        await corrected.ShouldHaveStatus(HttpStatusCode.OK);
        (await corrected.ReadAsync<CaseResponse>()).Steps().First().Recommendation!.Text.ShouldBe("Rettet udkast.");
        var timeline = await GetAsync<GetCaseTimeline.Timeline>($"/api/cases/{found.Id}/timeline");
        timeline.Events.Single(e => e.Type == "step.recommendationCorrected").Data.GetProperty("previous").GetProperty("text").GetString().ShouldBe("Første udkast.");
    }

    [Test]
    public async Task Noted_cannot_end_a_deciding_step_and_a_step_to_recommend_cannot_approve_or_reject()
    {
        var found = await Client.CreateCaseAsync(Seed.NewCase("municipal"));
        var t11 = found.Steps().Single(s => s.BodyId == Seed.T11);
        var problem = await ProblemAsync(await DecisionAsync(Client, found, t11.Id, new { outcome = "rejected" }), HttpStatusCode.UnprocessableEntity);
        problem["detail"]!.GetValue<string>().ShouldContain("T11+'s step is to recommend");
        problem["rule"]!.GetValue<string>().ShouldBe(StepChange.OutcomeForRoleRule);
        problem["allowedOutcomes"]!.AsArray().Select(o => o!.GetValue<string>()).ShouldBe(["postponed", "referred"]);
        found = await Client.CompleteStagesBeforeAsync(found, 3);
        var kkr = found.Steps().Single(s => s.BodyId == Seed.Kkr);
        kkr.AllowedOutcomes.ShouldNotContain(DecisionOutcome.Noted);
        problem = await ProblemAsync(await DecisionAsync(Client, found, kkr.Id, new { outcome = "noted" }), HttpStatusCode.UnprocessableEntity);
        problem["detail"]!.GetValue<string>().ShouldContain("'noted' cannot end it");
    }

    [Test]
    public async Task A_referral_adds_a_step_for_the_body_referred_to_and_the_case_waits_for_it()
    {
        var found = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("municipal")), 3);
        var kkr = found.Steps().Single(s => s.BodyId == Seed.Kkr);
        var refused = await ProblemAsync(await DecisionAsync(Client, found, kkr.Id, new { outcome = "referred", referredToBodyId = Seed.DialogueForum }),
            HttpStatusCode.UnprocessableEntity);
        refused["rule"]!.GetValue<string>().ShouldBe(RoutingEngine.MandateRule);

        using var referred = await DecisionAsync(Client, found, kkr.Id, new { outcome = "referred", referredToBodyId = Seed.RegionalCouncil, text = "Henvist til Regionsrådet." });
        await referred.ShouldHaveStatus(HttpStatusCode.OK);
        found = await referred.ReadAsync<CaseResponse>();
        var added = found.Steps().Single(s => s.BodyId == Seed.RegionalCouncil);
        added.StageOrdinal.ShouldBe(kkr.StageOrdinal);
        added.Authoritative.ShouldBeTrue();
        found.Status.State.ShouldBe(CaseState.Open);
        found.Status.NextSteps.ShouldHaveSingleItem().BodyId.ShouldBe(Seed.RegionalCouncil);
        (await GetAsync<GetCaseTimeline.Timeline>($"/api/cases/{found.Id}/timeline")).Events.ShouldContain(e => e.Type == "step.added");

        using var region = CreateClient(Roles.Secretariat, Seed.Region);
        found = await region.DecideAsync(found, added.Id, DecisionOutcome.Approved, "Godkendt i Regionsrådet.");
        found.Status.State.ShouldBe(CaseState.Approved);
    }

    [Test]
    public async Task A_rejection_by_a_deciding_body_stops_the_stages_after_it()
    {
        var found = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("joint", councils: true)), 4);
        found = await Client.DecideAsync(found, found.Steps().Single(s => s.BodyId == Seed.Kkr).Id, DecisionOutcome.Approved);
        found = await Client.DecideAsync(found, found.Steps().Single(s => s.BodyId == Seed.BrnBoard).Id, DecisionOutcome.Rejected, "Afvist.");
        found.Status.State.ShouldBe(CaseState.Rejected);
        found.Status.CurrentStage.ShouldBeNull();
        var council = found.Steps().Single(s => s.BodyId == Seed.CouncilOf("851"));
        var problem = await ProblemAsync(await DecisionAsync(Client, found, council.Id, new { outcome = "approved" }), HttpStatusCode.Conflict);
        problem["detail"]!.GetValue<string>().ShouldContain("was rejected in stage 4");
        var listed = await GetAsync<Page<ListCases.CaseSummary>>($"/api/cases?q={found.CaseNumber}&status=rejected");
        listed.Items.ShouldHaveSingleItem().Id.ShouldBe(found.Id);
    }

    [Test]
    public async Task On_financing_KKR_recommends_and_then_the_BRN_board_decides()
    {
        var found = await Client.CompleteStagesBeforeAsync(await Client.CreateCaseAsync(Seed.NewCase("financing")), 4);
        found.Route.RuleCode.ShouldBe("joint-financing");
        found.Route.Stages.Skip(3).Select(s => s.Steps.Single().BodyId).ShouldBe([Seed.Kkr, Seed.BrnBoard]);
        var board = found.Steps().Single(s => s.BodyId == Seed.BrnBoard);
        (await DecisionAsync(Client, found, board.Id, new { outcome = "approved" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        found = await Client.DecideAsync(found, found.Steps().Single(s => s.BodyId == Seed.Kkr).Id, DecisionOutcome.Approved, "Anbefaler BRN at finansiere.");
        found.Status.NextSteps.ShouldHaveSingleItem().BodyId.ShouldBe(Seed.BrnBoard);
        found = await Client.DecideAsync(found, board.Id, DecisionOutcome.Approved, "Finansieres af BRN.");
        found.Status.State.ShouldBe(CaseState.Approved);
    }

    /// <summary>
    /// Generated over the seed model: for every body and every kind of caller (unbound staff, each municipality's system,
    /// the Region's, BRN's, a reader), whether it may record on that body's step, against the body's "served by" data.
    /// </summary>
    [Test]
    public async Task Who_may_record_on_each_bodys_step_follows_its_served_by_data()
    {
        var bodies = (await GetAsync<Page<BodyResponse>>($"/api/bodies?governanceModelId={Seed.Model}&limit=200")).Items;
        bodies.Count.ShouldBeGreaterThanOrEqualTo(22);
        bodies.Single(b => b.Id == Seed.T11).ServedByOrganisationId.ShouldBeNull();
        bodies.Single(b => b.Id == Seed.Kkr).ServedByOrganisationId.ShouldBeNull();
        bodies.Single(b => b.Id == Seed.BrnBoard).ServedByOrganisationId.ShouldBe(Brn);
        bodies.Single(b => b.Id == Seed.CouncilOf("813")).ServedByOrganisationId.ShouldBe(Seed.Frederikshavn);

        var found = await Client.CreateCaseAsync(Seed.NewCase("dialogue"));
        using var current = await Client.GetAsync($"/api/cases/{found.Id}");
        using var changed = await SendAsync(HttpMethod.Put, $"/api/cases/{found.Id}/route", new
        {
            reason = "Et trin pr. organ til prøven af hvem der må registrere.",
            stages = new[] { new { name = "Alle organer", steps = bodies.Select(b => new { bodyId = b.Id, role = "discussion", authoritative = false }).ToArray() } },
        }, current.ETag());
        await changed.ShouldHaveStatus(HttpStatusCode.OK);
        found = await changed.ReadAsync<CaseResponse>();

        var callers = new List<(string Name, string Role, Guid? Organisation)> { ("staff", Roles.Secretariat, null), ("reader", Roles.Reader, null) };
        callers.AddRange(MunicipalityCodes.Select(c => ($"municipality {c}", Roles.Secretariat, (Guid?)Municipality(c))));
        callers.Add(("region", Roles.Secretariat, Seed.Region));
        callers.Add(("BRN", Roles.Secretariat, Brn));
        var mismatches = new List<string>();
        var allowed = 0;
        foreach (var (name, role, organisation) in callers)
        {
            using var client = CreateClient(role, organisation);
            foreach (var body in bodies)
            {
                var step = found.Steps().Single(s => s.BodyId == body.Id);
                step.ServedByOrganisationId.ShouldBe(body.ServedByOrganisationId);
                var expected = role == Roles.Reader ? HttpStatusCode.Forbidden
                    : RecordingAuthority.MayRecord(organisation, body.ServedByOrganisationId) ? HttpStatusCode.OK
                    : HttpStatusCode.Forbidden;
                using var response = await DecisionAsync(client, found, step.Id, new { outcome = "postponed", text = $"Udsat af {name}." });
                if (response.StatusCode != expected)
                {
                    mismatches.Add($"{name} on {body.Name}: expected {(int)expected}, got {(int)response.StatusCode}");
                }
                allowed += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
            }
        }
        mismatches.ShouldBeEmpty();
        // Staff record everywhere; each municipality its council; the Region its council; BRN the board, the climate secretariat,
        // the project steering group, the dialogue forum and its own secretariat.
        allowed.ShouldBe(bodies.Count + 11 + 1 + bodies.Count(b => b.ServedByOrganisationId == Brn));
        bodies.Count(b => b.ServedByOrganisationId == Brn).ShouldBe(5);
    }
}
