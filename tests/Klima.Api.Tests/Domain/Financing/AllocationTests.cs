using Klima.Api.Domain.Financing;

namespace Klima.Api.Tests.Domain.Financing;

public sealed class AllocationTests
{
    [Test]
    public void Splitting_800000_over_11_municipalities_equally_gives_72727_27_or_28_and_adds_up()
    {
        var parts = Allocation.Equal(Money.FromDecimal(800_000.00m), 11);
        Money.Sum(parts).ShouldBe(Money.FromDecimal(800_000.00m));
        // 80,000,000 øre / 11 = 7,272,727 rest 3: the first three parties get the extra øre.
        parts.Count(p => p.Ore == 7_272_728).ShouldBe(3);
        parts.Count(p => p.Ore == 7_272_727).ShouldBe(8);
        parts.Take(3).ShouldAllBe(p => p.Ore == 7_272_728);
    }

    [Test]
    public void The_largest_remainders_get_the_left_over_ore()
    {
        // 100 øre by 1:1:1 = 33.33 each, 1 øre over (ties: first party); by 2:3:5 of 1 øre the remainders decide.
        Allocation.ByWeights(new Money(100), [1, 1, 1]).Select(m => m.Ore).ShouldBe([34, 33, 33]);
        Allocation.ByWeights(new Money(1), [2, 3, 5]).Select(m => m.Ore).ShouldBe([0, 0, 1]);
        Allocation.ByWeights(new Money(10), [1, 2]).Select(m => m.Ore).ShouldBe([3, 7]);
    }

    [Test]
    public void Shares_must_sum_to_10000_basis_points()
    {
        Should.Throw<ArgumentException>(() => Allocation.ByShares(new Money(100), [5000, 4999]));
        Allocation.ByShares(Money.FromKroner(1_600_000), [5000, 5000]).ShouldAllBe(m => m == Money.FromKroner(800_000));
    }

    [Test]
    public void Zero_or_negative_weights_are_refused()
    {
        Should.Throw<ArgumentException>(() => Allocation.ByWeights(new Money(100), [0, 0]));
        Should.Throw<ArgumentException>(() => Allocation.ByWeights(new Money(100), [1, -1]));
        Should.Throw<ArgumentException>(() => Allocation.ByWeights(new Money(100), []));
    }

    [Test]
    public void A_zero_weight_party_gets_nothing()
    {
        Allocation.ByWeights(new Money(1001), [0, 1, 1]).Select(m => m.Ore).ShouldBe([0, 501, 500]);
    }

    [Test]
    public void Huge_amounts_and_weights_do_not_overflow()
    {
        var whole = Money.FromDecimal(10_000_000_000.00m);
        var parts = Allocation.ByWeights(whole, [long.MaxValue / 4, long.MaxValue / 4, 1]);
        Money.Sum(parts).ShouldBe(whole);
    }
}
