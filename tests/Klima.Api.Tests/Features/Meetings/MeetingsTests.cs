using System.Net;
using Klima.Api.Features.Cases;
using Klima.Api.Features.Meetings;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Meetings;

public sealed class MeetingsTests(DatabaseLane lane) : ApiTest(lane)
{
    private async Task<MeetingResponse> CreateMeetingAsync(Guid body, string date)
    {
        using var response = await PostAsync("/api/meetings", new { bodyId = body, date, title = "Møde" });
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        return await response.ReadAsync<MeetingResponse>();
    }

    private async Task<HttpResponseMessage> ScheduleAsync(CaseResponse found, Guid stepId, Guid meetingId) =>
        await PostAsync($"/api/cases/{found.Id}/steps/{stepId}/scheduling", new { meetingId });

    [Test]
    public async Task The_seed_has_KKR_on_10_February_and_the_BRN_board_on_17_February_2023_with_the_governance_model_case()
    {
        var kkr = await GetAsync<MeetingResponse>($"/api/meetings/{Seed.KkrMeeting}");
        kkr.BodyId.ShouldBe(Seed.Kkr);
        kkr.Date.ShouldBe(new DateOnly(2023, 2, 10));
        kkr.State.ShouldBe(MeetingState.Held);
        kkr.Agenda.ShouldHaveSingleItem().CaseId.ShouldBe(Seed.SeedCase);

        var board = await GetAsync<MeetingResponse>($"/api/meetings/{Seed.BoardMeeting}");
        board.Date.ShouldBe(new DateOnly(2023, 2, 17));
        board.Agenda.ShouldHaveSingleItem().CaseId.ShouldBe(Seed.SeedCase);

        var listed = await GetAsync<Page<MeetingResponse>>($"/api/meetings?bodyId={Seed.Kkr}&from=2023-01-01&to=2024-01-01");
        listed.Items.ShouldHaveSingleItem().Id.ShouldBe(Seed.KkrMeeting);
    }

    [Test]
    public async Task Steps_are_scheduled_onto_meetings_of_their_body_in_agenda_order_and_the_agenda_can_be_reordered()
    {
        var meeting = await CreateMeetingAsync(Seed.Kkr, "2030-03-01");
        var first = await Client.CreateCaseAsync(Seed.NewCase("municipal", title: "Første sag"));
        var second = await Client.CreateCaseAsync(Seed.NewCase("municipal", title: "Anden sag"));
        var firstKkr = first.Steps().Single(s => s.BodyId == Seed.Kkr);
        var secondKkr = second.Steps().Single(s => s.BodyId == Seed.Kkr);

        using var wrongBody = await ScheduleAsync(first, first.Steps().First().Id, meeting.Id);
        await wrongBody.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await wrongBody.ReadJsonAsync())["rule"]!.GetValue<string>().ShouldBe("meeting-of-step-body");

        using var one = await ScheduleAsync(first, firstKkr.Id, meeting.Id);
        await one.ShouldHaveStatus(HttpStatusCode.OK);
        (await one.ReadAsync<CaseResponse>()).Steps().Single(s => s.Id == firstKkr.Id).MeetingDate.ShouldBe(new DateOnly(2030, 3, 1));
        using var two = await ScheduleAsync(second, secondKkr.Id, meeting.Id);
        await two.ShouldHaveStatus(HttpStatusCode.OK);

        var agenda = (await GetAsync<MeetingResponse>($"/api/meetings/{meeting.Id}")).Agenda;
        agenda.Select(a => (a.Position, a.CaseTitle)).ShouldBe([(1, "Første sag"), (2, "Anden sag")]);

        using var reordered = await SendAsync(HttpMethod.Put, $"/api/meetings/{meeting.Id}/agenda", new { stepIds = new[] { secondKkr.Id, firstKkr.Id } });
        await reordered.ShouldHaveStatus(HttpStatusCode.OK);
        (await reordered.ReadAsync<MeetingResponse>()).Agenda.Select(a => a.CaseTitle).ShouldBe(["Anden sag", "Første sag"]);

        using var incomplete = await SendAsync(HttpMethod.Put, $"/api/meetings/{meeting.Id}/agenda", new { stepIds = new[] { secondKkr.Id } });
        await incomplete.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task The_meeting_list_carries_each_meetings_agenda_in_order_scoped_like_a_single_meeting()
    {
        var meeting = await CreateMeetingAsync(Seed.Kkr, "2030-06-01");
        var empty = await CreateMeetingAsync(Seed.Kkr, "2030-06-02");
        var first = await Client.CreateCaseAsync(Seed.NewCase("municipal", title: "Første punkt"));
        var second = await Client.CreateCaseAsync(Seed.NewCase("municipal", title: "Andet punkt"));
        (await ScheduleAsync(first, first.Steps().Single(s => s.BodyId == Seed.Kkr).Id, meeting.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ScheduleAsync(second, second.Steps().Single(s => s.BodyId == Seed.Kkr).Id, meeting.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var listed = (await GetAsync<Page<MeetingResponse>>($"/api/meetings?bodyId={Seed.Kkr}&limit=200")).Items;
        listed.Single(m => m.Id == meeting.Id).Agenda.Select(a => (a.Position, a.CaseTitle)).ShouldBe([(1, "Første punkt"), (2, "Andet punkt")]);
        listed.Single(m => m.Id == empty.Id).Agenda.ShouldBeEmpty();
        listed.Single(m => m.Id == Seed.KkrMeeting).Agenda.ShouldHaveSingleItem().CaseId.ShouldBe(Seed.SeedCase);

        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        var seenByAalborg = await (await aalborg.GetAsync($"/api/meetings?bodyId={Seed.Kkr}&limit=200")).ReadAsync<Page<MeetingResponse>>();
        seenByAalborg.Items.Single(m => m.Id == Seed.KkrMeeting).Agenda.ShouldBeEmpty();
    }

    [Test]
    public async Task Moving_a_step_to_another_meeting_takes_it_off_the_first_agenda()
    {
        var march = await CreateMeetingAsync(Seed.RegionalCouncil, "2030-03-02");
        var april = await CreateMeetingAsync(Seed.RegionalCouncil, "2030-04-02");
        var found = await Client.CreateCaseAsync(Seed.NewCase("regional"));
        var step = found.Steps().Single(s => s.BodyId == Seed.RegionalCouncil);
        (await ScheduleAsync(found, step.Id, march.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ScheduleAsync(found, step.Id, april.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await GetAsync<MeetingResponse>($"/api/meetings/{march.Id}")).Agenda.ShouldBeEmpty();
        (await GetAsync<MeetingResponse>($"/api/meetings/{april.Id}")).Agenda.ShouldHaveSingleItem().StepId.ShouldBe(step.Id);
    }

    [Test]
    public async Task Cancelling_a_meeting_unschedules_its_steps_and_records_it_in_the_case_history()
    {
        var meeting = await CreateMeetingAsync(Seed.BrnBoard, "2030-05-01");
        var found = await Client.CreateCaseAsync(Seed.NewCase("joint"));
        var step = found.Steps().Single(s => s.BodyId == Seed.BrnBoard);
        (await ScheduleAsync(found, step.Id, meeting.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var cancelled = await PostAsync($"/api/meetings/{meeting.Id}/cancellation", new { reason = "Formanden er forhindret." });
        await cancelled.ShouldHaveStatus(HttpStatusCode.OK);
        var after = await cancelled.ReadAsync<MeetingResponse>();
        after.Cancelled.ShouldBeTrue();
        after.State.ShouldBe(MeetingState.Cancelled);
        after.Agenda.ShouldBeEmpty();

        (await GetAsync<CaseResponse>($"/api/cases/{found.Id}")).Steps().Single(s => s.Id == step.Id).MeetingId.ShouldBeNull();
        var timeline = await GetAsync<GetCaseTimeline.Timeline>($"/api/cases/{found.Id}/timeline");
        timeline.Events.Select(e => e.Type).ShouldContain("step.unscheduled");

        using var again = await ScheduleAsync(found, step.Id, meeting.Id);
        await again.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await PostAsync($"/api/meetings/{meeting.Id}/cancellation", new { reason = "Igen" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task A_caller_bound_to_an_organisation_sees_only_its_own_cases_on_an_agenda()
    {
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        var kkr = await GetAsync<MeetingResponse>($"/api/meetings/{Seed.KkrMeeting}");
        kkr.Agenda.ShouldNotBeEmpty();
        var seenByAalborg = await (await aalborg.GetAsync($"/api/meetings/{Seed.KkrMeeting}")).ReadAsync<MeetingResponse>();
        seenByAalborg.Agenda.ShouldBeEmpty();
    }

    [Test]
    public async Task A_municipality_bound_caller_manages_its_own_council_meetings_but_not_the_joint_bodies()
    {
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        using var own = await aalborg.PostAsync("/api/meetings", System.Net.Http.Json.JsonContent.Create(new { bodyId = Seed.CouncilOf("851"), date = "2030-06-01" }));
        await own.ShouldHaveStatus(HttpStatusCode.Created);
        using var joint = await aalborg.PostAsync("/api/meetings", System.Net.Http.Json.JsonContent.Create(new { bodyId = Seed.Kkr, date = "2030-06-01" }));
        await joint.ShouldHaveStatus(HttpStatusCode.Forbidden);
        var problem = await joint.ReadJsonAsync();
        problem["rule"]!.GetValue<string>().ShouldBe(Klima.Api.Domain.Routing.RecordingAuthority.ServedByRule);
        problem["bodyName"]!.GetValue<string>().ShouldBe("KKR Nordjylland");
        using var cancel = await aalborg.PostAsync($"/api/meetings/{Seed.KkrMeeting}/cancellation", System.Net.Http.Json.JsonContent.Create(new { reason = "Nej" }));
        await cancel.ShouldHaveStatus(HttpStatusCode.Forbidden);
        (await cancel.ReadJsonAsync())["detail"]!.GetValue<string>().ShouldContain("KKR Nordjylland");
    }
}
