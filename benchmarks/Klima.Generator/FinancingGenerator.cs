using Klima.Api.Features.Financing.Budgets;
using Klima.Api.Features.Financing.Programmes;
using Klima.Api.Features.Financing.Shared;

namespace Klima.Generator;

/// <summary>
/// Financing over ten years (2017-2026): per model a payer for every member party and one for "the municipalities
/// jointly" (the same rows the seed writes; the API has no command for payers), 10 programmes (CreateProgramme), and
/// per programme one budget a year (CreateBudget with its 2,000 lines, then ApproveBudgetVersion), so that every one
/// of the 1,000,000 budget lines is in a version in force and a rollup of everything sums all of them. A tenth as many
/// actuals are booked with RecordActual's INSERT, batched.
/// </summary>
internal static class FinancingGenerator
{
    private const int ProgrammesPerModel = 10;
    private static readonly string[] Items = ["Projektleder", "Klimakonsulent", "Analyser", "Borgerinddragelse", "Kommunikation", "Rejser og møder", "Ekstern rådgivning"];

    public static void Register() => Parts.All.Add(RunAsync);

    private static async Task RunAsync(GenerationContext context, Manifest manifest)
    {
        if (!await context.HasTableAsync("budget_line"))
        {
            Console.Error.WriteLine("  financing: skipped (no budget_line table: the financing feature is not in this build)");
            return;
        }
        var governance = GenerationState.Governance!;
        var generated = await context.QueryAsync<Guid>("SELECT id FROM funding_programme WHERE code = @Code", new { Code = $"{governance.Models[0].Code}-klima-01" });
        if (generated.Count > 0)
        {
            // Extending a file generated before a later migration: the programmes, budgets and actuals are there already.
            Console.Error.WriteLine("  financing: already generated");
            SetSamples(manifest, generated[0], (await context.QueryAsync<Guid>("SELECT id FROM budget ORDER BY created_at DESC, id DESC LIMIT 1"))[0]);
            return;
        }
        var dice = context.Dice;
        var stamp = new DateTimeOffset(2017, 1, 2, 9, 0, 0, TimeSpan.Zero);
        context.Clock.Now = stamp;

        // Payers: one per member party, one group payer for the municipalities jointly.
        var payers = new Dictionary<Guid, List<Guid>>();
        // The seed's codes (municipality-851, region, municipalities-jointly): North Jutland's seeded payers are reused.
        var existing = (await context.QueryAsync<(Guid Model, string Code, Guid Id)>("SELECT governance_model_id, code, id FROM funding_payer"))
            .ToDictionary(p => (p.Model, p.Code), p => p.Id);
        var payerRows = new List<object>();
        var memberRows = new List<object>();
        foreach (var model in governance.Models)
        {
            var list = payers[model.Id] = [];
            Guid Payer(string code, string name, Guid? organisation, string? note)
            {
                if (existing.TryGetValue((model.Id, code), out var id))
                {
                    return id;
                }
                id = dice.Id(stamp);
                payerRows.Add(new { Id = id, GovernanceModelId = model.Id, Code = code, Name = name, OrganisationId = organisation, Note = note, Version = 1, CreatedAt = stamp, ModifiedAt = stamp });
                return id;
            }
            list.AddRange(model.Municipalities.Select(m => Payer($"municipality-{m.Code}", $"{m.Name} Kommune", m.Id, null)));
            list.Add(Payer("region", "Regionen", model.RegionId, null));
            var before = payerRows.Count;
            var group = Payer("municipalities-jointly", "Kommunerne i fællesskab", null, "Fordeles efter indbyggertal.");
            list.Add(group);
            if (payerRows.Count > before)
            {
                memberRows.AddRange(model.Municipalities.Select(m => new { PayerId = group, OrganisationId = m.Id }));
            }
        }
        using (var phase = context.Progress.Start("funding payers", payerRows.Count))
        {
            await context.InBatchesAsync(new[] { 0 }, 1, async (c, t, _) =>
            {
                await Bulk.InsertAsync(c, t, "funding_payer", payerRows);
                await Bulk.InsertAsync(c, t, "funding_payer_member", memberRows);
            }, phase);
            phase.Add(Math.Max(0, payerRows.Count - 1));
        }

        var programmes = new List<(Guid Id, Guid Model)>();
        using (var phase = context.Progress.Start("programmes (CreateProgramme)", governance.Models.Count * ProgrammesPerModel))
        {
            foreach (var model in governance.Models)
            {
                for (var p = 1; p <= ProgrammesPerModel; p++)
                {
                    var created = await context.SendAsync(new CreateProgramme.Command(model.Id, null, $"{model.Code}-klima-{p:00}",
                        $"Klimaprogram {p} – {model.Code}", "Syntetisk program til ydelsesmåling.", new DateOnly(2017, 1, 1), new DateOnly(2027, 1, 1)));
                    programmes.Add((created.Id, model.Id));
                    phase.Add();
                }
            }
        }

        var linesPerVersion = Math.Min(2000, context.Options.Scaled(2000, 4));
        var budgets = new List<(Guid Id, Guid Model, int Year)>();
        using (var phase = context.Progress.Start("budget lines (CreateBudget, 2,000 a version)", (long)programmes.Count * 10 * linesPerVersion))
        {
            foreach (var (programme, model) in programmes)
            {
                var modelPayers = payers[model];
                for (var year = 2017; year <= 2026; year++)
                {
                    context.Clock.Now = new DateTimeOffset(year - 1, 11, 15, 10, 0, 0, TimeSpan.Zero);
                    var lines = new List<BudgetLineInput>(linesPerVersion);
                    for (var i = 0; i < linesPerVersion; i++)
                    {
                        var period = (i % 3) switch { 0 => $"{year}", 1 => $"{year}-H1", _ => $"{year}-H2" };
                        var kroner = dice.Next(5_000, 400_000);
                        lines.Add(new BudgetLineInput(period, (CostType)dice.Next(3), dice.Pick(modelPayers), new MoneyAmount(kroner + dice.Next(100) / 100m, "DKK"),
                            false, $"{dice.Pick(Items)} {i + 1}"));
                    }
                    var budget = await context.SendAsync(new CreateBudget.Command(programme, $"{programmes.IndexOf((programme, model)) + 1:000}-{year}",
                        $"Budget {year}", null, lines));
                    context.Clock.Now = new DateTimeOffset(year - 1, 12, 10, 10, 0, 0, TimeSpan.Zero);
                    await context.SendAsync(new ApproveBudgetVersion.Command(budget.Id, 1, budget.Version, $"BESLUTNING-{year - 1}-{dice.Next(1, 999):000}",
                        new DateOnly(year - 1, 12, 10), new DateOnly(year, 1, 1)));
                    budgets.Add((budget.Id, model, year));
                    phase.Add(linesPerVersion);
                }
            }
        }

        // Actuals, a tenth of the lines, booked during each budget's year: RecordActual's INSERT, batched.
        var actuals = new List<object>();
        foreach (var (budget, model, year) in budgets)
        {
            for (var i = 0; i < linesPerVersion / 10; i++)
            {
                var half = dice.Next(1, 3);
                var booked = new DateOnly(year, half == 1 ? dice.Next(1, 7) : dice.Next(7, 13), dice.Next(1, 28));
                if (booked > new DateOnly(2026, 11, 15))
                {
                    continue;
                }
                var at = new DateTimeOffset(booked.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
                actuals.Add(new
                {
                    Id = dice.Id(at), BudgetId = budget, PeriodFrom = new DateOnly(year, half == 1 ? 1 : 7, 1), PeriodTo = new DateOnly(half == 1 ? year : year + 1, half == 1 ? 7 : 1, 1),
                    CostType = (dice.Next(3)) switch { 0 => "salaries", 1 => "operations", _ => "other" }, PayerId = dice.Pick(payers[model]),
                    AmountOre = (long)dice.Next(100_000, 30_000_000), IsAdjustment = false, BookedOn = booked, Reference = $"FAKT-{year}-{dice.Next(1, 99999):00000}",
                    Note = (string?)null, Version = 1, CreatedAt = at, ModifiedAt = at,
                });
            }
        }
        using (var phase = context.Progress.Start("actuals (RecordActual's INSERT)", actuals.Count))
        {
            await context.InBatchesAsync(actuals, 5000, (c, t, rows) => Bulk.InsertAsync(c, t, "budget_actual", rows), phase);
        }

        SetSamples(manifest, programmes[0].Id, budgets[^1].Id);
    }

    private static void SetSamples(Manifest manifest, Guid programmeId, Guid budgetId)
    {
        manifest.Samples["programmeId"] = programmeId.ToString();
        manifest.Samples["rollupPath"] = $"/api/financing/rollups?programmeId={programmeId}&asOf=2026-06-30&groupBy=period,payer,costType&limit=50";
        manifest.Samples["budgetId"] = budgetId.ToString();
    }
}
