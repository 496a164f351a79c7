namespace Klima.Api.Domain.Routing;

/// <summary>What a body is asked to do with a case at one step.</summary>
public enum StepRole
{
    Orientation,
    Discussion,
    Recommendation,
    Decision,
    Consultation,
    Approval,
}

/// <summary>The structured outcome a body records at a step.</summary>
public enum DecisionOutcome
{
    Approved,
    ApprovedWithChanges,
    Rejected,
    Postponed,
    Referred,
    Noted,
}

/// <summary>A body as routing sees it: whether its mandate lets it decide, and which organisation hosts it.</summary>
public sealed record RoutingBody(Guid Id, string Code, string Name, string Kind, bool CanDecide, Guid? HostOrganisationId);

/// <summary>A member party of the governance model (the fan-out targets are the members' councils).</summary>
public sealed record RoutingParty(Guid OrganisationId, string Name, string Kind);

/// <summary>
/// One step template of a rule. Either names a body, or fans out (<see cref="FanOut"/> = "memberCouncils") to the
/// council of every member party of that kind, one step each.
/// </summary>
public sealed record RuleStep(int StageOrdinal, string StageName, Guid? BodyId, string? FanOut, string? FanOutPartyKind,
    StepRole Role, bool Authoritative, int? DeadlineDays, string? Note);

/// <summary>
/// A routing rule as data. It matches a case when the interest matches (null = any interest) and the
/// council-decision condition matches (null = either). Rules are tried by ascending priority; the first match wins.
/// </summary>
public sealed record RoutingRule(Guid Id, string Code, string Name, string? Description, string? InterestCode,
    bool? RequiresCouncilDecision, int Priority, string? SourceReference, IReadOnlyList<RuleStep> Steps)
{
    /// <summary>The name of <see cref="InterestCode"/>, when the caller knows it: explanations say names, not codes.</summary>
    public string? InterestName { get; init; }
}

/// <summary>What a case offers the rules to match on.</summary>
public sealed record RoutingInput(string InterestCode, bool CouncilDecisionRequired, DateOnly Today)
{
    /// <summary>The name of the case's interest, when the caller knows it: explanations say names, not codes.</summary>
    public string? InterestName { get; init; }
}

/// <summary>One step of a computed or edited route.</summary>
public sealed record PlannedStep(int StageOrdinal, string StageName, int Ordinal, Guid BodyId, string BodyName, Guid? OrganisationId,
    StepRole Role, bool Authoritative, DateOnly? Deadline, string? Note);

/// <summary>A named stage: its steps run in parallel; stages run in order.</summary>
public sealed record PlannedStage(int Ordinal, string Name, IReadOnlyList<PlannedStep> Steps);

/// <summary>A refusal: a step asks a body to do what its mandate does not allow.</summary>
public sealed record MandateViolation(string Rule, Guid BodyId, string BodyName, StepRole Role, Text Detail);

public sealed record RoutePlan(RoutingRule? Rule, Text Explanation, IReadOnlyList<PlannedStage> Stages, IReadOnlyList<MandateViolation> Violations)
{
    public bool Matched => Rule is not null;
    public IEnumerable<PlannedStep> Steps => Stages.SelectMany(s => s.Steps);
}
