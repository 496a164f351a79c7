using System.Data.Common;
using System.Text;
using Dapper;
using Klima.Api.Domain;
using Klima.Api.Domain.Routing;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.Routing;

/// <summary>Loads what the routing engine needs for one governance model.</summary>
internal static class RoutingStore
{
    /// <summary>A routing rule as stored (shared with the model document export).</summary>
    internal sealed class RuleRow
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Description { get; init; }
        public string? InterestCode { get; init; }
        public bool? RequiresCouncilDecision { get; init; }
        public int Priority { get; init; }
        public string? SourceReference { get; init; }
    }

    internal sealed class RuleStepRow
    {
        public Guid RoutingRuleId { get; init; }
        public int StageOrdinal { get; init; }
        public string StageName { get; init; } = "";
        public int Ordinal { get; init; }
        public Guid? BodyId { get; init; }
        public string? FanOut { get; init; }
        public string? FanOutPartyKind { get; init; }
        public string Role { get; init; } = "";
        public bool Authoritative { get; init; }
        public int? DeadlineDays { get; init; }
        public string? Note { get; init; }
    }

    private sealed class BodyRow
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public bool CanDecide { get; init; }
        public Guid? HostOrganisationId { get; init; }
    }

    private sealed class PartyRow
    {
        public Guid OrganisationId { get; init; }
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
    }

    public sealed record ModelData(IReadOnlyList<RoutingRule> Rules, IReadOnlyList<RoutingBody> Bodies, IReadOnlyList<RoutingParty> Parties)
    {
        /// <summary>The model's interests by code: explanations say an interest's name.</summary>
        public IReadOnlyDictionary<string, string> InterestNames { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

        /// <summary>The model's live interests (not retired), in their order.</summary>
        public IReadOnlyList<string> LiveInterests { get; init; } = [];

        /// <summary>As <see cref="EnsureInterestAsync"/>, from what was loaded: 422 naming the field for an interest the model does not have.</summary>
        public void EnsureInterest(string interest)
        {
            if (!LiveInterests.Contains(interest, StringComparer.Ordinal))
            {
                throw new RuleViolationException("interest-known", new Text("Case.UnknownInterest", interest, string.Join(", ", LiveInterests)), "interest");
            }
        }

        public RoutingInput Input(string interest, bool councilDecisionRequired, DateOnly today) =>
            new(interest, councilDecisionRequired, today) { InterestName = InterestNames.GetValueOrDefault(interest) };
    }

    [AreaApi]
    public static async Task EnsureInterestAsync(DbConnection connection, Guid modelId, string interest, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var known = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT code FROM case_interest WHERE governance_model_id = @ModelId AND deleted_at IS NULL ORDER BY ordinal",
            new { ModelId = modelId }, transaction, cancellationToken: cancellationToken))).ToList();
        if (!known.Contains(interest, StringComparer.Ordinal))
        {
            throw new RuleViolationException("interest-known",
                new Text("Case.UnknownInterest", interest, string.Join(", ", known)), "interest");
        }
    }

    [AreaApi]
    public static async Task<ModelData> LoadAsync(DbConnection connection, Guid modelId, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rules = (await connection.QueryAsync<RuleRow>(new CommandDefinition("""
            SELECT id, code, name, description, interest_code, requires_council_decision, priority, source_reference
            FROM routing_rule WHERE governance_model_id = @ModelId AND deleted_at IS NULL
            """, new { ModelId = modelId }, transaction, cancellationToken: cancellationToken))).ToList();
        var steps = (await connection.QueryAsync<RuleStepRow>(new CommandDefinition("""
            SELECT s.routing_rule_id, s.stage_ordinal, s.stage_name, s.ordinal, s.body_id, s.fan_out, s.fan_out_party_kind, s.role,
                   s.authoritative, s.deadline_days, s.note
            FROM routing_rule_step s JOIN routing_rule r ON r.id = s.routing_rule_id
            WHERE r.governance_model_id = @ModelId
            ORDER BY s.stage_ordinal, s.ordinal
            """, new { ModelId = modelId }, transaction, cancellationToken: cancellationToken))).ToLookup(s => s.RoutingRuleId);
        var bodies = await BodiesAsync(connection, modelId, transaction, cancellationToken);
        var parties = (await connection.QueryAsync<PartyRow>(new CommandDefinition("""
            SELECT p.organisation_id, o.name, o.kind FROM governance_model_party p JOIN organisation o ON o.id = p.organisation_id
            WHERE p.governance_model_id = @ModelId AND p.role = 'member' AND o.deleted_at IS NULL
            """, new { ModelId = modelId }, transaction, cancellationToken: cancellationToken)))
            .Select(p => new RoutingParty(p.OrganisationId, p.Name, p.Kind)).ToList();
        var interestRows = (await connection.QueryAsync<(string Code, string Name, int Live)>(new CommandDefinition(
            "SELECT code, name, CASE WHEN deleted_at IS NULL THEN 1 ELSE 0 END AS live FROM case_interest WHERE governance_model_id = @ModelId ORDER BY ordinal",
            new { ModelId = modelId }, transaction, cancellationToken: cancellationToken))).ToList();
        var interests = interestRows.ToDictionary(i => i.Code, i => i.Name, StringComparer.Ordinal);
        return new ModelData(
            rules.Select(r => new RoutingRule(r.Id, r.Code, r.Name, r.Description, r.InterestCode, r.RequiresCouncilDecision, r.Priority, r.SourceReference,
                steps[r.Id].Select(s => new RuleStep(s.StageOrdinal, s.StageName, s.BodyId, s.FanOut, s.FanOutPartyKind,
                    Enum.Parse<StepRole>(s.Role, ignoreCase: true), s.Authoritative, s.DeadlineDays, s.Note)).ToList())
                { InterestName = r.InterestCode is null ? null : interests.GetValueOrDefault(r.InterestCode) }).ToList(),
            bodies, parties) { InterestNames = interests, LiveInterests = interestRows.Where(i => i.Live == 1).Select(i => i.Code).ToList() };
    }

    /// <summary>As <see cref="LoadAsync"/> outside a transaction, cached per process until anything routing reads changes (<see cref="RoutingInputs"/>).</summary>
    [AreaApi]
    public static Task<ModelData> LoadCurrentAsync(DbConnection connection, Guid modelId, CancellationToken cancellationToken) =>
        RoutingInputs.LoadAsync(connection, modelId, cancellationToken);

    [AreaApi]
    public static async Task<IReadOnlyList<RoutingBody>> BodiesAsync(DbConnection connection, Guid modelId, DbTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<BodyRow>(new CommandDefinition(
            "SELECT id, code, name, kind, can_decide, host_organisation_id FROM body WHERE governance_model_id = @ModelId AND deleted_at IS NULL",
            new { ModelId = modelId }, transaction, cancellationToken: cancellationToken)))
        .Select(b => new RoutingBody(b.Id, b.Code, b.Name, b.Kind, b.CanDecide, b.HostOrganisationId)).ToList();

    /// <summary>Turns mandate violations into the problem detail that refuses the route, naming the rule and the routing rule.</summary>
    [AreaApi]
    public static void RefuseViolations(IReadOnlyList<MandateViolation> violations, string? routingRule, string field)
    {
        if (violations.Count == 0)
        {
            return;
        }
        var refusal = new RuleViolationException(violations[0].Rule, Domain.Text.Join(" ", violations.Select(v => v.Detail)), field);
        refusal.Extensions["routingRule"] = routingRule;
        refusal.Extensions["bodies"] = violations.Select(v => v.BodyName).Distinct(StringComparer.Ordinal).ToArray();
        throw refusal;
    }

    private sealed record RuleRecordRow
    {
        public Guid Id { get; init; }
        public Guid GovernanceModelId { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Description { get; init; }
        public string? InterestCode { get; init; }
        public bool? RequiresCouncilDecision { get; init; }
        public int Priority { get; init; }
        public string? SourceReference { get; init; }
        public int Version { get; init; }
        public DateTimeOffset? DeletedAt { get; init; }
    }

    private sealed record RuleStepRecordRow
    {
        public Guid RoutingRuleId { get; init; }
        public int StageOrdinal { get; init; }
        public string StageName { get; init; } = "";
        public Guid? BodyId { get; init; }
        public string? FanOut { get; init; }
        public string? FanOutPartyKind { get; init; }
        public string Role { get; init; } = "";
        public bool Authoritative { get; init; }
        public int? DeadlineDays { get; init; }
        public string? Note { get; init; }
    }

    private const string RuleColumns = "id, governance_model_id, code, name, description, interest_code, requires_council_decision, priority, source_reference, version, deleted_at";

    public static async Task<IReadOnlyList<RoutingRuleResponse>> ListAsync(DbConnection connection, Guid model, bool includeRetired, CancellationToken cancellationToken)
    {
        var rules = (await connection.QueryAsync<RuleRecordRow>(new CommandDefinition(
            $"SELECT {RuleColumns} FROM routing_rule WHERE governance_model_id = @Model{(includeRetired ? "" : " AND deleted_at IS NULL")}",
            new { Model = model }, cancellationToken: cancellationToken))).ToList();
        var steps = (await connection.QueryAsync<RuleStepRecordRow>(new CommandDefinition("""
            SELECT s.routing_rule_id, s.stage_ordinal, s.stage_name, s.body_id, s.fan_out, s.fan_out_party_kind, s.role, s.authoritative, s.deadline_days, s.note
            FROM routing_rule_step s JOIN routing_rule r ON r.id = s.routing_rule_id
            WHERE r.governance_model_id = @Model
            ORDER BY s.stage_ordinal, s.ordinal
            """, new { Model = model }, cancellationToken: cancellationToken))).ToLookup(s => s.RoutingRuleId);
        return rules.OrderBy(r => r.DeletedAt is null ? 0 : 1).ThenBy(r => r.Priority).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => ToResponse(r, steps[r.Id])).ToList();
    }

    /// <summary>One rule, retired or not, with its steps; 404 when there is none.</summary>
    public static async Task<RoutingRuleResponse> GetAsync(DbConnection connection, Guid id, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rule = await connection.QuerySingleOrDefaultAsync<RuleRecordRow>(new CommandDefinition(
                       $"SELECT {RuleColumns} FROM routing_rule WHERE id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken))
                   ?? throw new NotFoundException("Routing rule", id);
        var steps = await connection.QueryAsync<RuleStepRecordRow>(new CommandDefinition("""
            SELECT routing_rule_id, stage_ordinal, stage_name, body_id, fan_out, fan_out_party_kind, role, authoritative, deadline_days, note
            FROM routing_rule_step WHERE routing_rule_id = @Id ORDER BY stage_ordinal, ordinal
            """, new { Id = id }, transaction, cancellationToken: cancellationToken));
        return ToResponse(rule, steps);
    }

    private static RoutingRuleResponse ToResponse(RuleRecordRow r, IEnumerable<RuleStepRecordRow> steps) =>
        new(r.Id, r.GovernanceModelId, r.Code, r.Name, r.Description, r.InterestCode, r.RequiresCouncilDecision, r.Priority, r.SourceReference,
            steps.Select(s => new RuleStepResponse(s.StageOrdinal, s.StageName, s.BodyId, s.FanOut, s.FanOutPartyKind, Enum.Parse<StepRole>(s.Role, ignoreCase: true),
                s.Authoritative, s.DeadlineDays, s.Note)).ToList())
        {
            Version = r.Version,
            RetiredAt = r.DeletedAt,
        };

    /// <summary>
    /// What the database must confirm before a rule is stored: its interest is a live interest of its model, every body
    /// it names belongs to its model (422 naming <c>steps[i].bodyId</c>), a fan-out finds its targets and no body is
    /// asked to decide beyond its mandate.
    /// </summary>
    public static async Task CheckAsync(DbConnection connection, Guid model, RoutingRule rule, DateOnly today, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (rule.InterestCode is not null)
        {
            await EnsureInterestAsync(connection, model, rule.InterestCode, transaction, cancellationToken);
        }
        var data = await LoadAsync(connection, model, transaction, cancellationToken);
        for (var i = 0; i < rule.Steps.Count; i++)
        {
            if (rule.Steps[i].BodyId is { } body && data.Bodies.All(x => x.Id != body))
            {
                throw new RuleViolationException("body-in-model", new Text("Body.NotInModel", body), $"steps[{i}].bodyId");
            }
        }
        IReadOnlyList<PlannedStage> stages;
        try
        {
            stages = RoutingEngine.Expand(rule, today, data.Bodies, data.Parties);
        }
        catch (InvalidOperationException)
        {
            throw new RuleViolationException("fan-out-targets", new Text("Routing.FanOutTargets", rule.Name), "steps");
        }
        RefuseViolations(RoutingEngine.CheckMandates(stages, data.Bodies, rule.Name), rule.Code, "steps");
    }

    public static async Task InsertStepsAsync(DbConnection connection, Guid ruleId, IReadOnlyList<RuleStep> steps, DateTimeOffset now, DbTransaction transaction,
        CancellationToken cancellationToken)
    {
        var ordinal = 0;
        foreach (var step in steps)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO routing_rule_step (id, routing_rule_id, stage_ordinal, stage_name, ordinal, body_id, fan_out, fan_out_party_kind, role,
                    authoritative, deadline_days, note)
                VALUES (@Id, @RuleId, @StageOrdinal, @StageName, @Ordinal, @BodyId, @FanOut, @FanOutPartyKind, @Role, @Authoritative, @DeadlineDays, @Note)
                """, new { Id = Guid.CreateVersion7(now), RuleId = ruleId, step.StageOrdinal, step.StageName, Ordinal = ++ordinal, step.BodyId, step.FanOut,
                step.FanOutPartyKind, Role = step.Role.Text(), step.Authoritative, step.DeadlineDays, step.Note }, transaction, cancellationToken: cancellationToken));
        }
    }
}
