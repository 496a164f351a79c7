using System.Data.Common;
using Dapper;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.Financing.Grants;

/// <summary>A grant (bevilling): an amount a payer sets aside for a programme, moving reserved → released → spent / closed.</summary>
public sealed record GrantResponse
{
    public required Guid Id { get; init; }
    public required Guid ProgrammeId { get; init; }
    public required string ProgrammeCode { get; init; }
    public required Guid PayerId { get; init; }
    public required string PayerCode { get; init; }
    public required string Title { get; init; }
    public required MoneyAmount Amount { get; init; }
    public required GrantState State { get; init; }
    public string? Conditions { get; init; }
    public DateOnly? ReservedOn { get; init; }
    public string? ReservedByDecisionRef { get; init; }
    public DateOnly? ExpectedReleaseOn { get; init; }
    public DateOnly? ReleasedOn { get; init; }
    public string? ReleasedByDecisionRef { get; init; }
    public DateOnly? SpentOn { get; init; }
    public DateOnly? ClosedOn { get; init; }
    /// <summary>Every state change, oldest first, with its date and the decision that approved it.</summary>
    public required IReadOnlyList<GrantEventResponse> History { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
}

public sealed record GrantEventResponse
{
    public GrantState? FromState { get; init; }
    public required GrantState ToState { get; init; }
    public DateOnly? OccurredOn { get; init; }
    public string? DecisionRef { get; init; }
    public string? Note { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
}

internal sealed record GrantRow
{
    public Guid Id { get; init; }
    public Guid ProgrammeId { get; init; }
    public string ProgrammeCode { get; init; } = "";
    public Guid PayerId { get; init; }
    public string PayerCode { get; init; } = "";
    public string Title { get; init; } = "";
    public long AmountOre { get; init; }
    public string State { get; init; } = "";
    public string? Conditions { get; init; }
    public DateOnly? ReservedOn { get; init; }
    public string? ReservedByDecisionRef { get; init; }
    public DateOnly? ExpectedReleaseOn { get; init; }
    public DateOnly? ReleasedOn { get; init; }
    public string? ReleasedByDecisionRef { get; init; }
    public DateOnly? SpentOn { get; init; }
    public DateOnly? ClosedOn { get; init; }
    public int Version { get; init; }
    public DateTimeOffset ModifiedAt { get; init; }

    public GrantState StateValue => Enum.Parse<GrantState>(State, ignoreCase: true);
}

internal sealed record GrantEventRow
{
    public Guid GrantId { get; init; }
    public string? FromState { get; init; }
    public string ToState { get; init; } = "";
    public DateOnly? OccurredOn { get; init; }
    public string? DecisionRef { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string RecordedBy { get; init; } = "";
}
