using System.Text.Json.Serialization;
using Klima.Api.Domain.Governance;

namespace Klima.Api.Features.Bodies;

public enum BodyKind
{
    PoliticalBoard,
    PoliticalForum,
    Council,
    DialogueForum,
    AdministrativeSteeringGroup,
    ProjectSteeringGroup,
    Secretariat,
    NationalBody,
    WorkingGroup,
    Other,
}

/// <summary>How one body stands to another: the edges of Figures 1 and 2.</summary>
public enum RelationKind
{
    Serves,
    Steers,
    PreparesCasesFor,
    AppointsMembersTo,
    ReportsTo,
    ReferenceFor,
    CoordinatesWith,
    /// <summary>Sends its cases on for decision (e.g. KKR to the member councils, when a routing rule fans out to them).</summary>
    RefersCasesTo,
}

/// <summary>A governance body (board, forum, steering group, secretariat) as lists and commands return it.</summary>
public record BodyResponse
{
    public required Guid Id { get; init; }
    public required Guid GovernanceModelId { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string? NameEn { get; init; }
    public required BodyKind Kind { get; init; }
    public string? Mandate { get; init; }
    public required bool CanDecide { get; init; }
    public Guid? HostOrganisationId { get; init; }
    /// <summary>The secretariat that serves the body (prepares and records its treatment); may be the body itself.</summary>
    public Guid? ServedByBodyId { get; init; }
    /// <summary>
    /// The organisation whose systems may record the body's recommendations and decisions and manage its meetings;
    /// null = only staff not bound to an organisation.
    /// </summary>
    public Guid? ServedByOrganisationId { get; init; }
    public DateOnly? EstablishedOn { get; init; }
    public string? EstablishedByCaseRef { get; init; }
    public DateOnly? DissolvedOn { get; init; }
    public string? DissolvedByCaseRef { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
    public bool Deleted { get; init; }
}

/// <summary>
/// One body read in full on a date: its host, its relations in and out, its seats with who held them on
/// <see cref="AsOf"/>, and soft warnings (vacant seats, terms ending, categories short of their minimum).
/// The body's own fields come first in the JSON.
/// </summary>
public sealed record BodyDetailResponse : BodyResponse
{
    [JsonPropertyOrder(1)]
    public required DateOnly AsOf { get; init; }
    [JsonPropertyOrder(1)]
    public OrganisationRef? HostOrganisation { get; init; }
    [JsonPropertyOrder(1)]
    public required IReadOnlyList<RelationResponse> RelationsOut { get; init; }
    [JsonPropertyOrder(1)]
    public required IReadOnlyList<RelationResponse> RelationsIn { get; init; }
    [JsonPropertyOrder(1)]
    public required IReadOnlyList<SeatResponse> Seats { get; init; }
    [JsonPropertyOrder(1)]
    public required IReadOnlyList<BodyWarning> Warnings { get; init; }
}

public sealed record OrganisationRef
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public string? ShortName { get; init; }
}

public sealed record RelationResponse
{
    public required Guid Id { get; init; }
    public required Guid GovernanceModelId { get; init; }
    public required Guid FromBodyId { get; init; }
    public required string FromBodyName { get; init; }
    public required Guid ToBodyId { get; init; }
    public required string ToBodyName { get; init; }
    public required RelationKind Kind { get; init; }
    public string? Note { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
}

/// <summary>A seat of a body, and (when read on a date) who held it then; <see cref="Holder"/> null = vacant.</summary>
public sealed record SeatResponse
{
    public required Guid Id { get; init; }
    public required Guid BodyId { get; init; }
    public required int Ordinal { get; init; }
    public required string Label { get; init; }
    public string? Category { get; init; }
    public required SeatRole Role { get; init; }
    public required bool Voting { get; init; }
    public Guid? RepresentsOrganisationId { get; init; }
    public string? RepresentsOrganisationName { get; init; }
    public Guid? AppointedByOrganisationId { get; init; }
    public Guid? AppointedByBodyId { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
    public bool Deleted { get; init; }
    public SeatHolder? Holder { get; init; }
}

public sealed record SeatHolder
{
    public required Guid MembershipId { get; init; }
    public required Guid PersonId { get; init; }
    public required string PersonName { get; init; }
    public required DateOnly ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public Guid? SubstitutePersonId { get; init; }
}

/// <summary>A soft finding on a body; <see cref="Rule"/> names the composition rule when one is involved.</summary>
public sealed record BodyWarning
{
    public required string Code { get; init; }
    public required string Message { get; init; }
    public string? Rule { get; init; }
    public required IReadOnlyList<Guid> SeatIds { get; init; }
    public Guid? MembershipId { get; init; }

    public static BodyWarning From(Finding finding) => new()
    {
        Code = finding.Code, Message = Infrastructure.Localization.Messages.Say(finding.Message), Rule = finding.Rule, SeatIds = finding.SeatIds, MembershipId = finding.MembershipId,
    };
}

public sealed record CompositionRuleResponse
{
    public required Guid Id { get; init; }
    public required Guid BodyId { get; init; }
    public required string Code { get; init; }
    public required RuleKind Kind { get; init; }
    public required RuleSeverity Severity { get; init; }
    /// <summary>The N of "at most N" / "at least N" rules.</summary>
    public int? Value { get; init; }
    public string? Category { get; init; }
    public Guid? RefBodyId { get; init; }
    public required string Description { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
    public bool Deleted { get; init; }
}
