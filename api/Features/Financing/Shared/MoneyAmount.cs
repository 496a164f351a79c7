using FluentValidation;
using Klima.Api.Domain.Financing;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Localization;

namespace Klima.Api.Features.Financing.Shared;

/// <summary>Money as the API shows it: a DKK amount with exactly two decimals and the currency, e.g. 800000.00 DKK.</summary>
public sealed record MoneyAmount(decimal Amount, string Currency)
{
    public static MoneyAmount Of(Money money) => new(money.ToDecimal(), Money.Currency);

    public static MoneyAmount OfOre(long ore) => Of(new Money(ore));

    public static MoneyAmount? OfOre(long? ore) => ore is null ? null : Of(new Money(ore.Value));

    /// <summary>Only call after <see cref="MoneyRules"/> passed.</summary>
    public Money ToMoney() => Money.FromDecimal(Amount);
}

/// <summary>Shape rules for a money input: DKK, at most 2 decimals, within ±10 billion kroner.</summary>
internal sealed class MoneyRules : AbstractValidator<MoneyAmount>
{
    public const decimal MaxKroner = 10_000_000_000m;

    public MoneyRules()
    {
        RuleFor(m => m.Currency).Equal(Money.Currency).WithMessage(_ => Messages.Get("Money.Currency"));
        RuleFor(m => m.Amount).Must(Money.HasAtMostTwoDecimals).WithMessage(_ => Messages.Get("Money.TwoDecimals"));
        RuleFor(m => m.Amount).InclusiveBetween(-MaxKroner, MaxKroner)
            .WithMessage(_ => Messages.Get("Money.Range"));
    }
}

public enum CostType
{
    Salaries,
    Operations,
    Other,
}

/// <summary>A budget period as the API shows it: its label ("2023-H2") and the half-open dates [from, to).</summary>
public sealed record PeriodResponse(string Label, DateOnly From, DateOnly? To)
{
    public static PeriodResponse Of(Period period) => new(period.Label, period.From, period.To);
}
