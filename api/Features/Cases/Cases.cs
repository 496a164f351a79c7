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
public sealed record CaseRoute(Guid? RuleId, string? RuleCode, string? Explanation, IReadOnlyList<RouteStage> Stages)
{
    /// <summary>The routing rule's name: screens say it, not its code.</summary>
    public string? RuleName { get; init; }
}

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
    public string? RuleName { get; init; }
    public string? RouteExplanation { get; init; }
    /// <summary>The explanation as message keys and arguments (JSON); null for cases routed before it was kept so.</summary>
    public string? RouteExplanationText { get; init; }
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

/// <summary>A case with its current steps in route order, as read for reports over a whole governance model.</summary>
internal sealed record ModelCase(Guid Id, string CaseNumber, string Title, DateTimeOffset CreatedAt, IReadOnlyList<CaseStepResponse> Steps);
