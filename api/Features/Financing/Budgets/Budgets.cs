using System.Data.Common;
using Dapper;
using FluentValidation;
using FluentValidation.Results;
using Klima.Api.Domain.Financing;
using Klima.Api.Domain;
using Klima.Api.Features.Financing.Programmes;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Localization;

namespace Klima.Api.Features.Financing.Budgets;

/// <summary>A budget for a programme; its content lives in numbered versions (draft, approved, revised).</summary>
public sealed record BudgetResponse
{
    public required Guid Id { get; init; }
    public required Guid ProgrammeId { get; init; }
    public required string ProgrammeCode { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<BudgetVersionSummary> Versions { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
}

public sealed record BudgetVersionSummary
{
    public required int Number { get; init; }
    public required BudgetVersionStatus Status { get; init; }
    /// <summary>The day from which an approved or revised version is in force (until a later one takes over).</summary>
    public DateOnly? EffectiveFrom { get; init; }
    public DateOnly? ApprovedOn { get; init; }
    /// <summary>The decision that approved the version (case number and body, or a link to the case's decision).</summary>
    public string? DecisionRef { get; init; }
    public string? Note { get; init; }
    public required MoneyAmount Total { get; init; }
    /// <summary>True when the version's amounts are an assumption (the sources do not give them), not approved figures.</summary>
    public bool IsAssumption { get; init; }
}

public sealed record BudgetVersionResponse
{
    public required Guid BudgetId { get; init; }
    public required string BudgetCode { get; init; }
    public required Guid ProgrammeId { get; init; }
    public required int Number { get; init; }
    public required BudgetVersionStatus Status { get; init; }
    public DateOnly? EffectiveFrom { get; init; }
    public DateOnly? ApprovedOn { get; init; }
    public string? DecisionRef { get; init; }
    public string? Note { get; init; }
    public required MoneyAmount Total { get; init; }
    public required IReadOnlyList<BudgetLineResponse> Lines { get; init; }
    public required int Version { get; init; }
    /// <summary>True when the version's amounts are an assumption (the sources do not give them), not approved figures.</summary>
    public bool IsAssumption { get; init; }
}

public sealed record BudgetLineResponse
{
    public required int Ordinal { get; init; }
    public required PeriodResponse Period { get; init; }
    public required CostType CostType { get; init; }
    public required Guid PayerId { get; init; }
    public required string PayerCode { get; init; }
    public required string PayerName { get; init; }
    public required MoneyAmount Amount { get; init; }
    public required bool IsAdjustment { get; init; }
    public string? Note { get; init; }
}

/// <summary>A budget line as sent: a period label ("2024", "2024-H1"), a cost type, a payer and an amount.</summary>
public sealed record BudgetLineInput(string Period, CostType CostType, Guid PayerId, MoneyAmount Amount, bool IsAdjustment, string? Note);

internal sealed class BudgetLineRules : AbstractValidator<BudgetLineInput>
{
    public BudgetLineRules()
    {
        RuleFor(l => l.Period).BudgetPeriod();
        RuleFor(l => l.CostType).IsInEnum();
        RuleFor(l => l.PayerId).NotEmpty();
        RuleFor(l => l.Amount).NotNull().SetValidator(new MoneyRules());
        RuleFor(l => l.Amount.Amount).GreaterThanOrEqualTo(0).When(l => l.Amount is not null && !l.IsAdjustment)
            .WithMessage(_ => Messages.Get("Budget.NegativeOnlyAdjustment"))
            .OverridePropertyName("amount.amount");
        RuleFor(l => l.Note).MaximumLength(1000);
    }
}

internal sealed record BudgetRow
{
    public Guid Id { get; init; }
    public Guid ProgrammeId { get; init; }
    public string ProgrammeCode { get; init; } = "";
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public int Version { get; init; }
    public DateTimeOffset ModifiedAt { get; init; }
}

internal sealed record BudgetVersionRow
{
    public Guid Id { get; init; }
    public Guid BudgetId { get; init; }
    public int VersionNumber { get; init; }
    public string Status { get; init; } = "";
    public DateOnly? EffectiveFrom { get; init; }
    public DateOnly? ApprovedOn { get; init; }
    public string? DecisionRef { get; init; }
    public string? Note { get; init; }
    public bool IsAssumption { get; init; }
    public int Version { get; init; }

    public BudgetVersionStatus StatusValue => Enum.Parse<BudgetVersionStatus>(Status, ignoreCase: true);
    public BudgetVersionInfo Info => new(VersionNumber, StatusValue, EffectiveFrom);
}

internal sealed record BudgetLineRow
{
    public Guid BudgetVersionId { get; init; }
    public int Ordinal { get; init; }
    public DateOnly PeriodFrom { get; init; }
    public DateOnly PeriodTo { get; init; }
    public string CostType { get; init; } = "";
    public Guid PayerId { get; init; }
    public string PayerCode { get; init; } = "";
    public string PayerName { get; init; } = "";
    public long AmountOre { get; init; }
    public bool IsAdjustment { get; init; }
    public string? Note { get; init; }

    public BudgetLineResponse ToResponse() => new()
    {
        Ordinal = Ordinal, Period = PeriodResponse.Of(new Period(PeriodFrom, PeriodTo)), CostType = Enum.Parse<CostType>(CostType, ignoreCase: true),
        PayerId = PayerId, PayerCode = PayerCode, PayerName = PayerName, Amount = MoneyAmount.OfOre(AmountOre), IsAdjustment = IsAdjustment, Note = Note,
    };
}

internal sealed record VersionTotalRow
{
    public Guid VersionId { get; init; }
    public long Total { get; init; }
}
