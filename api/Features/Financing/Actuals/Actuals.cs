using Klima.Api.Domain.Financing;
using Klima.Api.Domain;
using Klima.Api.Features.Financing.Shared;

namespace Klima.Api.Features.Financing.Actuals;

/// <summary>Money spent against a budget in one period, cost type and payer.</summary>
public sealed record ActualResponse
{
    public required Guid Id { get; init; }
    public required Guid BudgetId { get; init; }
    public required PeriodResponse Period { get; init; }
    public required CostType CostType { get; init; }
    public required Guid PayerId { get; init; }
    public required string PayerCode { get; init; }
    public required MoneyAmount Amount { get; init; }
    public required bool IsAdjustment { get; init; }
    public required DateOnly BookedOn { get; init; }
    public string? Reference { get; init; }
    public string? Note { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
}

internal sealed record ActualRow
{
    public Guid Id { get; init; }
    public Guid BudgetId { get; init; }
    public DateOnly PeriodFrom { get; init; }
    public DateOnly PeriodTo { get; init; }
    public string CostType { get; init; } = "";
    public Guid PayerId { get; init; }
    public string PayerCode { get; init; } = "";
    public long AmountOre { get; init; }
    public bool IsAdjustment { get; init; }
    public DateOnly BookedOn { get; init; }
    public string? Reference { get; init; }
    public string? Note { get; init; }
    public int Version { get; init; }
    public DateTimeOffset ModifiedAt { get; init; }

    public ActualResponse ToResponse() => new()
    {
        Id = Id, BudgetId = BudgetId, Period = PeriodResponse.Of(new Period(PeriodFrom, PeriodTo)), CostType = Enum.Parse<CostType>(CostType, ignoreCase: true),
        PayerId = PayerId, PayerCode = PayerCode, Amount = MoneyAmount.OfOre(AmountOre), IsAdjustment = IsAdjustment, BookedOn = BookedOn,
        Reference = Reference, Note = Note, Version = Version, ModifiedAt = ModifiedAt,
    };
}
