using Klima.Api.Domain.Financing;
using Klima.Api.Domain;
using Klima.Api.Features.Financing.Shared;

namespace Klima.Api.Features.Financing.Programmes;

/// <summary>A funding programme, or a phase of one: what money is raised for, over a half-open period.</summary>
public sealed record ProgrammeResponse
{
    public required Guid Id { get; init; }
    public required Guid GovernanceModelId { get; init; }
    public Guid? ParentProgrammeId { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    /// <summary>First day (inclusive); null when the sources do not state it.</summary>
    public DateOnly? ValidFrom { get; init; }
    /// <summary>First day after the programme (exclusive); null = open-ended.</summary>
    public DateOnly? ValidTo { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
}

/// <summary>A programme with what has been committed and granted to it and its phases.</summary>
public sealed record ProgrammeDetailResponse
{
    public required ProgrammeResponse Programme { get; init; }
    public required IReadOnlyList<ProgrammeResponse> Phases { get; init; }
    public required GrantTotals Grants { get; init; }
    public required IReadOnlyList<CommitmentResponse> Commitments { get; init; }
    /// <summary>Sum of committed amounts (commitments stating staff only count 0).</summary>
    public required MoneyAmount Committed { get; init; }
}

/// <summary>Grant amounts by state, over the programme and its phases.</summary>
public sealed record GrantTotals(MoneyAmount Reserved, MoneyAmount Released, MoneyAmount Spent, MoneyAmount Closed);

/// <summary>What a payer has committed (disponeret) to a programme: money, staff (FTE) or both.</summary>
public sealed record CommitmentResponse
{
    public required Guid Id { get; init; }
    public required Guid ProgrammeId { get; init; }
    public required Guid PayerId { get; init; }
    public required string PayerCode { get; init; }
    public required string PayerName { get; init; }
    public MoneyAmount? Amount { get; init; }
    /// <summary>Full-time equivalents, e.g. 1.00.</summary>
    public decimal? Fte { get; init; }
    public DateOnly? PeriodFrom { get; init; }
    public DateOnly? PeriodTo { get; init; }
    public required string Description { get; init; }
    public string? SourceRef { get; init; }
}

internal sealed record ProgrammeRow
{
    public Guid Id { get; init; }
    public Guid GovernanceModelId { get; init; }
    public Guid? ParentProgrammeId { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public int Version { get; init; }
    public DateTimeOffset ModifiedAt { get; init; }

    public ProgrammeResponse ToResponse() => new()
    {
        Id = Id, GovernanceModelId = GovernanceModelId, ParentProgrammeId = ParentProgrammeId, Code = Code, Name = Name,
        Description = Description, ValidFrom = ValidFrom, ValidTo = ValidTo, Version = Version, ModifiedAt = ModifiedAt,
    };

    /// <summary>The programme's period for containment checks; an unknown start is treated as unbounded.</summary>
    public Period Bounds => new(ValidFrom ?? DateOnly.MinValue, ValidTo);
}
