using System.Net;
using System.Net.Http.Json;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Features.Cases;
using Klima.Api.Features.Meetings;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Tests.Infrastructure;
using Klima.Api.Domain;

namespace Klima.Api.Tests.Features.Cases;

/// <summary>
/// The "done when", as one story over HTTP: a municipality's case system registers a seed-like case (with a
/// retry), the route follows the joint rule, the steps are put on meetings, both bodies recommend and decide, the
/// case shows as decided, and a webhook receiver on loopback that was down for a while gets every event, signed.
/// </summary>
public sealed class WalkthroughTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Secret = "walkthrough-secret-0123456789";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CaseFeed:Webhooks:PollInterval"] = "00:00:00.050",
        ["CaseFeed:Webhooks:RetryBaseDelay"] = "00:00:00.050",
        ["CaseFeed:Webhooks:RetryMaxDelay"] = "00:00:00.200",
        // Short back-off means many attempts while the receiver is down; never abandon within a test run.
        ["CaseFeed:Webhooks:MaxAttempts"] = "100000",
    };

    [Test]
    public async Task A_case_system_follows_a_joint_case_from_registration_to_both_decisions()
    {
        using var caseSystem = CreateClient(Roles.Secretariat, Seed.Aalborg);
        using var staff = CreateClient(Roles.Secretariat);
        var port = Klima.Api.Tests.Features.CaseFeed.LoopbackReceiver.FreePort();
        var url = $"http://127.0.0.1:{port}/klima/";
        using var subscribed = await caseSystem.PostAsJsonAsync("/api/webhooks", new { url, secret = Secret }, Json);
        await subscribed.ShouldHaveStatus(HttpStatusCode.Created);

        // 1. Registration, retried with the same Idempotency-Key (the receiver is down meanwhile).
        var body = new
        {
            title = "Model for geografisk organisering af fælles klimaopgaver",
            summary = "Udmøntning af den nationale Klimapartnerskabsaftale i Nordjylland.",
            interest = "joint",
            councilDecisionRequired = false,
            governanceModelId = Seed.Model,
            kleJournalNumber = "00.01.10",
            kleActionFacet = "A00",
            sourceSystem = "aalborg-sbsys",
            externalReference = "AAL-2026-000123",
            partyReferences = new[] { new { organisationId = Seed.Aalborg, localCaseNumber = "AAL-2026-000123" } },
            documents = new[] { new { url = "https://sbsys.aalborg.dk/doc/9", title = "Sagsfremstilling", sha256 = new string('0', 64) } },
        };
        CaseResponse created = null!;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(body, options: Json) };
            request.Headers.Add("Idempotency-Key", "aal-2026-000123-create");
            using var response = await caseSystem.SendAsync(request);
            await response.ShouldHaveStatus(HttpStatusCode.Created);
            var read = await response.ReadAsync<CaseResponse>();
            if (attempt == 1)
            {
                read.Id.ShouldBe(created.Id);
            }
            created = read;
        }

        // 2. The route follows the joint rule and says why.
        created.Route.RuleCode.ShouldBe("joint");
        created.Route.Explanation!.ShouldContain("the case's interest 'Fælles kommunal og regional interesse' is the rule's interest");
        var t11 = created.Steps().Single(s => s.BodyId == Seed.T11);
        var political = created.Route.Stages[^1].Steps;
        political.Select(s => s.BodyId).ShouldBe([Seed.BrnBoard, Seed.Kkr]);
        t11.StageOrdinal.ShouldBe(political[0].StageOrdinal - 1);

        // 3. Staff (the secretariats that serve the bodies) work the administrative path through and put the political steps on
        //    the bodies' meetings, held today; the case system that registered the case may not record for the joint bodies.
        using var refused = await caseSystem.PostAsJsonAsync($"/api/cases/{created.Id}/steps/{created.Steps().First().Id}/recommendation", new { text = "Nej" }, Json);
        await refused.ShouldHaveStatus(HttpStatusCode.Forbidden);
        var found = await staff.CompleteStagesBeforeAsync(created, political[0].StageOrdinal);
        var today = CalendarDay.Of(DateTimeOffset.UtcNow);
        foreach (var step in new[] { political[1], political[0] })
        {
            using var meeting = await staff.PostAsJsonAsync("/api/meetings", new { bodyId = step.BodyId, date = today }, Json);
            await meeting.ShouldHaveStatus(HttpStatusCode.Created);
            var meetingId = (await meeting.ReadAsync<MeetingResponse>()).Id;
            using var scheduled = await staff.PostAsJsonAsync($"/api/cases/{found.Id}/steps/{step.Id}/scheduling", new { meetingId }, Json);
            await scheduled.ShouldHaveStatus(HttpStatusCode.OK);
            found = await scheduled.ReadAsync<CaseResponse>();
        }

        // 4. Both bodies get a recommendation and decide; the case is decided only after the second decision.
        foreach (var step in political)
        {
            using var recommended = await staff.PostAsJsonAsync($"/api/cases/{found.Id}/steps/{step.Id}/recommendation",
                new { text = $"Det indstilles, at {step.BodyName} godkender modellen." }, Json);
            await recommended.ShouldHaveStatus(HttpStatusCode.OK);
        }
        found = await staff.DecideAsync(found, political[1].Id, DecisionOutcome.Approved, "Godkendt.");
        found.Status.State.ShouldBe(CaseState.Open);
        found = await staff.DecideAsync(found, political[0].Id, DecisionOutcome.Approved, "Godkendt.");
        found.Status.State.ShouldBe(CaseState.Approved);
        found.Steps().Where(s => s.Authoritative).ShouldAllBe(s => s.MeetingDate != null && s.Recommendation != null && s.Decision != null);
        found.Steps().Where(s => s.Authoritative).ShouldAllBe(s => s.Decision!.DecidedOn == today);
        (await caseSystem.GetAsync($"/api/cases/{found.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // 5. The receiver comes up and gets every event of the case, in order, each with a valid signature.
        var expected = (await GetAsync<GetCaseTimeline.Timeline>($"/api/cases/{found.Id}/timeline")).Events;
        expected.Select(e => e.Type).ShouldContain("case.stageDecided");
        await using var receiver = await Klima.Api.Tests.Features.CaseFeed.LoopbackReceiver.StartAsync(port, Secret);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (receiver.Accepted.Count < expected.Count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }
        receiver.Accepted.Select(r => r.EventId).ShouldBe(expected.Select(e => e.Id));
        receiver.Accepted.ShouldAllBe(r => r.SignatureValid);
    }
}
