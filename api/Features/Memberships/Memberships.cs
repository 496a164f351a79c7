using Klima.Api.Domain.Governance;

namespace Klima.Api.Features.Memberships;

/// <summary>
/// A person holding a seat over the half-open period [validFrom, validTo). Rows are never rewritten to change history:
/// ending a membership sets validTo and a reason; a new term is a new membership.
/// </summary>
public sealed record MembershipResponse
{
    public required Guid Id { get; init; }
    public required Guid SeatId { get; init; }
    public required string SeatLabel { get; init; }
    public required SeatRole SeatRole { get; init; }
    public required Guid BodyId { get; init; }
    public required string BodyName { get; init; }
    public Guid? RepresentsOrganisationId { get; init; }
    public required Guid PersonId { get; init; }
    public required string PersonName { get; init; }
    public required DateOnly ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public string? AppointedByDecisionRef { get; init; }
    public Guid? SubstitutePersonId { get; init; }
    public string? SubstitutePersonName { get; init; }
    public required bool TiedToElectionTerm { get; init; }
    public string? EndReason { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
    public bool Deleted { get; init; }
}

public sealed record ElectionTermResponse
{
    public required Guid Id { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required DateOnly StartsOn { get; init; }
    public required DateOnly EndsOn { get; init; }
    /// <summary>The partnership whose own term this is; null for a national term, followed by every model without terms of its own.</summary>
    public Guid? GovernanceModelId { get; init; }
}
