using System.Data.Common;
using System.Text;
using Dapper;
using Klima.Api.Domain;
using Klima.Api.Domain.Routing;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.Routing;

/// <summary>Loads what the routing engine needs for one governance model.</summary>
internal static class RoutingStore
{
    /// <summary>Loads what the routing engine needs for one governance model.</summary>
    private sealed class RuleRow
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

    private sealed class RuleStepRow
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

        public RoutingInput Input(string interest, bool councilDecisionRequired, DateOnly today) =>
            new(interest, councilDecisionRequired, today) { InterestName = InterestNames.GetValueOrDefault(interest) };
    }

    /// <summary>
    /// The model named; else the only model; else, for a caller bound to an organisation, the only model that
    /// organisation is a member of. 422 when that is ambiguous or unknown.
    /// </summary>
    public static async Task<Guid> ResolveModelAsync(DbConnection connection, Guid? requested, DbTransaction? transaction, CancellationToken cancellationToken,
        Guid? memberOrganisation = null)
    {
        var models = (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM governance_model WHERE deleted_at IS NULL", transaction: transaction, cancellationToken: cancellationToken))).ToList();
        if (requested is { } id)
        {
            return models.Contains(id) ? id : throw new RuleViolationException("governance-model-exists", new Text("Case.NoGovernanceModel", id), "governanceModelId");
        }
        if (models.Count != 1 && memberOrganisation is not null)
        {
            var member = (await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT governance_model_id FROM governance_model_party WHERE organisation_id = @Organisation AND role = 'member'",
                new { Organisation = memberOrganisation }, transaction, cancellationToken: cancellationToken))).Where(models.Contains).ToList();
            models = member.Count == 1 ? member : models;
        }
        return models.Count == 1 ? models[0]
            : throw new RuleViolationException("governance-model-required", new Text("Case.ManyGovernanceModels"), "governanceModelId");
    }

    public static async Task EnsureInterestAsync(DbConnection connection, Guid modelId, string interest, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var known = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT code FROM case_interest WHERE governance_model_id = @ModelId ORDER BY ordinal",
            new { ModelId = modelId }, transaction, cancellationToken: cancellationToken))).ToList();
        if (!known.Contains(interest, StringComparer.Ordinal))
        {
            throw new RuleViolationException("interest-known",
                new Text("Case.UnknownInterest", interest, string.Join(", ", known)), "interest");
        }
    }

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
        var interests = (await connection.QueryAsync<(string Code, string Name)>(new CommandDefinition(
            "SELECT code, name FROM case_interest WHERE governance_model_id = @ModelId",
            new { ModelId = modelId }, transaction, cancellationToken: cancellationToken))).ToDictionary(i => i.Code, i => i.Name, StringComparer.Ordinal);
        return new ModelData(
            rules.Select(r => new RoutingRule(r.Id, r.Code, r.Name, r.Description, r.InterestCode, r.RequiresCouncilDecision, r.Priority, r.SourceReference,
                steps[r.Id].Select(s => new RuleStep(s.StageOrdinal, s.StageName, s.BodyId, s.FanOut, s.FanOutPartyKind,
                    Enum.Parse<StepRole>(s.Role, ignoreCase: true), s.Authoritative, s.DeadlineDays, s.Note)).ToList())
                { InterestName = r.InterestCode is null ? null : interests.GetValueOrDefault(r.InterestCode) }).ToList(),
            bodies, parties) { InterestNames = interests };
    }

    public static async Task<IReadOnlyList<RoutingBody>> BodiesAsync(DbConnection connection, Guid modelId, DbTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<BodyRow>(new CommandDefinition(
            "SELECT id, code, name, kind, can_decide, host_organisation_id FROM body WHERE governance_model_id = @ModelId AND deleted_at IS NULL",
            new { ModelId = modelId }, transaction, cancellationToken: cancellationToken)))
        .Select(b => new RoutingBody(b.Id, b.Code, b.Name, b.Kind, b.CanDecide, b.HostOrganisationId)).ToList();

    /// <summary>Turns mandate violations into the problem detail that refuses the route, naming the rule and the routing rule.</summary>
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
}
