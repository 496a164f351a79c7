using System.Net;
using System.Text.Json.Nodes;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Actuals;
using Klima.Api.Features.Financing.Budgets;
using Klima.Api.Features.Financing.Programmes;
using Klima.Api.Features.Financing.Reports;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Features.Financing.Staffing;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Financing;

public sealed class BudgetsTests(DatabaseLane lane) : ApiTest(lane)
{
    private static object Line(string period, decimal amount, string payer = Seeded.Brn, string costType = "salaries", bool isAdjustment = false) =>
        new { period, costType, payerId = payer, amount = new { amount, currency = "DKK" }, isAdjustment, note = (string?)null };

    private async Task<ProgrammeResponse> CreateProgrammeAsync(string code, string from = "2024-01-01", string to = "2026-01-01")
    {
        using var response = await PostAsync("/api/financing/programmes", new { governanceModelId = Seeded.Model, code, name = code, validFrom = from, validTo = to });
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        return await response.ReadAsync<ProgrammeResponse>();
    }

    private async Task<BudgetResponse> CreateBudgetAsync(Guid programmeId, string code, params object[] lines)
    {
        using var response = await PostAsync("/api/financing/budgets", new { programmeId, code, name = code, lines });
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        return await response.ReadAsync<BudgetResponse>();
    }

    private async Task<BudgetVersionResponse> ApproveAsync(Guid budgetId, int number, string effectiveFrom, string decisionRef = "TEST, BRN-bestyrelsen")
    {
        using var current = await Client.GetAsync($"/api/financing/budgets/{budgetId}/versions/{number}");
        await current.ShouldHaveStatus(HttpStatusCode.OK);
        using var approved = await SendAsync(HttpMethod.Post, $"/api/financing/budgets/{budgetId}/versions/{number}/approve",
            new { decisionRef, approvedOn = effectiveFrom, effectiveFrom }, current.ETag());
        await approved.ShouldHaveStatus(HttpStatusCode.OK);
        return await approved.ReadAsync<BudgetVersionResponse>();
    }

    [Test]
    public async Task A_revision_cannot_take_effect_before_the_version_it_revises()
    {
        var programme = await CreateProgrammeAsync("revision-order");
        var budget = await CreateBudgetAsync(programme.Id, "revision-order", Line("2024", 100_000m), Line("2025", 100_000m));
        await ApproveAsync(budget.Id, 1, "2024-07-01");
        using var draft = await PostAsync($"/api/financing/budgets/{budget.Id}/versions", new { copyFromVersion = 1, note = "Revision" });
        await draft.ShouldHaveStatus(HttpStatusCode.Created);
        var v2 = await draft.ReadAsync<BudgetVersionResponse>();

        using var current = await Client.GetAsync($"/api/financing/budgets/{budget.Id}/versions/{v2.Number}");
        using var early = await SendAsync(HttpMethod.Post, $"/api/financing/budgets/{budget.Id}/versions/{v2.Number}/approve",
            new { decisionRef = "BRN-bestyrelsen 2024-05-01", approvedOn = "2024-05-01", effectiveFrom = "2024-01-01" }, current.ETag());
        await early.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        var problem = await early.ReadJsonAsync();
        problem["rule"]!.GetValue<string>().ShouldBe("budget-revision-effective-order");
        problem["errors"]!["effectiveFrom"].ShouldNotBeNull();
        problem["detail"]!.GetValue<string>().ShouldContain("in force from 1 Jul 2024");

        var revised = await ApproveAsync(budget.Id, v2.Number, "2024-07-01");
        revised.Status.ShouldBe(BudgetVersionStatus.Revised);
        (await GetAsync<BudgetVersionResponse>($"/api/financing/budgets/{budget.Id}/in-force?asOf=2024-08-01")).Number.ShouldBe(v2.Number);
    }

    [Test]
    public async Task As_of_a_past_date_returns_the_version_then_in_force()
    {
        // Revise the secretariat's seeded budget from 2025: version 2 cuts the 2025-2026 half-years.
        using var draft = await PostAsync($"/api/financing/budgets/{Seeded.SecretariatBudget}/versions", new { copyFromVersion = 1, note = "Revision" });
        await draft.ShouldHaveStatus(HttpStatusCode.Created);
        var v2 = await draft.ReadAsync<BudgetVersionResponse>();
        v2.Number.ShouldBe(2);
        v2.Status.ShouldBe(BudgetVersionStatus.Draft);
        v2.Total.Amount.ShouldBe(4_800_000.00m);

        // A draft is never in force.
        (await GetAsync<BudgetVersionResponse>($"/api/financing/budgets/{Seeded.SecretariatBudget}/in-force?asOf=2030-01-01")).Number.ShouldBe(1);

        using var replaced = await PostAsync($"/api/financing/budgets/{Seeded.SecretariatBudget}/versions", new
        {
            note = "Revision 2025",
            lines = new[] { Line("2023-H2", 800_000m, costType: "other"), Line("2024", 1_600_000m, costType: "other"), Line("2025", 1_500_000m, costType: "other"), Line("2026-H1", 750_000m, costType: "other") },
        });
        await replaced.ShouldHaveStatus(HttpStatusCode.Created);
        var v3 = await replaced.ReadAsync<BudgetVersionResponse>();
        var approved = await ApproveAsync(Guid.Parse(Seeded.SecretariatBudget), v3.Number, "2025-01-01");
        approved.Status.ShouldBe(BudgetVersionStatus.Revised);

        var past = await GetAsync<BudgetVersionResponse>($"/api/financing/budgets/{Seeded.SecretariatBudget}/in-force?asOf=2024-06-30");
        past.Number.ShouldBe(1);
        past.Total.Amount.ShouldBe(4_800_000.00m);
        var now = await GetAsync<BudgetVersionResponse>($"/api/financing/budgets/{Seeded.SecretariatBudget}/in-force?asOf=2025-01-01");
        now.Number.ShouldBe(3);
        now.Total.Amount.ShouldBe(4_650_000.00m);
        using var before = await Client.GetAsync($"/api/financing/budgets/{Seeded.SecretariatBudget}/in-force?asOf=2023-01-01");
        await before.ShouldHaveStatus(HttpStatusCode.NotFound);

        var rollupPast = await GetAsync<RollupResponse>($"/api/financing/rollups?programmeId={Seeded.Secretariat}&groupBy=payer&asOf=2024-06-30");
        rollupPast.Totals.Budget.Amount.ShouldBe(4_800_000.00m);
        rollupPast.Versions.ShouldHaveSingleItem().Number.ShouldBe(1);
        var rollupNow = await GetAsync<RollupResponse>($"/api/financing/rollups?programmeId={Seeded.Secretariat}&groupBy=payer&asOf=2025-06-30");
        rollupNow.Totals.Budget.Amount.ShouldBe(4_650_000.00m);

        var budget = await GetAsync<BudgetResponse>($"/api/financing/budgets/{Seeded.SecretariatBudget}");
        budget.Versions.Select(v => (v.Number, v.Status)).ShouldBe([(1, BudgetVersionStatus.Approved), (2, BudgetVersionStatus.Draft), (3, BudgetVersionStatus.Revised)]);
    }

    [Test]
    public async Task Lines_outside_the_programme_negative_amounts_without_adjustment_and_bad_amounts_are_refused_field_by_field()
    {
        var programme = await CreateProgrammeAsync("validation-test");
        using var shape = await PostAsync("/api/financing/budgets", new
        {
            programmeId = programme.Id, code = "validation-shape", name = "x",
            lines = new object[]
            {
                Line("2024-Q1", 1m),
                Line("2024", -1m),
                new { period = "2024", costType = "salaries", payerId = Seeded.Brn, amount = new { amount = 1.001m, currency = "DKK" }, isAdjustment = false },
                new { period = "2024", costType = "salaries", payerId = Seeded.Brn, amount = new { amount = 1m, currency = "SEK" }, isAdjustment = false },
                Line("2024", -1m, isAdjustment: true),
            },
        });
        await shape.ShouldHaveStatus(HttpStatusCode.BadRequest);
        var errors = (await shape.ReadJsonAsync())["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["lines[0].period", "lines[1].amount.amount", "lines[2].amount.amount", "lines[3].amount.currency"], ignoreOrder: true);
        errors["lines[1].amount.amount"]![0]!.GetValue<string>().ShouldContain("adjustment");

        using var outside = await PostAsync("/api/financing/budgets", new
        {
            programmeId = programme.Id, code = "validation-outside", name = "x",
            lines = new[] { Line("2024", 1m), Line("2023-H2", 1m), Line("2026", 1m), Line("2025", 1m) },
        });
        await outside.ShouldHaveStatus(HttpStatusCode.BadRequest);
        var outsideErrors = (await outside.ReadJsonAsync())["errors"]!.AsObject();
        outsideErrors.Select(e => e.Key).ShouldBe(["lines[1].period", "lines[2].period"], ignoreOrder: true);
        outsideErrors["lines[1].period"]![0]!.GetValue<string>().ShouldContain("outside the programme");

        // A payer that does not exist is a dangling reference: 422 with the line's field named, like every area.
        using var unknownPayer = await PostAsync("/api/financing/budgets", new
        {
            programmeId = programme.Id, code = "validation-payer", name = "x",
            lines = new[] { Line("2024", 1m), Line("2025", 1m, payer: Guid.NewGuid().ToString()) },
        });
        await unknownPayer.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        var payerProblem = await unknownPayer.ReadJsonAsync();
        payerProblem["rule"]!.GetValue<string>().ShouldBe("reference-exists");
        payerProblem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["lines[1].payerId"]);
    }

    [Test]
    public async Task A_budget_starts_as_a_draft_and_only_a_draft_can_be_approved()
    {
        var programme = await CreateProgrammeAsync("approval-test");
        var budget = await CreateBudgetAsync(programme.Id, "approval-test", Line("2024", 100_000m), Line("2025", 100_000m));
        budget.Versions.ShouldHaveSingleItem().Status.ShouldBe(BudgetVersionStatus.Draft);
        using var none = await Client.GetAsync($"/api/financing/budgets/{budget.Id}/in-force?asOf=2024-06-01");
        await none.ShouldHaveStatus(HttpStatusCode.NotFound);

        using var noDecision = await SendAsync(HttpMethod.Post, $"/api/financing/budgets/{budget.Id}/versions/1/approve",
            new { decisionRef = "", approvedOn = "2024-01-01", effectiveFrom = "2024-01-01" }, "\"1\"");
        await noDecision.ShouldHaveStatus(HttpStatusCode.BadRequest);

        var approved = await ApproveAsync(budget.Id, 1, "2024-01-01");
        approved.Status.ShouldBe(BudgetVersionStatus.Approved);
        approved.DecisionRef.ShouldBe("TEST, BRN-bestyrelsen");
        using var again = await SendAsync(HttpMethod.Post, $"/api/financing/budgets/{budget.Id}/versions/1/approve",
            new { decisionRef = "X", approvedOn = "2024-01-01", effectiveFrom = "2024-01-01" }, $"\"{approved.Version}\"");
        await again.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        using var stale = await SendAsync(HttpMethod.Post, $"/api/financing/budgets/{budget.Id}/versions/1/approve",
            new { decisionRef = "X", approvedOn = "2024-01-01", effectiveFrom = "2024-01-01" }, "\"1\"");
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);
    }

    [Test]
    public async Task Utilisation_of_799_999_99_of_800_000_kroner_is_not_reported_as_100_percent()
    {
        var programme = await CreateProgrammeAsync("utilisation-test");
        var budget = await CreateBudgetAsync(programme.Id, "utilisation-test", Line("2024", 800_000m));
        await ApproveAsync(budget.Id, 1, "2024-01-01");
        using var spent = await PostAsync("/api/financing/actuals", new
        {
            budgetId = budget.Id, period = "2024", costType = "salaries", payerId = Seeded.Brn, amount = new { amount = 799_999.99m, currency = "DKK" },
            isAdjustment = false, bookedOn = "2024-12-31", reference = "bilag 2",
        });
        await spent.ShouldHaveStatus(HttpStatusCode.Created);

        var report = await GetAsync<RollupResponse>($"/api/financing/budget-vs-actual?programmeId={programme.Id}&asOf=2024-12-31");
        report.Items.Single().UtilisationBasisPoints.ShouldBe(9999);
    }

    [Test]
    public async Task Actuals_compare_with_the_budget_per_programme_and_payer_and_corrections_are_explicit_adjustments()
    {
        var programme = await CreateProgrammeAsync("actuals-test");
        var budget = await CreateBudgetAsync(programme.Id, "actuals-test",
            Line("2024-H1", 300_000m), Line("2024-H1", 100_000m, costType: "operations"), Line("2024-H1", 200_000m, payer: Seeded.Region));
        await ApproveAsync(budget.Id, 1, "2024-01-01");

        object Actual(decimal amount, bool isAdjustment = false, string period = "2024-H1", string bookedOn = "2024-05-31") =>
            new { budgetId = budget.Id, period, costType = "salaries", payerId = Seeded.Brn, amount = new { amount, currency = "DKK" }, isAdjustment, bookedOn, reference = "bilag 1" };

        using var spent = await PostAsync("/api/financing/actuals", Actual(250_000.50m));
        await spent.ShouldHaveStatus(HttpStatusCode.Created);
        using var negative = await PostAsync("/api/financing/actuals", Actual(-0.50m));
        await negative.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await negative.ReadJsonAsync())["errors"]!["amount.amount"].ShouldNotBeNull();
        using var correction = await PostAsync("/api/financing/actuals", Actual(-0.50m, isAdjustment: true));
        await correction.ShouldHaveStatus(HttpStatusCode.Created);
        using var outside = await PostAsync("/api/financing/actuals", Actual(1m, period: "2027"));
        await outside.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await outside.ReadJsonAsync())["errors"]!["period"].ShouldNotBeNull();
        using var later = await PostAsync("/api/financing/actuals", Actual(10_000m, bookedOn: "2024-09-01"));
        await later.ShouldHaveStatus(HttpStatusCode.Created);

        var report = await GetAsync<RollupResponse>($"/api/financing/budget-vs-actual?programmeId={programme.Id}&asOf=2024-06-30");
        var brn = report.Items.Single(r => r.PayerCode == "brn");
        brn.Budget.Amount.ShouldBe(400_000.00m);
        brn.Actual.Amount.ShouldBe(250_000.00m);
        brn.Variance.Amount.ShouldBe(150_000.00m);
        brn.UtilisationBasisPoints.ShouldBe(6250);
        var region = report.Items.Single(r => r.PayerCode == "region");
        region.Actual.Amount.ShouldBe(0.00m);
        region.Variance.Amount.ShouldBe(200_000.00m);

        var laterReport = await GetAsync<RollupResponse>($"/api/financing/budget-vs-actual?programmeId={programme.Id}&asOf=2024-12-31");
        laterReport.Items.Single(r => r.PayerCode == "brn").Actual.Amount.ShouldBe(260_000.00m);

        var byCostType = await GetAsync<RollupResponse>($"/api/financing/rollups?programmeId={programme.Id}&groupBy=costType&asOf=2024-06-30");
        byCostType.Items.Select(r => (r.CostType, r.Budget.Amount, r.Actual.Amount))
            .ShouldBe([(CostType.Operations, 100_000.00m, 0.00m), (CostType.Salaries, 500_000.00m, 250_000.00m)]);
        byCostType.Items.ShouldAllBe(r => r.ProgrammeId == null && r.PayerId == null && r.Period == null);

        var listed = await GetAsync<Page<ActualResponse>>($"/api/financing/actuals?budgetId={budget.Id}");
        listed.Items.Count.ShouldBe(3);
        listed.Items.Count(a => a.IsAdjustment).ShouldBe(1);
    }

    [Test]
    public async Task Phases_must_lie_inside_their_programme_and_codes_are_unique()
    {
        var parent = await CreateProgrammeAsync("phase-parent");
        using var outside = await PostAsync("/api/financing/programmes", new
        {
            governanceModelId = Seeded.Model, parentProgrammeId = parent.Id, code = "phase-outside", name = "x", validFrom = "2023-01-01", validTo = "2024-06-01",
        });
        await outside.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await outside.ReadJsonAsync())["errors"]!["validFrom"].ShouldNotBeNull();
        using var backwards = await PostAsync("/api/financing/programmes", new { governanceModelId = Seeded.Model, code = "backwards", name = "x", validFrom = "2024-01-01", validTo = "2023-01-01" });
        await backwards.ShouldHaveStatus(HttpStatusCode.BadRequest);
        using var duplicate = await PostAsync("/api/financing/programmes", new { governanceModelId = Seeded.Model, code = "phase-parent", name = "x" });
        await duplicate.ShouldHaveStatus(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task A_position_s_cost_note_is_set_with_its_cost_and_a_blank_note_is_stored_as_none()
    {
        var position = (await GetAsync<Page<FundedPositionResponse>>($"/api/financing/staffing?programmeId={Seeded.Secretariat}")).Items[2];
        using var noted = await SendAsync(HttpMethod.Put, $"/api/financing/staffing/{position.Id}/funding",
            new { fundingProgrammeId = position.FundingProgrammeId, annualCost = new { amount = 812_000.00m, currency = "DKK" }, annualCostNote = "  Lønaftale 2026.  " },
            $"\"{position.Version}\"");
        await noted.ShouldHaveStatus(HttpStatusCode.OK);
        var saved = await noted.ReadAsync<FundedPositionResponse>();
        saved.AnnualCostNote.ShouldBe("Lønaftale 2026.");
        using var tooLong = await SendAsync(HttpMethod.Put, $"/api/financing/staffing/{position.Id}/funding",
            new { fundingProgrammeId = position.FundingProgrammeId, annualCostNote = new string('x', 401) }, $"\"{saved.Version}\"");
        await tooLong.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await tooLong.ReadJsonAsync())["errors"]!["annualCostNote"].ShouldNotBeNull();
        using var blank = await SendAsync(HttpMethod.Put, $"/api/financing/staffing/{position.Id}/funding",
            new { fundingProgrammeId = position.FundingProgrammeId, annualCostNote = " " }, $"\"{saved.Version}\"");
        await blank.ShouldHaveStatus(HttpStatusCode.OK);
        (await blank.ReadAsync<FundedPositionResponse>()).AnnualCostNote.ShouldBeNull();
    }

    [Test]
    public async Task A_position_s_funding_programme_and_annual_cost_are_set_with_If_Match()
    {
        var page = await GetAsync<Page<FundedPositionResponse>>($"/api/financing/staffing?programmeId={Seeded.Secretariat}");
        var position = page.Items[0];
        position.AnnualCost.ShouldBe(new MoneyAmount(800_000.00m, "DKK"));
        using var noIfMatch = await SendAsync(HttpMethod.Put, $"/api/financing/staffing/{position.Id}/funding", new { fundingProgrammeId = Seeded.Gen2040Phase3, annualCost = new { amount = 600_000.00m, currency = "DKK" } });
        await noIfMatch.ShouldHaveStatus(HttpStatusCode.PreconditionRequired);
        using var updated = await SendAsync(HttpMethod.Put, $"/api/financing/staffing/{position.Id}/funding",
            new { fundingProgrammeId = Seeded.Gen2040Phase3, annualCost = new { amount = 600_000.00m, currency = "DKK" } }, $"\"{position.Version}\"");
        await updated.ShouldHaveStatus(HttpStatusCode.OK);
        var funded = await updated.ReadAsync<FundedPositionResponse>();
        funded.FundingProgrammeCode.ShouldBe("gen2040-phase3");
        funded.AnnualCost.ShouldBe(new MoneyAmount(600_000.00m, "DKK"));
        using var stale = await SendAsync(HttpMethod.Put, $"/api/financing/staffing/{position.Id}/funding", new { fundingProgrammeId = (Guid?)null, annualCost = (object?)null }, $"\"{position.Version}\"");
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);
    }

    [Test]
    public async Task The_in_force_read_has_an_ETag_per_answer_and_answers_304_while_it_holds()
    {
        using var first = await Client.GetAsync($"/api/financing/budgets/{Seeded.Dk2020Budget}/in-force?asOf=2022-01-01");
        await first.ShouldHaveStatus(HttpStatusCode.OK);
        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/financing/budgets/{Seeded.Dk2020Budget}/in-force?asOf=2022-01-01");
        again.Headers.TryAddWithoutValidation("If-None-Match", first.ETag());
        using var notModified = await Client.SendAsync(again);
        notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        using var other = await Client.GetAsync($"/api/financing/budgets/{Seeded.SecretariatBudget}/in-force?asOf=2024-01-01");
        other.ETag().ShouldNotBe(first.ETag());
    }

    [Test]
    public async Task A_programme_needs_an_existing_governance_model()
    {
        using var response = await PostAsync("/api/financing/programmes", new { governanceModelId = Guid.NewGuid(), code = "orphan", name = "x" });
        await response.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await response.ReadJsonAsync())["errors"]!["governanceModelId"].ShouldNotBeNull();
    }

    [Test]
    public async Task Unknown_json_properties_in_a_budget_are_rejected()
    {
        using var response = await PostAsync("/api/financing/budgets", new JsonObject { ["programmeId"] = Seeded.Dk2020, ["code"] = "x", ["name"] = "x", ["lines"] = new JsonArray(), ["colour"] = "green" });
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
    }
}
