using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Klima.Api.Features.Reports;
using Klima.Api.Features.WorkPlan;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Domain.Routing;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Features.Reports;

public sealed class StatusReportTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Model = "01000000-0000-0000-0000-000000000001";
    private const string H1 = "from=2023-01-01&to=2023-07-01";
    private const string Klimaalliancen = "a4020000-0000-0000-0000-000000000003";

    [Test]
    public async Task The_report_s_work_plan_section_is_exactly_what_the_work_plan_API_answers()
    {
        var report = await GetJsonAsync($"/api/reports/status?governanceModelId={Model}&{H1}");
        var api = await GetJsonAsync($"/api/work-plan/progress?governanceModelId={Model}&{H1}");
        JsonNode.DeepEquals(report["workPlan"], api).ShouldBeTrue();
        report["governanceModel"]!["code"]!.GetValue<string>().ShouldBe("nordjylland");
        report["from"]!.GetValue<string>().ShouldBe("2023-01-01");
        report["to"]!.GetValue<string>().ShouldBe("2023-07-01");
    }

    [Test]
    public async Task The_first_half_of_2023_shows_the_governance_meetings_as_due_and_GEN2040_phase_3_as_planned()
    {
        var report = await GetAsync<StatusReport>($"/api/reports/status?governanceModelId={Model}&{H1}");
        report.WorkPlan.Totals.MilestonesDueInPeriod.ShouldBeGreaterThanOrEqualTo(2);
        var initiatives = report.WorkPlan.FocusAreas.SelectMany(a => a.Initiatives).ToList();
        initiatives.ShouldContain(i => i.Code == "gen2040-fase-3" && i.Status == WorkStatus.Planned);
        initiatives.ShouldContain(i => i.Code == "klimaalliancen");
    }

    [Test]
    public async Task An_issued_report_keeps_its_numbers_after_the_data_changes_and_the_comparison_shows_the_change()
    {
        using var issued = await PostAsync("/api/reports", new { governanceModelId = Model, from = "2023-01-01", to = "2023-07-01" });
        await issued.ShouldHaveStatus(HttpStatusCode.Created);
        var first = await issued.ReadAsync<IssuedReportResponse>();
        first.IssuedBy.ShouldNotBeNullOrWhiteSpace();
        first.Title.ShouldContain("Klimaalliancen i Nordjylland");
        var before = await GetJsonAsync($"/api/reports/{first.Id}");
        var doneBefore = DoneTasks(before["report"]!);

        // The data changes after issue: a new task, done, in the period.
        using var created = await PostAsync("/api/work-plan/tasks", new { initiativeId = Klimaalliancen, title = "Afsluttet efter udstedelse", status = "done", completedOn = "2023-06-01" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);

        var live = await GetJsonAsync($"/api/reports/status?governanceModelId={Model}&{H1}");
        DoneTasks(live).ShouldBe(doneBefore + 1);
        var after = await GetJsonAsync($"/api/reports/{first.Id}");
        JsonNode.DeepEquals(after, before).ShouldBeTrue("an issued report must return the figures stored at issue");

        var againstLive = await GetAsync<CompareReports.ReportComparison>($"/api/reports/{first.Id}/comparison?with=live");
        againstLive.Changes.ShouldContain(c => c.Path == "workPlan/totals/tasksByStatus[done]/count" && c.Delta == 1);

        using var second = await PostAsync("/api/reports", new { governanceModelId = Model, from = "2023-01-01", to = "2023-07-01", title = "Anden udgave" });
        var secondReport = await second.ReadAsync<IssuedReportResponse>();
        var comparison = await GetAsync<CompareReports.ReportComparison>($"/api/reports/{first.Id}/comparison?with={secondReport.Id}");
        comparison.Changes.ShouldContain(c => c.Path == "workPlan/totals/tasks" && c.Delta == 1);
        comparison.UnchangedFigures.ShouldBeGreaterThan(0);

        var listed = await GetAsync<Klima.Api.Infrastructure.Http.Page<IssuedReportSummary>>($"/api/reports?governanceModelId={Model}");
        listed.Items.Select(r => r.Id).ShouldContain(first.Id);
        listed.Items.Select(r => r.Id).ShouldContain(secondReport.Id);
    }

    [Test]
    public async Task The_first_half_of_2023_shows_the_seed_case_s_decisions_in_KKR_Nordjylland_and_the_BRN_board()
    {
        var report = await GetAsync<StatusReport>($"/api/reports/status?governanceModelId={Model}&{H1}");
        var activity = report.Activity!;
        activity.Decisions.ShouldContain(d => d.BodyName == "KKR Nordjylland" && d.DecidedOn == new DateOnly(2023, 2, 10)
            && d.Outcome == Klima.Api.Domain.Routing.DecisionOutcome.Approved && d.CaseNumber == "KLIMA-2023-0001");
        activity.Decisions.ShouldContain(d => d.BodyName == "BRN-bestyrelsen" && d.DecidedOn == new DateOnly(2023, 2, 17)
            && d.Outcome == Klima.Api.Domain.Routing.DecisionOutcome.Approved);
        activity.MeetingsHeld.Select(m => m.Date).ShouldContain(new DateOnly(2023, 2, 10));
        activity.MeetingsHeld.Select(m => m.Date).ShouldContain(new DateOnly(2023, 2, 17));
        report.Notes.ShouldNotContain(n => n.Section == "activity");
    }

    [Test]
    public async Task Activity_figures_equal_what_the_case_and_meeting_API_answers()
    {
        var report = await GetAsync<StatusReport>($"/api/reports/status?governanceModelId={Model}&{H1}");
        var from = new DateOnly(2023, 1, 1);
        var to = new DateOnly(2023, 7, 1);

        // Every case of the model, as a client reads it: the list, then each case.
        var cases = new List<JsonNode>();
        string? next = "/api/cases?Limit=200";
        while (next is not null)
        {
            var page = await GetJsonAsync(next);
            foreach (var item in page["items"]!.AsArray())
            {
                var found = await GetJsonAsync($"/api/cases/{item!["id"]!.GetValue<string>()}");
                if (found["governanceModelId"]!.GetValue<string>() == Model) cases.Add(found);
            }
            next = page["next"]?.GetValue<string>();
        }
        var decisions = cases.SelectMany(c => c["route"]!["stages"]!.AsArray().SelectMany(s => s!["steps"]!.AsArray()))
            .Where(step => step!["decision"] is JsonObject)
            .Select(step => (Body: step!["bodyId"]!.GetValue<Guid>(), Date: DecisionDate(step["decision"]!)))
            .Where(d => d.Date >= from && d.Date < to).ToList();
        report.Activity!.Totals.Decisions.ShouldBe(decisions.Count);
        foreach (var body in report.Activity.Bodies)
        {
            body.Decisions.ShouldBe(decisions.Count(d => d.Body == body.Id), body.BodyName);
        }
        var opened = cases.Count(c => DateOnly.FromDateTime(c["createdAt"]!.GetValue<DateTimeOffset>().UtcDateTime) is var d && d >= from && d < to);
        report.Activity.Totals.CasesOpened.ShouldBe(opened);

        var meetings = await GetJsonAsync("/api/meetings?From=2023-01-01&To=2023-07-01&Limit=200");
        report.Activity.MeetingsHeld.Select(m => m.Id).ShouldBe(meetings["items"]!.AsArray().Select(m => m!["id"]!.GetValue<Guid>()), ignoreOrder: true);
    }

    [TestCase("2023-01-01", "2023-07-01")]
    [TestCase("2022-01-01", "2027-01-01")]
    public async Task Decisions_overdue_steps_and_bodies_are_listed_as_the_case_API_answers_them_in_the_report_s_order(string fromText, string toText)
    {
        var from = DateOnly.Parse(fromText, System.Globalization.CultureInfo.InvariantCulture);
        var to = DateOnly.Parse(toText, System.Globalization.CultureInfo.InvariantCulture);
        var activity = (await GetAsync<StatusReport>($"/api/reports/status?governanceModelId={Model}&from={fromText}&to={toText}")).Activity!;

        // Every case of the model as GET /api/cases/{id} answers it, in the order of their ids (the report's last tie-breaker).
        var cases = new List<JsonNode>();
        string? next = "/api/cases?Limit=200";
        while (next is not null)
        {
            var page = await GetJsonAsync(next);
            foreach (var item in page["items"]!.AsArray())
            {
                var found = await GetJsonAsync($"/api/cases/{item!["id"]!.GetValue<string>()}");
                if (found["governanceModelId"]!.GetValue<string>() == Model) cases.Add(found);
            }
            next = page["next"]?.GetValue<string>();
        }
        var steps = cases
            .OrderBy(c => c["id"]!.GetValue<string>(), StringComparer.Ordinal)
            .SelectMany(c => c["route"]!["stages"]!.AsArray().SelectMany(s => s!["steps"]!.AsArray()).Select(step => (Case: c, Step: step!)))
            .ToList();
        bool InPeriod(DateOnly d) => d >= from && d < to;
        DateOnly? Decided(JsonNode step) => step["decision"] is JsonObject d ? DecisionDate(d) : null;
        string Number(JsonNode c) => c["caseNumber"]!.GetValue<string>();

        var decisions = steps.Where(x => Decided(x.Step) is { } d && InPeriod(d))
            .OrderBy(x => Decided(x.Step)).ThenBy(x => Number(x.Case), StringComparer.Ordinal)
            .ThenBy(x => x.Step["stageOrdinal"]!.GetValue<int>()).ThenBy(x => x.Step["ordinal"]!.GetValue<int>())
            .Select(x => (x.Step["id"]!.GetValue<Guid>(), Decided(x.Step)!.Value, x.Step["decision"]!["outcome"]!.GetValue<string>()))
            .ToList();
        activity.Decisions.Select(d => (d.Id, d.DecidedOn, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(d.Outcome.ToString()))).ShouldBe(decisions);
        if (from.Year == 2023) decisions.ShouldNotBeEmpty();

        var overdue = steps
            .Where(x => x.Step["deadline"] is JsonValue deadline && DateOnly.Parse(deadline.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) < to
                        && !(x.Step["decision"] is JsonObject d && d["outcome"]!.GetValue<string>() != "postponed" && DecisionDate(d) < to))
            .OrderBy(x => x.Step["deadline"]!.GetValue<string>(), StringComparer.Ordinal).ThenBy(x => Number(x.Case), StringComparer.Ordinal)
            .Select(x => x.Step["id"]!.GetValue<Guid>())
            .ToList();
        activity.OverdueSteps.Select(o => o.Id).ShouldBe(overdue);
        activity.Totals.OverdueStepsAtEnd.ShouldBe(overdue.Count);

        var opened = cases.Where(c => InPeriod(Klima.Api.Domain.CalendarDay.Of(c["createdAt"]!.GetValue<DateTimeOffset>()))).ToList();
        var treated = steps.Where(x => (x.Step["meetingDate"] is JsonValue m && InPeriod(DateOnly.Parse(m.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)))
                                       || (Decided(x.Step) is { } d && InPeriod(d))).ToList();
        activity.Totals.CasesOpened.ShouldBe(opened.Count);
        activity.Totals.StepsTreated.ShouldBe(treated.Count);
        var bodies = steps.Select(x => x.Step["bodyId"]!.GetValue<Guid>()).Distinct()
            .Select(id => (Id: id,
                Opened: opened.Count(c => c["route"]!["stages"]!.AsArray().SelectMany(s => s!["steps"]!.AsArray()).Any(s => s!["bodyId"]!.GetValue<Guid>() == id)),
                Treated: treated.Count(x => x.Step["bodyId"]!.GetValue<Guid>() == id),
                Decisions: steps.Count(x => x.Step["bodyId"]!.GetValue<Guid>() == id && Decided(x.Step) is { } d && InPeriod(d))))
            .Where(b => b.Opened + b.Treated + b.Decisions > 0)
            .ToList();
        activity.Bodies.Select(b => (b.Id, b.CasesOpened, b.StepsTreated, b.Decisions)).ShouldBe(bodies.Select(b => (b.Id, b.Opened, b.Treated, b.Decisions)), ignoreOrder: true);
        activity.Bodies.Select(b => (-b.Decisions, -b.StepsTreated)).ShouldBeInOrder();
    }

    private static DateOnly DecisionDate(JsonNode decision) =>
        decision["decidedOn"] is JsonValue on
            ? DateOnly.Parse(on.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            : Klima.Api.Domain.CalendarDay.Of(decision["recordedAt"]!.GetValue<DateTimeOffset>());

    [Test]
    public async Task Economy_figures_equal_the_financing_API_s_rollup_and_programmes()
    {
        var report = await GetAsync<StatusReport>($"/api/reports/status?governanceModelId={Model}&{H1}");
        var economy = report.Economy!;

        var rows = new List<JsonNode>();
        string? next = "/api/financing/rollups?AsOf=2023-06-30&GroupBy=programme,period,payer&Limit=200";
        while (next is not null)
        {
            var page = await GetJsonAsync(next);
            rows.AddRange(page["items"]!.AsArray().Select(r => r!));
            next = page["next"]?.GetValue<string>();
        }
        var programmes = economy.Programmes!.Select(p => p.Id).ToHashSet();
        var overlapping = rows.Where(r => r["programmeId"] is JsonValue id && programmes.Contains(id.GetValue<Guid>()))
            .Where(r => r["period"] is not JsonObject period
                || (DateOnly.Parse(period["from"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) < new DateOnly(2023, 7, 1)
                    && (period["to"] is not JsonValue end || DateOnly.Parse(end.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > new DateOnly(2023, 1, 1))))
            .ToList();
        economy.BudgetTotals!.Budget.ShouldBe(overlapping.Sum(r => r["budget"]!["amount"]!.GetValue<decimal>()));
        economy.BudgetTotals.Actual.ShouldBe(overlapping.Sum(r => r["actual"]!["amount"]!.GetValue<decimal>()));
        economy.Budget!.Count.ShouldBe(overlapping.Count);

        foreach (var programme in economy.Programmes!)
        {
            var detail = await GetJsonAsync($"/api/financing/programmes/{programme.Id}");
            programme.Committed.ShouldBe(detail["committed"]!["amount"]!.GetValue<decimal>(), programme.Code);
            programme.GrantsReserved.ShouldBe(detail["grants"]!["reserved"]!["amount"]!.GetValue<decimal>(), programme.Code);
        }
        // The seeds' figures: DK2020 4.0 million in 2½ years; GEN2040 4.6 million since 2019; 900,000 (phase 2) and 860,000 reserved (phase 3).
        economy.Programmes!.Single(p => p.Code == "dk2020-secretariat").Committed.ShouldBe(4_000_000m);
        economy.Programmes!.Single(p => p.Code == "gen2040").Committed.ShouldBe(4_600_000m);
        economy.Grants!.Select(g => g.Amount).ShouldContain(900_000m);
        economy.Grants!.ShouldContain(g => g.Amount == 860_000m && g.State == Klima.Api.Domain.Financing.GrantState.Reserved);
    }

    [Test]
    public async Task Staffing_in_the_report_adds_up_to_what_the_staff_register_answers()
    {
        const string secretariat = "Det Fælles Klimasekretariat";
        var secondHalf = await GetAsync<StatusReport>($"/api/reports/status?governanceModelId={Model}&from=2023-07-01&to=2024-01-01");
        var register = await GetAsync<Klima.Api.Infrastructure.Http.Page<Klima.Api.Features.Staff.StaffPositionResponse>>(
            "/api/staff-positions?AsOf=2023-07-01&Limit=200");
        secondHalf.Economy!.Staffing.FteInPeriod.ShouldBe(register.Items.Sum(p => p.Fte));
        secondHalf.Economy.Staffing.Positions.Where(p => p.BodyName == secretariat).Sum(p => p.Fte)
            .ShouldBe(3.00m, "the seeds give the joint secretariat 3 full-time staff");
        // KL's two extra staff for the geographic organisations (national partnership, from Klimaalliancen's start in 2023).
        secondHalf.Economy.Staffing.Positions.Where(p => p.EmployerName == "KL (Kommunernes Landsforening)").Sum(p => p.Fte).ShouldBe(2.00m);

        // Before the secretariat starts (1 July 2023), its positions are reported as decided for after the period.
        var firstHalf = await GetAsync<StatusReport>($"/api/reports/status?governanceModelId={Model}&{H1}");
        var secretariatRegister = await GetAsync<Klima.Api.Infrastructure.Http.Page<Klima.Api.Features.Staff.StaffPositionResponse>>(
            "/api/staff-positions?AsOf=2023-07-01&BodyId=20000000-0000-0000-0000-000000000007&Limit=200");
        firstHalf.Economy!.Staffing.FteInPeriod.ShouldBe(2.00m, "only KL's two staff are in place in the first half of 2023");
        firstHalf.Economy.Staffing.FteAfterPeriod.ShouldBe(secretariatRegister.Items.Sum(p => p.Fte));
        firstHalf.Economy.Staffing.Positions.Where(p => p.BodyName == secretariat).ShouldAllBe(p => p.Timing == PeriodTiming.AfterPeriod);
    }

    [Test]
    public async Task The_database_refuses_to_rewrite_an_issued_report()
    {
        using var issued = await PostAsync("/api/reports", new { governanceModelId = Model, from = "2023-01-01", to = "2023-07-01" });
        var report = await issued.ReadAsync<IssuedReportResponse>();
        var db = Factory.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await Should.ThrowAsync<System.Data.Common.DbException>(() =>
            connection.ExecuteAsync("UPDATE report_issue SET content = '{}' WHERE id = @Id", new { report.Id }));
    }

    [Test]
    public async Task The_printable_page_is_self_contained_html_in_Danish_with_English_beside_it()
    {
        using var response = await Client.GetAsync($"/api/reports/status/html?governanceModelId={Model}&{H1}");
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        response.MediaType()!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Vidensdeling og Governance");
        html.ShouldContain("Work plan");
        html.ShouldContain("1. januar 2023 – 30. juni 2023");
        html.ShouldContain("<svg");
        html.ShouldNotContain("<script");
        html.ShouldNotContain("http://");
    }

    [Test]
    public async Task The_PDF_is_printed_by_headless_chromium_when_it_is_installed()
    {
        if (!File.Exists(ChromiumPdfPrinter.DefaultPath))
        {
            Assert.Ignore("Debian's chromium is not installed here; the 503 answer is tested separately.");
        }
        using var response = await Client.GetAsync($"/api/reports/status/pdf?governanceModelId={Model}&{H1}");
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        response.MediaType()!.MediaType.ShouldBe("application/pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
    }

    [Test]
    public async Task A_period_that_ends_before_it_starts_is_a_validation_problem()
    {
        using var response = await Client.GetAsync($"/api/reports/status?governanceModelId={Model}&from=2023-07-01&to=2023-01-01");
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["errors"]!["to"].ShouldNotBeNull();
        using var unknown = await Client.GetAsync($"/api/reports/status?governanceModelId={Guid.NewGuid()}&{H1}");
        await unknown.ShouldHaveStatus(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Readers_read_reports_but_only_governance_writers_issue_them()
    {
        using var reader = CreateClient(Roles.Reader);
        using var read = await reader.GetAsync($"/api/reports/status?governanceModelId={Model}&{H1}");
        await read.ShouldHaveStatus(HttpStatusCode.OK);
        using var issue = await reader.PostAsJsonAsync("/api/reports", new { governanceModelId = Model, from = "2023-01-01", to = "2023-07-01" }, Json);
        await issue.ShouldHaveStatus(HttpStatusCode.Forbidden);
        using var secretariat = CreateClient(Roles.Secretariat);
        using var issued = await secretariat.PostAsJsonAsync("/api/reports", new { governanceModelId = Model, from = "2023-01-01", to = "2023-07-01" }, Json);
        await issued.ShouldHaveStatus(HttpStatusCode.Created);
    }

    private static int DoneTasks(JsonNode report) =>
        report["workPlan"]!["totals"]!["tasksByStatus"]!.AsArray().Single(s => s!["status"]!.GetValue<string>() == "done")!["count"]!.GetValue<int>();

    [Test]
    public async Task A_case_and_a_decision_recorded_at_half_past_midnight_Danish_time_count_on_that_Danish_day()
    {
        // 23:30 UTC on 31 December 2025 is 00:30 on 1 January 2026 in Denmark: the case is opened and decided in 2026
        // (the opening was counted on the UTC day before).
        var clock = new FixedClock(new DateTimeOffset(2025, 12, 31, 23, 30, 0, TimeSpan.Zero));
        await using var factory = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.RoleHeader, Roles.Administrator);
        const string NewYearsDay = "from=2026-01-01&to=2026-01-02";
        const string NewYearsEve = "from=2025-12-31&to=2026-01-01";
        async Task<ActivitySection> Activity(string period) =>
            (await client.GetFromJsonAsync<StatusReport>($"/api/reports/status?governanceModelId={Model}&{period}", Json))!.Activity!;
        var dayBefore = await Activity(NewYearsDay);
        var eveBefore = await Activity(NewYearsEve);

        var found = await client.CompleteStagesBeforeAsync(await client.CreateCaseAsync(Seed.NewCase("joint", title: "Nytårssag")), 4);
        var board = found.Steps().Single(s => s.BodyId == Seed.BrnBoard);
        await client.DecideAsync(found, board.Id, DecisionOutcome.Approved, "Godkendt.");

        var day = await Activity(NewYearsDay);
        var eve = await Activity(NewYearsEve);
        day.Totals.CasesOpened.ShouldBe(dayBefore.Totals.CasesOpened + 1);
        eve.Totals.CasesOpened.ShouldBe(eveBefore.Totals.CasesOpened);
        var decision = day.Decisions.Single(d => d.Id == board.Id);
        decision.DecidedOn.ShouldBe(new DateOnly(2026, 1, 1));
        eve.Decisions.ShouldNotContain(d => d.Id == board.Id);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>Without chromium the PDF endpoints answer 503 with a problem detail that says what to install.</summary>
public sealed class StatusReportWithoutChromiumTests(DatabaseLane lane) : ApiTest(lane)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Reports:ChromiumPath"] = "/nonexistent/chromium" };

    [Test]
    public async Task The_PDF_endpoint_answers_503_with_a_clear_problem_detail()
    {
        using var response = await Client.GetAsync("/api/reports/status/pdf?governanceModelId=01000000-0000-0000-0000-000000000001&from=2023-01-01&to=2023-07-01");
        await response.ShouldHaveStatus(HttpStatusCode.ServiceUnavailable);
        response.MediaType()!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.ReadJsonAsync();
        problem["detail"]!.GetValue<string>().ShouldContain("chromium");
    }

}
