using Klima.Api.Domain.Routing;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Features.Cases;
using Klima.Api.Features.Routing;

namespace Klima.Generator;

/// <summary>
/// Cases over ten years. The other regions' models get North Jutland's interests and routing rules through the API's
/// CreateRoutingRule command (bodies mapped by code). The first thousand cases are created through the CreateCase command, so the
/// routing engine computes and stores its route exactly as for a case system's POST; past the first thousand, the
/// handler's own pieces run in batches of 500 cases per transaction (see CreateCasesAsync). Cases older than four months
/// then get their recommendations and decisions with the UPDATE the RecordRecommendation / RecordDecision handlers
/// run (batched; the change-feed events of those historic treatments are not generated).
/// </summary>
internal static class CasesGenerator
{
    private static readonly string[] Systems = ["sbsys", "acadre", "ebos", "workzone"];
    private static readonly (string Interest, double Weight)[] Interests = [("joint", 0.40), ("municipal", 0.25), ("regional", 0.15), ("dialogue", 0.20)];
    private static readonly DateTimeOffset From = new(2017, 1, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 11, 15, 16, 0, 0, TimeSpan.Zero);

    public static void Register() => Parts.All.Add(RunAsync);

    private static async Task RunAsync(GenerationContext context, Manifest manifest)
    {
        if (!await context.HasTableAsync("case_file"))
        {
            Console.Error.WriteLine("  cases: skipped (no case_file table: the cases feature is not in this build)");
            return;
        }
        var governance = GenerationState.Governance!;
        await RoutingRulesAsync(context, governance);
        await CreateCasesAsync(context, governance, manifest);
        await TreatmentsAsync(context);
    }

    private sealed record RuleRow
    {
        public required Guid Id { get; init; }
        public required string Code { get; init; }
        public required string Name { get; init; }
        public string? Description { get; init; }
        public string? InterestCode { get; init; }
        public bool? RequiresCouncilDecision { get; init; }
        public required long Priority { get; init; }
        public string? SourceReference { get; init; }
    }

    private sealed record StepRow
    {
        public required Guid RoutingRuleId { get; init; }
        public required long StageOrdinal { get; init; }
        public required string StageName { get; init; }
        public string? BodyCode { get; init; }
        public string? FanOut { get; init; }
        public string? FanOutPartyKind { get; init; }
        public required string Role { get; init; }
        public required bool Authoritative { get; init; }
        public long? DeadlineDays { get; init; }
        public string? Note { get; init; }
    }

    private static async Task RoutingRulesAsync(GenerationContext context, GovernanceGenerator governance)
    {
        var template = governance.Models[0];
        var rules = await context.QueryAsync<RuleRow>(
            "SELECT id, code, name, description, interest_code, requires_council_decision, priority, source_reference FROM routing_rule WHERE governance_model_id = @Id AND deleted_at IS NULL ORDER BY priority",
            new { template.Id });
        var steps = (await context.QueryAsync<StepRow>("""
            SELECT s.routing_rule_id, s.stage_ordinal, s.stage_name, b.code AS body_code, s.fan_out, s.fan_out_party_kind, s.role, s.authoritative, s.deadline_days, s.note
            FROM routing_rule_step s LEFT JOIN body b ON b.id = s.body_id ORDER BY s.routing_rule_id, s.stage_ordinal, s.ordinal
            """)).ToLookup(s => s.RoutingRuleId);
        var interests = await context.QueryAsync<(string Code, string Name, string? Description, long Ordinal)>(
            "SELECT code, name, description, ordinal FROM case_interest WHERE governance_model_id = @Id", new { template.Id });
        // North Jutland's body codes and the generated models' codes for the same roles.
        var codeMap = new Dictionary<string, string>(StringComparer.Ordinal) { ["brn-board"] = "political-board", ["t11"] = "technical-directors" };
        var existing = (await context.QueryAsync<Guid>("SELECT DISTINCT governance_model_id FROM routing_rule")).ToHashSet();
        var targets = governance.Models.Skip(1).Where(m => !existing.Contains(m.Id)).ToList();
        using var phase = context.Progress.Start("routing rules (CreateRoutingRule)", targets.Count * rules.Count);
        foreach (var model in targets)
        {
            await context.InBatchesAsync(new[] { 0 }, 1, (c, t, _) => Bulk.InsertAsync(c, t, "case_interest",
                interests.Select(i => new { GovernanceModelId = model.Id, i.Code, i.Name, i.Description, i.Ordinal })), phase);
            foreach (var rule in rules)
            {
                var inputs = steps[rule.Id].Select(s => new CreateRoutingRule.StepInput((int)s.StageOrdinal, s.StageName,
                    s.BodyCode is null ? null : model.Bodies[codeMap.GetValueOrDefault(s.BodyCode, s.BodyCode)], s.FanOut, s.FanOutPartyKind,
                    Enum.Parse<StepRole>(s.Role, ignoreCase: true), s.Authoritative, (int?)s.DeadlineDays, s.Note)).ToList();
                await context.SendAsync(new CreateRoutingRule.Command(model.Id, rule.Code, rule.Name, rule.Description, rule.InterestCode,
                    rule.RequiresCouncilDecision, (int)rule.Priority, rule.SourceReference, inputs));
                phase.Add();
            }
        }
        phase.Add(-targets.Count);
    }

    /// <summary>How many cases go through the CreateCase command one by one; the rest take the bulk path below.</summary>
    private const int ViaCommand = 1000;

    private static async Task CreateCasesAsync(GenerationContext context, GovernanceGenerator governance, Manifest manifest)
    {
        var total = context.Options.Scaled(100_000, 20);
        var dice = context.Dice;
        if ((await context.QueryAsync<long>("SELECT COUNT(*) FROM case_file"))[0] >= total)
        {
            Console.Error.WriteLine("  cases: already generated");
            manifest.Samples["caseId"] = (await context.QueryAsync<Guid>(
                "SELECT id FROM case_file WHERE governance_model_id = @Id AND interest_code = 'joint' ORDER BY created_at DESC LIMIT 1", new { governance.Models[0].Id }))[0].ToString();
            SetSamples(manifest, governance);
            return;
        }
        // Cases per model in proportion to its municipalities (Hovedstaden's 29 get the most, with the widest fan-out).
        var weights = governance.Models.Select(m => (double)m.Municipalities.Count + 1).ToArray();
        var sum = weights.Sum();
        var span = (To - From).TotalSeconds;
        Guid? sampleCase = null;

        (int Model, CreateCase.Body Body) Next(int i)
        {
            context.Clock.Now = From.AddSeconds(span * i / total);
            var pick = dice.NextDouble() * sum;
            var m = 0;
            while (m < weights.Length - 1 && (pick -= weights[m]) > 0)
            {
                m++;
            }
            var model = governance.Models[m];
            var r = dice.NextDouble();
            var interest = Interests[^1].Interest;
            foreach (var (code, weight) in Interests)
            {
                if ((r -= weight) < 0)
                {
                    interest = code;
                    break;
                }
            }
            var initiator = dice.Pick(model.Municipalities);
            var system = dice.Pick(Systems);
            return (m, new CreateCase.Body(
                Title: $"{dice.Pick(Topics)} – {initiator.Name} {context.Clock.Now.Year}",
                Summary: "Syntetisk sag genereret til ydelsesmåling.",
                Interest: interest,
                CouncilDecisionRequired: dice.Chance(0.15),
                Initiator: new CaseInitiator(initiator.Id, null, null),
                KleJournalNumber: $"{dice.Next(0, 100):00}.{dice.Next(0, 100):00}.{dice.Next(0, 100):00}",
                KleActionFacet: $"{(char)('A' + dice.Next(0, 26))}{dice.Next(0, 100):00}",
                SourceSystem: system,
                ExternalReference: $"{system}-{i + 1:000000}",
                PartyReferences: [new PartyReference(initiator.Id, $"{context.Clock.Now.Year}-{dice.Next(1, 99999):00000}")],
                RelatedCaseIds: null,
                Documents: null,
                GovernanceModelId: model.Id));
        }

        var viaCommand = Math.Min(total, ViaCommand);
        using (var phase = context.Progress.Start("cases via CreateCase (validation, routing engine, reload)", viaCommand))
        {
            for (var i = 0; i < viaCommand; i++)
            {
                var (m, body) = Next(i);
                var created = await context.SendAsync(new CreateCase.Command(body, null));
                if (m == 0 && body.Interest == "joint")
                {
                    sampleCase = created.Case.Id;
                }
                phase.Add();
            }
        }

        // The bulk path: the handler's own pieces (RoutingStore.LoadAsync, RoutingEngine.Route, the case_file INSERT,
        // CasesStore.InsertStepsAsync, CaseFeedStore.AppendAsync), 500 cases per transaction instead of one, without the per-case reload.
        var models = new Dictionary<Guid, RoutingStore.ModelData>();
        using (var phase = context.Progress.Start("cases via the handler's SQL (batched)", total - viaCommand))
        {
            var counters = (await context.QueryAsync<(long Year, long Last)>("SELECT year, last_value FROM case_number_counter"))
                .ToDictionary(c => (int)c.Year, c => (int)c.Last);
            await context.InBatchesAsync(Enumerable.Range(viaCommand, total - viaCommand), 500, async (connection, transaction, batch) =>
            {
                foreach (var i in batch)
                {
                    var (_, body) = Next(i);
                    var now = context.Clock.Now;
                    var modelId = body.GovernanceModelId!.Value;
                    if (!models.TryGetValue(modelId, out var model))
                    {
                        models[modelId] = model = await RoutingStore.LoadAsync(connection, modelId, transaction, CancellationToken.None);
                    }
                    var plan = RoutingEngine.Route(new RoutingInput(body.Interest, body.CouncilDecisionRequired, DateOnly.FromDateTime(now.UtcDateTime)),
                        model.Rules, model.Bodies, model.Parties);
                    var number = counters[now.Year] = counters.GetValueOrDefault(now.Year) + 1;
                    var id = context.Dice.Id(now);
                    await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition("""
                        INSERT INTO case_file (id, case_number, governance_model_id, title, summary, interest_code, council_decision_required,
                            initiator_organisation_id, initiator_body_id, initiator_name, kle_journal_number, kle_action_facet, source_system,
                            external_reference, owner_organisation_id, routing_rule_id, route_explanation, created_by, version, created_at, modified_at)
                        VALUES (@Id, @Number, @ModelId, @Title, @Summary, @Interest, @CouncilDecisionRequired, @InitiatorOrganisationId, @InitiatorBodyId,
                            @InitiatorName, @KleJournalNumber, @KleActionFacet, @SourceSystem, @ExternalReference, @Owner, @RuleId, @Explanation, @CreatedBy, 1, @Now, @Now)
                        """, new
                    {
                        Id = id, Number = $"KLIMA-{now.Year}-{number:0000}", ModelId = modelId, body.Title, body.Summary, body.Interest, body.CouncilDecisionRequired,
                        InitiatorOrganisationId = body.Initiator?.OrganisationId, InitiatorBodyId = (Guid?)null, InitiatorName = (string?)null,
                        body.KleJournalNumber, KleActionFacet = body.KleActionFacet?.ToUpperInvariant(), body.SourceSystem, body.ExternalReference,
                        Owner = (Guid?)null, RuleId = plan.Rule!.Id, Explanation = Klima.Api.Infrastructure.Localization.Messages.Say(plan.Explanation), CreatedBy = "system", Now = now,
                    }, transaction));
                    foreach (var party in body.PartyReferences ?? [])
                    {
                        await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition(
                            "INSERT INTO case_party_reference (case_id, organisation_id, local_case_number) VALUES (@Id, @OrganisationId, @LocalCaseNumber)",
                            new { Id = id, party.OrganisationId, party.LocalCaseNumber }, transaction));
                    }
                    await CasesStore.InsertStepsAsync(Klima.Api.Infrastructure.Data.SqlDialects.Sqlite, connection, transaction, id, plan.Steps, body.PartyReferences ?? [], now, CancellationToken.None);
                    await CaseFeedStore.AppendAsync(connection, transaction, null, "system", now,
                    [
                        new NewCaseEvent(CaseEventTypes.CaseCreated, id, null, new { caseNumber = $"KLIMA-{now.Year}-{number:0000}", title = body.Title, interest = body.Interest, body.SourceSystem, body.ExternalReference }),
                        new NewCaseEvent(CaseEventTypes.CaseRouted, id, null, new { ruleCode = plan.Rule.Code, explanation = Klima.Api.Infrastructure.Localization.Messages.Say(plan.Explanation), steps = plan.Steps.Count() }),
                    ], CancellationToken.None);
                }
                foreach (var (year, last) in counters)
                {
                    if (await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition(
                            "UPDATE case_number_counter SET last_value = @Last WHERE year = @Year", new { Year = year, Last = last }, transaction)) == 0)
                    {
                        await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition(
                            "INSERT INTO case_number_counter (year, last_value) VALUES (@Year, @Last)", new { Year = year, Last = last }, transaction));
                    }
                }
            }, phase);
        }
        manifest.Samples["caseId"] = (sampleCase ?? Guid.Empty).ToString();
        SetSamples(manifest, governance);
    }

    private static void SetSamples(Manifest manifest, GovernanceGenerator governance)
    {
        manifest.Samples["casesPageQuery"] = "interest=regional&sourceSystem=acadre&limit=50";
        manifest.Samples["writeModelId"] = governance.Models.OrderByDescending(x => x.Municipalities.Count).First().Id.ToString();
        manifest.Samples["writeInterest"] = "joint";
    }

    private static readonly string[] Topics =
    [
        "Fælles klimahandlingsplan", "Energiplan for varmeforsyning", "Klimatilpasning af kystområder", "Grøn mobilitet",
        "Biogasstrategi", "Solcelleparker og lokal forankring", "Cirkulær økonomi i byggeriet", "Skovrejsning",
        "Kollektiv trafik i landdistrikter", "CO2-regnskab", "Vandplaner og oversvømmelse", "Grøn omstilling af landbruget",
    ];

    private sealed record OpenStep
    {
        public required Guid Id { get; init; }
        public required string Role { get; init; }
        public required bool Authoritative { get; init; }
        public required bool CanDecide { get; init; }
        public required DateTimeOffset CreatedAt { get; init; }
        public DateOnly? Deadline { get; init; }
    }

    private static async Task TreatmentsAsync(GenerationContext context)
    {
        var cutoff = new DateTimeOffset(2026, 7, 22, 0, 0, 0, TimeSpan.Zero);
        var steps = await context.QueryAsync<OpenStep>("""
            SELECT s.id, s.role, s.authoritative, b.can_decide, s.created_at, s.deadline
            FROM case_step s JOIN body b ON b.id = s.body_id
            WHERE s.superseded_at IS NULL AND s.outcome IS NULL AND s.recommendation_text IS NULL AND s.created_at < @Cutoff
            ORDER BY s.created_at
            """, new { Cutoff = cutoff });
        var dice = context.Dice;
        using var phase = context.Progress.Start("recommendations and decisions", steps.Count);
        await context.InBatchesAsync(steps, 5000, async (connection, transaction, batch) =>
        {
            var recommendations = new List<object>();
            var decisions = new List<object>();
            foreach (var s in batch)
            {
                var on = s.Deadline ?? DateOnly.FromDateTime(s.CreatedAt.UtcDateTime.AddDays(30));
                var at = new DateTimeOffset(on.ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero);
                if (s.Role == "recommendation")
                {
                    recommendations.Add(new { Text = "Sekretariatet indstiller, at sagen godkendes.", Now = at, By = "generator", StepId = s.Id });
                    continue;
                }
                var decides = RoutingEngine.Decides(Enum.Parse<StepRole>(s.Role, ignoreCase: true), s.Authoritative) && s.CanDecide;
                var outcome = !decides ? DecisionOutcome.Noted : dice.Chance(0.9) ? DecisionOutcome.Approved : dice.Chance(0.5) ? DecisionOutcome.ApprovedWithChanges : DecisionOutcome.Rejected;
                decisions.Add(new
                {
                    Outcome = char.ToLowerInvariant(outcome.ToString()[0]) + outcome.ToString()[1..], Text = decides ? "Godkendt som indstillet." : "Taget til efterretning.",
                    DecidedOn = on, ReferredToBodyId = (Guid?)null, LocalCaseNumber = (string?)null, Now = at, By = "generator", StepId = s.Id,
                });
            }
            // The statements of RecordRecommendation and RecordDecision (api/Features/Cases/RecordStepOutcome.cs).
            await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition("""
                UPDATE case_step SET recommendation_text = @Text, recommended_at = @Now, recommended_by = @By, version = version + 1, modified_at = @Now
                WHERE id = @StepId
                """, recommendations, transaction));
            await Dapper.SqlMapper.ExecuteAsync(connection, new Dapper.CommandDefinition("""
                UPDATE case_step SET outcome = @Outcome, decision_text = @Text, decided_on = @DecidedOn, referred_to_body_id = @ReferredToBodyId,
                    local_case_number = COALESCE(@LocalCaseNumber, local_case_number), decided_at = @Now, decided_by = @By,
                    version = version + 1, modified_at = @Now
                WHERE id = @StepId
                """, decisions, transaction));
        }, phase);
    }
}
