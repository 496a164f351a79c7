using Klima.Api.Domain.Financing;

namespace Klima.Api.Tests.Domain.Financing;

public sealed class MoneyTests
{
    [Test]
    public void Decimal_amounts_convert_exactly_to_ore_and_back_with_two_decimals()
    {
        var money = Money.FromDecimal(800_000.00m);
        money.Ore.ShouldBe(80_000_000);
        money.ToDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture).ShouldBe("800000.00");
        Money.FromDecimal(0.1m).Ore.ShouldBe(10);
        Money.FromDecimal(-12.34m).Ore.ShouldBe(-1234);
    }

    [Test]
    public void Amounts_finer_than_an_ore_are_refused_not_rounded()
    {
        Should.Throw<ArgumentException>(() => Money.FromDecimal(0.001m));
        Money.HasAtMostTwoDecimals(1.10m).ShouldBeTrue();
        Money.HasAtMostTwoDecimals(1.105m).ShouldBeFalse();
    }

    [Test]
    public void Tenths_add_up_exactly_where_floating_point_would_not()
    {
        var sum = Money.Sum(Enumerable.Repeat(Money.FromDecimal(0.10m), 10));
        sum.ShouldBe(Money.FromDecimal(1.00m));
    }

    [Test]
    public void Overflow_throws_rather_than_wrapping()
    {
        Should.Throw<OverflowException>(() => new Money(long.MaxValue) + new Money(1));
    }
}

public sealed class BudgetVersionTests
{
    private static readonly BudgetVersionInfo[] History =
    [
        new(1, BudgetVersionStatus.Approved, new DateOnly(2023, 2, 17)),
        new(2, BudgetVersionStatus.Revised, new DateOnly(2024, 1, 1)),
        new(3, BudgetVersionStatus.Draft, null),
    ];

    [Test]
    public void The_version_in_force_is_the_latest_effective_on_or_before_the_day()
    {
        BudgetVersions.InForce(History, new DateOnly(2023, 1, 1)).ShouldBeNull();
        BudgetVersions.InForce(History, new DateOnly(2023, 2, 17))!.Number.ShouldBe(1);
        BudgetVersions.InForce(History, new DateOnly(2023, 12, 31))!.Number.ShouldBe(1);
        BudgetVersions.InForce(History, new DateOnly(2024, 1, 1))!.Number.ShouldBe(2);
        BudgetVersions.InForce(History, new DateOnly(2030, 1, 1))!.Number.ShouldBe(2);
    }

    [Test]
    public void Approving_after_an_earlier_approval_is_a_revision()
    {
        BudgetVersions.StatusOnApproval([new(1, BudgetVersionStatus.Draft, null)]).ShouldBe(BudgetVersionStatus.Approved);
        BudgetVersions.StatusOnApproval(History).ShouldBe(BudgetVersionStatus.Revised);
    }

    [Test]
    public void Grants_move_forward_only()
    {
        GrantLifecycle.CanMove(GrantState.Reserved, GrantState.Released).ShouldBeTrue();
        GrantLifecycle.CanMove(GrantState.Released, GrantState.Spent).ShouldBeTrue();
        GrantLifecycle.CanMove(GrantState.Spent, GrantState.Closed).ShouldBeTrue();
        GrantLifecycle.CanMove(GrantState.Released, GrantState.Reserved).ShouldBeFalse();
        GrantLifecycle.CanMove(GrantState.Closed, GrantState.Released).ShouldBeFalse();
        GrantLifecycle.CanMove(GrantState.Reserved, GrantState.Spent).ShouldBeFalse();
    }

    [Test]
    public void Budget_versus_actual_gives_variance_and_utilisation()
    {
        var row = new BudgetVsActual(Money.FromKroner(800_000), Money.FromKroner(200_000));
        row.Variance.ShouldBe(Money.FromKroner(600_000));
        row.UtilisationBasisPoints.ShouldBe(2500);
        new BudgetVsActual(Money.Zero, Money.FromKroner(1)).UtilisationBasisPoints.ShouldBeNull();
    }

    [TestCase(80_000_000, 79_999_999, 9999)] // 799,999.99 of 800,000.00 kr.: not "100 %"
    [TestCase(80_000_000, 80_000_000, 10000)] // fully used
    [TestCase(80_000_000, 79_996_001, 9999)] // 99.995 %: down, not half up
    [TestCase(80_000_000, 80_007_999, 10000)] // overspent by less than a basis point (8,000 øre here): still shown as 100 %, not more
    [TestCase(80_000_000, 80_008_000, 10001)] // overspent by one basis point
    [TestCase(80_000_000, -1, -1)] // a net refund: below zero, never rounded up to 0
    public void Utilisation_is_rounded_down_so_that_100_percent_means_fully_used(long budgetOre, long actualOre, long basisPoints) =>
        new BudgetVsActual(new Money(budgetOre), new Money(actualOre)).UtilisationBasisPoints.ShouldBe(basisPoints);
}
