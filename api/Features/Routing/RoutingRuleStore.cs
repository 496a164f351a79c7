using System.Data.Common;
using Dapper;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.Routing;

/// <summary>The SQL and checks the routing-rule use cases share: reading rules (retired ones too), checking a rule against its model, writing its steps.</summary>
internal static class RoutingRuleStore
{
    private sealed record RuleRow
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

    private sealed record StepRow
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
        var rules = (await connection.QueryAsync<RuleRow>(new CommandDefinition(
            $"SELECT {RuleColumns} FROM routing_rule WHERE governance_model_id = @Model{(includeRetired ? "" : " AND deleted_at IS NULL")}",
            new { Model = model }, cancellationToken: cancellationToken))).ToList();
        var steps = (await connection.QueryAsync<StepRow>(new CommandDefinition("""
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
        var rule = await connection.QuerySingleOrDefaultAsync<RuleRow>(new CommandDefinition(
                       $"SELECT {RuleColumns} FROM routing_rule WHERE id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken))
                   ?? throw new NotFoundException("Routing rule", id);
        var steps = await connection.QueryAsync<StepRow>(new CommandDefinition("""
            SELECT routing_rule_id, stage_ordinal, stage_name, body_id, fan_out, fan_out_party_kind, role, authoritative, deadline_days, note
            FROM routing_rule_step WHERE routing_rule_id = @Id ORDER BY stage_ordinal, ordinal
            """, new { Id = id }, transaction, cancellationToken: cancellationToken));
        return ToResponse(rule, steps);
    }

    private static RoutingRuleResponse ToResponse(RuleRow r, IEnumerable<StepRow> steps) =>
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
            await RoutingData.EnsureInterestAsync(connection, model, rule.InterestCode, transaction, cancellationToken);
        }
        var data = await RoutingData.LoadAsync(connection, model, transaction, cancellationToken);
        for (var i = 0; i < rule.Steps.Count; i++)
        {
            if (rule.Steps[i].BodyId is { } body && data.Bodies.All(x => x.Id != body))
            {
                throw new RuleViolationException("body-in-model", $"Body '{body}' is not a body of this governance model.", $"steps[{i}].bodyId");
            }
        }
        IReadOnlyList<PlannedStage> stages;
        try
        {
            stages = RoutingEngine.Expand(rule, today, data.Bodies, data.Parties);
        }
        catch (InvalidOperationException ex)
        {
            throw new RuleViolationException("fan-out-targets", ex.Message, "steps");
        }
        RoutingData.RefuseViolations(RoutingEngine.CheckMandates(stages, data.Bodies, rule.Code), rule.Code, "steps");
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
