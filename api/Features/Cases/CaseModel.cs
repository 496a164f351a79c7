using System.Data.Common;
using System.Text;
using Dapper;
using Klima.Api.Domain.Routing;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.Cases;

/// <summary>Who raised the case: an organisation (e.g. KL), a body (e.g. the secretariat) and/or a free-text name.</summary>
public sealed record CaseInitiator(Guid? OrganisationId, Guid? BodyId, string? Name);

/// <summary>A party's own case number for this case in its own case system.</summary>
public sealed record PartyReference(Guid OrganisationId, string LocalCaseNumber);

/// <summary>A document kept in a case system, referred to by URL, with an optional SHA-256 checksum (64 hex digits).</summary>
public sealed record DocumentReference(string Url, string Title, string? Sha256);

public sealed record RelatedCase
{
    public required Guid CaseId { get; init; }
    public required string CaseNumber { get; init; }
    public required string Title { get; init; }
}

public sealed record StepRecommendation(string Text, DateTimeOffset RecordedAt, string RecordedBy);

public sealed record StepDecision(DecisionOutcome Outcome, string? Text, DateOnly? DecidedOn, Guid? ReferredToBodyId, DateTimeOffset RecordedAt, string RecordedBy);

public sealed record CaseStepResponse
{
    public required Guid Id { get; init; }
    public required int StageOrdinal { get; init; }
    public required string StageName { get; init; }
    public required int Ordinal { get; init; }
    public required Guid BodyId { get; init; }
    public required string BodyName { get; init; }
    public Guid? OrganisationId { get; init; }
    public string? OrganisationName { get; init; }
    public required StepRole Role { get; init; }
    public required bool Authoritative { get; init; }
    public DateOnly? Deadline { get; init; }
    public string? Note { get; init; }
    public string? LocalCaseNumber { get; init; }
    public Guid? MeetingId { get; init; }
    public DateOnly? MeetingDate { get; init; }
    /// <summary>The organisation whose systems may record on this step (the body's "served by"); null = unbound staff only.</summary>
    public Guid? ServedByOrganisationId { get; init; }
    public string? ServedByOrganisationName { get; init; }
    public StepRecommendation? Recommendation { get; init; }
    public StepDecision? Decision { get; init; }
    /// <summary>What the step's role and its body's mandate let it record (no outcome the body cannot give).</summary>
    public required IReadOnlyList<DecisionOutcome> AllowedOutcomes { get; init; }
    /// <summary>Whether the step's role takes a recommendation (indstilling); orientation and discussion are only noted.</summary>
    public required bool TakesRecommendation { get; init; }
    /// <summary>Finished by what its role asks: a decision, a recommendation or being noted.</summary>
    public required bool Done { get; init; }
}

public sealed record RouteStage(int Ordinal, string Name, IReadOnlyList<CaseStepResponse> Steps);

/// <summary>The stored route: the rule that produced it, why it matched, and its stages.</summary>
public sealed record CaseRoute(Guid? RuleId, string? RuleCode, string? Explanation, IReadOnlyList<RouteStage> Stages);

public sealed record CaseResponse
{
    public required Guid Id { get; init; }
    public required string CaseNumber { get; init; }
    public required Guid GovernanceModelId { get; init; }
    public required string Title { get; init; }
    public string? Summary { get; init; }
    public required string Interest { get; init; }
    public required bool CouncilDecisionRequired { get; init; }
    public required CaseInitiator Initiator { get; init; }
    public string? KleJournalNumber { get; init; }
    public string? KleActionFacet { get; init; }
    public string? SourceSystem { get; init; }
    public string? ExternalReference { get; init; }
    public Guid? OwnerOrganisationId { get; init; }
    public required IReadOnlyList<PartyReference> PartyReferences { get; init; }
    public required IReadOnlyList<RelatedCase> RelatedCases { get; init; }
    public required IReadOnlyList<DocumentReference> Documents { get; init; }
    public required CaseRoute Route { get; init; }
    /// <summary>Derived from the steps on every read; never stored or typed in.</summary>
    public required CaseStatusView Status { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
}

internal sealed class CaseRow
{
    public Guid Id { get; init; }
    public string CaseNumber { get; init; } = "";
    public Guid GovernanceModelId { get; init; }
    public string Title { get; init; } = "";
    public string? Summary { get; init; }
    public string InterestCode { get; init; } = "";
    public bool CouncilDecisionRequired { get; init; }
    public Guid? InitiatorOrganisationId { get; init; }
    public Guid? InitiatorBodyId { get; init; }
    public string? InitiatorName { get; init; }
    public string? KleJournalNumber { get; init; }
    public string? KleActionFacet { get; init; }
    public string? SourceSystem { get; init; }
    public string? ExternalReference { get; init; }
    public Guid? OwnerOrganisationId { get; init; }
    public Guid? RoutingRuleId { get; init; }
    public string? RuleCode { get; init; }
    public string? RouteExplanation { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ModifiedAt { get; init; }
}

internal sealed class StepRow
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public int StageOrdinal { get; init; }
    public string StageName { get; init; } = "";
    public int Ordinal { get; init; }
    public Guid BodyId { get; init; }
    public string BodyName { get; init; } = "";
    public bool BodyCanDecide { get; init; }
    public Guid? OrganisationId { get; init; }
    public string? OrganisationName { get; init; }
    public string Role { get; init; } = "";
    public bool Authoritative { get; init; }
    public DateOnly? Deadline { get; init; }
    public string? Note { get; init; }
    public string? LocalCaseNumber { get; init; }
    public Guid? MeetingId { get; init; }
    public DateOnly? MeetingDate { get; init; }
    public Guid? ServedByOrganisationId { get; init; }
    public string? ServedByOrganisationName { get; init; }
    public string? RecommendationText { get; init; }
    public DateTimeOffset? RecommendedAt { get; init; }
    public string? RecommendedBy { get; init; }
    public string? Outcome { get; init; }
    public string? DecisionText { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public Guid? ReferredToBodyId { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? DecidedBy { get; init; }

    public StepRole RoleValue => Enum.Parse<StepRole>(Role, ignoreCase: true);
    public DecisionOutcome? OutcomeValue => Outcome is null ? null : Enum.Parse<DecisionOutcome>(Outcome, ignoreCase: true);

    public StepFacts ToFacts() => new(Id, StageOrdinal, StageName, Ordinal, BodyId, BodyName, OrganisationId, OrganisationName, RoleValue,
        Authoritative, Deadline, MeetingDate, RecommendedAt, OutcomeValue, DecidedAt);

    public CaseStepResponse ToResponse() => new()
    {
        Id = Id, StageOrdinal = StageOrdinal, StageName = StageName, Ordinal = Ordinal, BodyId = BodyId, BodyName = BodyName,
        OrganisationId = OrganisationId, OrganisationName = OrganisationName, Role = RoleValue, Authoritative = Authoritative,
        Deadline = Deadline, Note = Note, LocalCaseNumber = LocalCaseNumber, MeetingId = MeetingId, MeetingDate = MeetingDate,
        ServedByOrganisationId = ServedByOrganisationId, ServedByOrganisationName = ServedByOrganisationName,
        Recommendation = RecommendationText is null ? null : new StepRecommendation(RecommendationText, RecommendedAt!.Value, RecommendedBy ?? ""),
        Decision = OutcomeValue is { } outcome ? new StepDecision(outcome, DecisionText, DecidedOn, ReferredToBodyId, DecidedAt!.Value, DecidedBy ?? "") : null,
        AllowedOutcomes = StepCompletion.AllowedOutcomes(RoleValue, Authoritative, BodyCanDecide),
        TakesRecommendation = StepCompletion.TakesRecommendation(RoleValue),
        Done = StepCompletion.IsDone(RoleValue, Authoritative, RecommendedAt is not null, OutcomeValue),
    };
}

/// <summary>
/// Reads cases as the caller may see them: a caller bound to an organisation sees the cases it owns and the cases with a
/// current step at a body its organisation serves (a municipality sees the cases its council must decide).
/// </summary>
internal static class CaseReader
{
    /// <summary>The visibility condition for a caller bound to <c>@Scope</c>, on <c>case_file c</c>.</summary>
    public const string ScopeCondition = """
        (c.owner_organisation_id = @Scope OR EXISTS (SELECT 1 FROM case_step vs JOIN body vb ON vb.id = vs.body_id
            WHERE vs.case_id = c.id AND vs.superseded_at IS NULL AND vb.served_by_organisation_id = @Scope))
        """;

    public const string StepSelect = """
        SELECT s.id, s.case_id, s.stage_ordinal, s.stage_name, s.ordinal, s.body_id, b.name AS body_name, b.can_decide AS body_can_decide,
               s.organisation_id, o.name AS organisation_name, s.role, s.authoritative, s.deadline, s.note, s.local_case_number,
               s.meeting_id, m.meeting_date, s.recommendation_text, s.recommended_at, s.recommended_by, s.outcome, s.decision_text,
               s.decided_on, s.referred_to_body_id, s.decided_at, s.decided_by,
               b.served_by_organisation_id, so.name AS served_by_organisation_name
        FROM case_step s
        JOIN body b ON b.id = s.body_id
        LEFT JOIN organisation o ON o.id = s.organisation_id
        LEFT JOIN organisation so ON so.id = b.served_by_organisation_id
        LEFT JOIN meeting m ON m.id = s.meeting_id
        WHERE s.superseded_at IS NULL
        """;

    /// <summary>The case row, or 404 when it does not exist or the caller's organisation does not own it.</summary>
    public static async Task<CaseRow> RequireAsync(DbConnection connection, Guid id, ICurrentUser user, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("""
            SELECT c.id, c.case_number, c.governance_model_id, c.title, c.summary, c.interest_code, c.council_decision_required,
                   c.initiator_organisation_id, c.initiator_body_id, c.initiator_name, c.kle_journal_number, c.kle_action_facet,
                   c.source_system, c.external_reference, c.owner_organisation_id, c.routing_rule_id, r.code AS rule_code,
                   c.route_explanation, c.version, c.created_at, c.modified_at
            FROM case_file c LEFT JOIN routing_rule r ON r.id = c.routing_rule_id
            WHERE c.id = @Id AND c.deleted_at IS NULL
            """);
        if (user.OrganisationScope is not null)
        {
            sql.Append(" AND ").Append(ScopeCondition);
        }
        return await connection.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition(sql.ToString(),
                   new { Id = id, Scope = user.OrganisationScope }, transaction, cancellationToken: cancellationToken))
               ?? throw new NotFoundException("Case", id);
    }

    public static async Task<List<StepRow>> StepsAsync(DbConnection connection, Guid caseId, DbTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<StepRow>(new CommandDefinition(
            StepSelect + " AND s.case_id = @CaseId ORDER BY s.stage_ordinal, s.ordinal",
            new { CaseId = caseId }, transaction, cancellationToken: cancellationToken))).ToList();

    public static CaseStatusView Status(IEnumerable<StepRow> steps, DateOnly today) =>
        CaseStatusCalculator.Derive(steps.Select(s => s.ToFacts()).ToList(), today);

    public static async Task<CaseResponse> LoadAsync(DbConnection connection, Guid id, ICurrentUser user, DateOnly today,
        DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var row = await RequireAsync(connection, id, user, transaction, cancellationToken);
        var steps = await StepsAsync(connection, id, transaction, cancellationToken);
        var parties = await PartiesAsync(connection, id, transaction, cancellationToken);
        var relatedSql = new StringBuilder("""
            SELECT c.id AS case_id, c.case_number, c.title FROM case_relation r JOIN case_file c ON c.id = r.related_case_id
            WHERE r.case_id = @Id AND c.deleted_at IS NULL
            """);
        if (user.OrganisationScope is not null)
        {
            relatedSql.Append(" AND c.owner_organisation_id = @Scope");
        }
        relatedSql.Append(" ORDER BY c.case_number");
        var related = (await connection.QueryAsync<RelatedCase>(new CommandDefinition(relatedSql.ToString(),
            new { Id = id, Scope = user.OrganisationScope }, transaction, cancellationToken: cancellationToken))).ToList();
        var documents = (await connection.QueryAsync<DocumentRow>(new CommandDefinition(
            "SELECT url, title, sha256 FROM case_document WHERE case_id = @Id ORDER BY ordinal",
            new { Id = id }, transaction, cancellationToken: cancellationToken))).Select(d => new DocumentReference(d.Url, d.Title, d.Sha256)).ToList();

        return new CaseResponse
        {
            Id = row.Id, CaseNumber = row.CaseNumber, GovernanceModelId = row.GovernanceModelId, Title = row.Title, Summary = row.Summary,
            Interest = row.InterestCode, CouncilDecisionRequired = row.CouncilDecisionRequired,
            Initiator = new CaseInitiator(row.InitiatorOrganisationId, row.InitiatorBodyId, row.InitiatorName),
            KleJournalNumber = row.KleJournalNumber, KleActionFacet = row.KleActionFacet, SourceSystem = row.SourceSystem,
            ExternalReference = row.ExternalReference, OwnerOrganisationId = row.OwnerOrganisationId,
            PartyReferences = parties, RelatedCases = related, Documents = documents,
            Route = new CaseRoute(row.RoutingRuleId, row.RuleCode, row.RouteExplanation,
                steps.GroupBy(s => s.StageOrdinal).OrderBy(g => g.Key)
                    .Select(g => new RouteStage(g.Key, g.First().StageName, g.Select(s => s.ToResponse()).ToList())).ToList()),
            Status = Status(steps, today),
            Version = row.Version, CreatedAt = row.CreatedAt, ModifiedAt = row.ModifiedAt,
        };
    }

    public static async Task<List<PartyReference>> PartiesAsync(DbConnection connection, Guid caseId, DbTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<PartyRow>(new CommandDefinition(
            "SELECT organisation_id, local_case_number FROM case_party_reference WHERE case_id = @Id ORDER BY local_case_number",
            new { Id = caseId }, transaction, cancellationToken: cancellationToken))).Select(p => new PartyReference(p.OrganisationId, p.LocalCaseNumber)).ToList();

    /// <summary>Marks the case as changed (new ETag, visible to incremental sync).</summary>
    public static Task TouchAsync(DbConnection connection, Guid caseId, DateTimeOffset now, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE case_file SET version = version + 1, modified_at = @Now WHERE id = @Id",
            new { Id = caseId, Now = now }, transaction, cancellationToken: cancellationToken));

    private sealed class PartyRow
    {
        public Guid OrganisationId { get; init; }
        public string LocalCaseNumber { get; init; } = "";
    }

    private sealed class DocumentRow
    {
        public string Url { get; init; } = "";
        public string Title { get; init; } = "";
        public string? Sha256 { get; init; }
    }
}

/// <summary>Loads what the routing engine needs for one governance model.</summary>
internal static class RoutingData
{
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

    public sealed record ModelData(IReadOnlyList<RoutingRule> Rules, IReadOnlyList<RoutingBody> Bodies, IReadOnlyList<RoutingParty> Parties);

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
            return models.Contains(id) ? id : throw new RuleViolationException("governance-model-exists", $"Governance model '{id}' does not exist.", "governanceModelId");
        }
        if (models.Count != 1 && memberOrganisation is not null)
        {
            var member = (await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT governance_model_id FROM governance_model_party WHERE organisation_id = @Organisation AND role = 'member'",
                new { Organisation = memberOrganisation }, transaction, cancellationToken: cancellationToken))).Where(models.Contains).ToList();
            models = member.Count == 1 ? member : models;
        }
        return models.Count == 1 ? models[0]
            : throw new RuleViolationException("governance-model-required", "There is more than one governance model: name one in governanceModelId.", "governanceModelId");
    }

    public static async Task EnsureInterestAsync(DbConnection connection, Guid modelId, string interest, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var known = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT code FROM case_interest WHERE governance_model_id = @ModelId AND deleted_at IS NULL ORDER BY ordinal",
            new { ModelId = modelId }, transaction, cancellationToken: cancellationToken))).ToList();
        if (!known.Contains(interest, StringComparer.Ordinal))
        {
            throw new RuleViolationException("interest-known",
                $"Interest '{interest}' is not one of the model's interests ({string.Join(", ", known)}).", "interest");
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
        return new ModelData(
            rules.Select(r => new RoutingRule(r.Id, r.Code, r.Name, r.Description, r.InterestCode, r.RequiresCouncilDecision, r.Priority, r.SourceReference,
                steps[r.Id].Select(s => new RuleStep(s.StageOrdinal, s.StageName, s.BodyId, s.FanOut, s.FanOutPartyKind,
                    Enum.Parse<StepRole>(s.Role, ignoreCase: true), s.Authoritative, s.DeadlineDays, s.Note)).ToList())).ToList(),
            bodies, parties);
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
        var refusal = new RuleViolationException(violations[0].Rule, string.Join(" ", violations.Select(v => v.Detail)), field);
        refusal.Extensions["routingRule"] = routingRule;
        refusal.Extensions["bodies"] = violations.Select(v => v.BodyName).Distinct(StringComparer.Ordinal).ToArray();
        throw refusal;
    }
}
