using System.Net;
using System.Net.Http.Json;
using Klima.Api.Features.WorkPlan;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.WorkPlan;

public sealed class WorkPlanTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Model = "01000000-0000-0000-0000-000000000001";
    private const string Secretariat = "20000000-0000-0000-0000-000000000007";
    private const string Kkr = "20000000-0000-0000-0000-000000000002";
    private const string VidensdelingOgGovernance = "a4010000-0000-0000-0000-000000000001";
    private const string Klimaalliancen = "a4020000-0000-0000-0000-000000000003";
    private const string GovernanceDecisionTask = "a4030000-0000-0000-0000-000000000001";

    [Test]
    public async Task The_seed_holds_the_focus_areas_and_initiatives_the_case_names()
    {
        var areas = await GetAsync<Page<FocusAreaResponse>>($"/api/work-plan/focus-areas?governanceModelId={Model}");
        areas.Items.Select(a => a.Name).ShouldContain("Vidensdeling og Governance");
        var initiatives = await GetAsync<Page<InitiativeResponse>>($"/api/work-plan/initiatives?governanceModelId={Model}&limit=200");
        foreach (var code in new[] { "faelles-organisering", "dialogforum-moeder", "klimaalliancen", "gen2040-fase-3", "green-hub-denmark" })
        {
            initiatives.Items.ShouldContain(i => i.Code == code);
        }
        var gen2040 = initiatives.Items.Single(i => i.Code == "gen2040-fase-3");
        gen2040.FundingProgramme.ShouldBe("gen2040-phase3");
        gen2040.Status.ShouldBe(WorkStatus.Planned);
        gen2040.StartsOn.ShouldBeNull("the seeds say only 'medio 2023'");
        gen2040.TimingNote.ShouldNotBeNull();
    }

    [Test]
    public async Task The_seeded_governance_task_has_the_two_meeting_dates_reached_as_the_case_register_decided()
    {
        var task = await GetAsync<TaskResponse>($"/api/work-plan/tasks/{GovernanceDecisionTask}");
        task.Milestones.Select(m => m.DueOn).ShouldBe([new DateOnly(2023, 2, 10), new DateOnly(2023, 2, 17)]);
        var governanceCase = await GetJsonAsync("/api/cases/50000000-0000-0000-0000-000000000001");
        var decided = governanceCase["route"]!["stages"]!.AsArray().SelectMany(s => s!["steps"]!.AsArray())
            .Where(s => s!["role"]!.GetValue<string>() == "decision")
            .Select(s => DateOnly.Parse(s!["decision"]!["decidedOn"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        task.Milestones.Select(m => m.ReachedOn).ShouldBe(decided.Select(d => (DateOnly?)d));
        task.Status.ShouldBe(WorkStatus.Done);
        task.CompletedOn.ShouldBe(new DateOnly(2023, 2, 17));
    }

    [Test]
    public async Task Other_seeded_tasks_state_no_progress_the_seeds_do_not_give()
    {
        var tasks = await GetAsync<Page<TaskResponse>>($"/api/work-plan/tasks?governanceModelId={Model}&limit=200");
        tasks.Items.Where(t => t.Id != Guid.Parse(GovernanceDecisionTask) && t.SourceRef == "SAG-2023-01121")
            .ShouldAllBe(t => t.Status == WorkStatus.NotReported && t.CompletedOn == null && t.DueOn == null);
    }

    [Test]
    public async Task Focus_area_create_update_with_If_Match_stale_412_and_delete()
    {
        using var created = await PostAsync("/api/work-plan/focus-areas", new { governanceModelId = Model, code = "test-omraade", name = "Testområde" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var area = await created.ReadAsync<FocusAreaResponse>();
        area.Ordinal.ShouldBeGreaterThan(2);
        var url = $"/api/work-plan/focus-areas/{area.Id}";

        using var updated = await SendAsync(HttpMethod.Put, url, new { code = "test-omraade", name = "Testområdet", nameEn = "Test area", ordinal = 9 }, created.ETag());
        await updated.ShouldHaveStatus(HttpStatusCode.OK);
        (await updated.ReadAsync<FocusAreaResponse>()).Version.ShouldBe(2);

        using var stale = await SendAsync(HttpMethod.Put, url, new { code = "test-omraade", name = "Igen", ordinal = 9 }, created.ETag());
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);
        using var missing = await SendAsync(HttpMethod.Put, url, new { code = "test-omraade", name = "Igen", ordinal = 9 });
        await missing.ShouldHaveStatus(HttpStatusCode.PreconditionRequired);

        using var duplicate = await PostAsync("/api/work-plan/focus-areas", new { governanceModelId = Model, code = "test-omraade", name = "Dublet" });
        await duplicate.ShouldHaveStatus(HttpStatusCode.Conflict);

        using var deleted = await SendAsync(HttpMethod.Delete, url, ifMatch: updated.ETag());
        await deleted.ShouldHaveStatus(HttpStatusCode.NoContent);
        using var gone = await Client.GetAsync(url);
        await gone.ShouldHaveStatus(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_focus_area_with_initiatives_cannot_be_deleted()
    {
        using var current = await Client.GetAsync($"/api/work-plan/focus-areas/{VidensdelingOgGovernance}");
        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/work-plan/focus-areas/{VidensdelingOgGovernance}", ifMatch: current.ETag());
        await deleted.ShouldHaveStatus(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Initiative_crud_keeps_the_responsible_body_inside_the_model()
    {
        using var created = await PostAsync("/api/work-plan/initiatives", new
        {
            focusAreaId = VidensdelingOgGovernance, code = "test-indsats", name = "Testindsats", responsibleBodyId = Secretariat,
            fundingProgramme = "climate-secretariat", startsOn = "2023-07-01", endsOn = "2026-07-01",
        });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var initiative = await created.ReadAsync<InitiativeResponse>();
        initiative.Status.ShouldBe(WorkStatus.NotReported);
        var url = $"/api/work-plan/initiatives/{initiative.Id}";

        using var updated = await SendAsync(HttpMethod.Put, url, new
        {
            focusAreaId = VidensdelingOgGovernance, code = "test-indsats", name = "Testindsats", responsibleBodyId = Kkr, fundingProgramme = "climate-secretariat",
            status = "inProgress", startsOn = "2023-07-01", endsOn = "2026-07-01", ordinal = 5,
        }, created.ETag());
        await updated.ShouldHaveStatus(HttpStatusCode.OK);
        var after = await updated.ReadAsync<InitiativeResponse>();
        after.Status.ShouldBe(WorkStatus.InProgress);
        after.ResponsibleBodyId.ShouldBe(Guid.Parse(Kkr));

        var listed = await GetAsync<Page<InitiativeResponse>>($"/api/work-plan/initiatives?status=inProgress&focusAreaId={VidensdelingOgGovernance}");
        listed.Items.ShouldContain(i => i.Id == initiative.Id);

        using var unknownBody = await PostAsync("/api/work-plan/initiatives", new { focusAreaId = VidensdelingOgGovernance, code = "x", name = "X", responsibleBodyId = Guid.NewGuid() });
        await unknownBody.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        using var backwards = await PostAsync("/api/work-plan/initiatives", new { focusAreaId = VidensdelingOgGovernance, code = "x", name = "X", startsOn = "2024-01-01", endsOn = "2023-01-01" });
        await backwards.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await backwards.ReadJsonAsync())["errors"]!["endsOn"].ShouldNotBeNull();

        using var deleted = await SendAsync(HttpMethod.Delete, url, ifMatch: updated.ETag());
        await deleted.ShouldHaveStatus(HttpStatusCode.NoContent);
    }

    [Test]
    public async Task Task_crud_replaces_milestones_and_pages()
    {
        using var created = await PostAsync("/api/work-plan/tasks", new
        {
            initiativeId = Klimaalliancen, title = "Testopgave", responsibleBodyId = Secretariat, status = "planned",
            milestones = new[] { new { title = "Første", dueOn = "2023-03-01" }, new { title = "Anden", dueOn = "2023-09-01" } },
        });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var task = await created.ReadAsync<TaskResponse>();
        task.Milestones.Select(m => m.Title).ShouldBe(["Første", "Anden"]);
        var url = $"/api/work-plan/tasks/{task.Id}";

        using var updated = await SendAsync(HttpMethod.Put, url, new
        {
            initiativeId = Klimaalliancen, title = "Testopgave", responsibleBodyId = Secretariat, status = "done", completedOn = "2023-05-01",
            milestones = new[] { new { title = "Første", dueOn = "2023-03-01", reachedOn = "2023-02-28" } },
        }, created.ETag());
        await updated.ShouldHaveStatus(HttpStatusCode.OK);
        var after = await GetAsync<TaskResponse>(url);
        after.Version.ShouldBe(2);
        after.Status.ShouldBe(WorkStatus.Done);
        after.Milestones.ShouldHaveSingleItem().ReachedOn.ShouldBe(new DateOnly(2023, 2, 28));

        using var notDone = await SendAsync(HttpMethod.Put, url, new { initiativeId = Klimaalliancen, title = "T", status = "planned", completedOn = "2023-05-01" }, updated.ETag());
        await notDone.ShouldHaveStatus(HttpStatusCode.BadRequest);

        var seen = new List<Guid>();
        string? next = $"/api/work-plan/tasks?governanceModelId={Model}&limit=3";
        while (next is not null)
        {
            var page = await GetAsync<Page<TaskResponse>>(next);
            page.Items.Count.ShouldBeLessThanOrEqualTo(3);
            seen.AddRange(page.Items.Select(t => t.Id));
            next = page.Next;
        }
        seen.ShouldContain(task.Id);
        seen.Count.ShouldBeGreaterThanOrEqualTo(10);
        seen.ShouldBeUnique();

        using var deleted = await SendAsync(HttpMethod.Delete, url, ifMatch: updated.ETag());
        await deleted.ShouldHaveStatus(HttpStatusCode.NoContent);
        (await GetAsync<Page<TaskResponse>>($"/api/work-plan/tasks?initiativeId={Klimaalliancen}&limit=200")).Items.ShouldNotContain(t => t.Id == task.Id);
    }

    [Test]
    public async Task Progress_for_the_first_half_of_2023_counts_the_meeting_milestones_as_due_and_reached()
    {
        var progress = await GetAsync<GetWorkPlanProgress.WorkPlanProgress>($"/api/work-plan/progress?governanceModelId={Model}&from=2023-01-01&to=2023-07-01");
        progress.Totals.FocusAreas.ShouldBeGreaterThanOrEqualTo(2);
        progress.Totals.MilestonesDueInPeriod.ShouldBeGreaterThanOrEqualTo(2);
        var governance = progress.FocusAreas.SelectMany(a => a.Initiatives).SelectMany(i => i.Tasks).Single(t => t.Id == Guid.Parse(GovernanceDecisionTask));
        governance.Milestones.ShouldAllBe(m => m.State == GetWorkPlanProgress.MilestoneState.Reached && m.DueInPeriod && m.ReachedInPeriod);
        progress.Totals.MilestonesReachedInPeriod.ShouldBeGreaterThanOrEqualTo(2);
        progress.Totals.TasksByStatus.Sum(s => s.Count).ShouldBe(progress.Totals.Tasks);
    }

    [Test]
    public async Task Seeded_funding_codes_refer_to_the_financing_programmes_and_unknown_programmes_are_refused()
    {
        var initiatives = await GetAsync<Page<InitiativeResponse>>($"/api/work-plan/initiatives?governanceModelId={Model}&limit=200");
        var gen2040 = initiatives.Items.Single(i => i.Code == "gen2040-fase-3");
        var programme = await GetJsonAsync($"/api/financing/programmes/{gen2040.FundingProgrammeId}");
        programme["programme"]!["code"]!.GetValue<string>().ShouldBe("gen2040-phase3");
        initiatives.Items.Single(i => i.Code == "green-hub-denmark").FundingProgrammeId.ShouldBeNull();

        using var refused = await PostAsync("/api/work-plan/tasks", new { initiativeId = Klimaalliancen, title = "X", fundingProgrammeId = Guid.NewGuid() });
        await refused.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await refused.ReadJsonAsync())["rule"]!.GetValue<string>().ShouldBe("fundingProgrammeInModel");
        using var accepted = await PostAsync("/api/work-plan/tasks", new { initiativeId = Klimaalliancen, title = "Finansieret opgave", fundingProgrammeId = gen2040.FundingProgrammeId });
        await accepted.ShouldHaveStatus(HttpStatusCode.Created);
        (await accepted.ReadAsync<TaskResponse>()).FundingProgrammeId.ShouldBe(gen2040.FundingProgrammeId);
    }

    [Test]
    public async Task Progress_needs_a_period_that_ends_after_it_starts()
    {
        using var response = await Client.GetAsync($"/api/work-plan/progress?governanceModelId={Model}&from=2023-07-01&to=2023-01-01");
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Readers_read_the_work_plan_but_cannot_change_it()
    {
        using var reader = CreateClient(Roles.Reader);
        using var read = await reader.GetAsync("/api/work-plan/tasks");
        await read.ShouldHaveStatus(HttpStatusCode.OK);
        using var write = await reader.PostAsJsonAsync("/api/work-plan/focus-areas", new { governanceModelId = Model, code = "nej", name = "Nej" }, Json);
        await write.ShouldHaveStatus(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_key_limited_to_another_partnership_neither_reads_nor_changes_North_Jutlands_work_plan()
    {
        using var created = await PostAsync("/api/governance-models", new { code = $"andet-{Guid.NewGuid():N}"[..20], name = "Et andet partnerskab" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var other = (await created.ReadJsonAsync())["id"]!.GetValue<Guid>();
        using var issued = await PostAsync("/api/api-keys", new
        {
            name = "anden-arbejdsplan", scopes = new[] { "governance:read", "governance:write" }, governanceModelIds = new[] { other },
        });
        await issued.ShouldHaveStatus(HttpStatusCode.Created);
        using var key = Factory.CreateClient();
        key.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", (await issued.ReadJsonAsync())["key"]!.GetValue<string>());

        // Lists without a model show only its own partnership's rows; North Jutland's, asked for by name, are refused.
        (await key.GetFromJsonAsync<Page<FocusAreaResponse>>("/api/work-plan/focus-areas?limit=200", Json))!.Items.ShouldBeEmpty();
        (await key.GetFromJsonAsync<Page<InitiativeResponse>>("/api/work-plan/initiatives?limit=200", Json))!.Items.ShouldBeEmpty();
        (await key.GetFromJsonAsync<Page<TaskResponse>>("/api/work-plan/tasks?limit=200", Json))!.Items.ShouldBeEmpty();
        foreach (var url in new[]
                 {
                     $"/api/work-plan/focus-areas?governanceModelId={Model}", $"/api/work-plan/focus-areas/{VidensdelingOgGovernance}",
                     $"/api/work-plan/initiatives/{Klimaalliancen}", $"/api/work-plan/tasks/{GovernanceDecisionTask}",
                     $"/api/work-plan/progress?governanceModelId={Model}&from=2023-01-01&to=2024-01-01",
                 })
        {
            using var refused = await key.GetAsync(url);
            await refused.ShouldHaveStatus(HttpStatusCode.Forbidden);
        }
        using var write = await key.PostAsJsonAsync("/api/work-plan/initiatives", new { focusAreaId = VidensdelingOgGovernance, code = "nej", name = "Nej" }, Json);
        await write.ShouldHaveStatus(HttpStatusCode.Forbidden);
        using var change = new HttpRequestMessage(HttpMethod.Delete, $"/api/work-plan/tasks/{GovernanceDecisionTask}");
        change.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var delete = await key.SendAsync(change);
        await delete.ShouldHaveStatus(HttpStatusCode.Forbidden);

        // Its own partnership's work plan it may keep.
        using var own = await key.PostAsJsonAsync("/api/work-plan/focus-areas", new { governanceModelId = other, code = "egen", name = "Eget indsatsområde" }, Json);
        await own.ShouldHaveStatus(HttpStatusCode.Created);
        (await key.GetFromJsonAsync<Page<FocusAreaResponse>>("/api/work-plan/focus-areas?limit=200", Json))!.Items.Select(f => f.Code).ShouldBe(["egen"]);
    }
}
