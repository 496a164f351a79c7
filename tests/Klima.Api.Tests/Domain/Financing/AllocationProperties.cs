// FsCheck supplies the arguments of [Property] tests; the NUnit analyzer only knows NUnit's own argument sources.
#pragma warning disable NUnit1027
using FsCheck;
using FsCheck.NUnit;
using Klima.Api.Domain.Financing;

namespace Klima.Api.Tests.Domain.Financing;

/// <summary>Property-based tests of the largest-remainder split: they hold for every whole and every key FsCheck can find.</summary>
public sealed class AllocationProperties
{
    private static Money Whole(NonNegativeInt high, NonNegativeInt low) => new((long)high.Get * 1_000_003L + low.Get);

    private static long[] Weights(NonEmptyArray<NonNegativeInt> weights)
    {
        var values = weights.Get.Select(w => (long)w.Get).ToArray();
        if (values.All(v => v == 0))
        {
            values[0] = 1;
        }
        return values;
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Weighted_parts_always_sum_to_the_whole(NonNegativeInt high, NonNegativeInt low, NonEmptyArray<NonNegativeInt> weights)
    {
        var whole = Whole(high, low);
        return Money.Sum(Allocation.ByWeights(whole, Weights(weights))) == whole;
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Negative_wholes_split_into_parts_that_sum_to_them(NonNegativeInt high, NonNegativeInt low, NonEmptyArray<NonNegativeInt> weights)
    {
        var whole = -Whole(high, low);
        var parts = Allocation.ByWeights(whole, Weights(weights));
        return Money.Sum(parts) == whole && parts.All(p => p.Ore <= 0);
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Parts_are_never_negative_for_a_non_negative_whole(NonNegativeInt high, NonNegativeInt low, NonEmptyArray<NonNegativeInt> weights) =>
        Allocation.ByWeights(Whole(high, low), Weights(weights)).All(p => p.Ore >= 0);

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Equal_keys_give_parts_that_differ_by_at_most_one_ore(NonNegativeInt high, NonNegativeInt low, PositiveInt parties)
    {
        var count = parties.Get % 200 + 1;
        var parts = Allocation.Equal(Whole(high, low), count);
        return parts.Count == count && parts.Max(p => p.Ore) - parts.Min(p => p.Ore) <= 1;
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Parties_with_equal_weights_differ_by_at_most_one_ore(NonNegativeInt high, NonNegativeInt low, NonEmptyArray<NonNegativeInt> weights)
    {
        // Give the first party's weight to a second party too: those two must end within one øre of each other.
        var values = Weights(weights).Append(0).ToArray();
        values[^1] = values[0];
        var parts = Allocation.ByWeights(Whole(high, low), values);
        return Math.Abs(parts[0].Ore - parts[^1].Ore) <= 1;
    }

    [FsCheck.NUnit.Property(MaxTest = 500)]
    public bool Each_part_is_within_one_ore_of_its_exact_share(NonNegativeInt high, NonNegativeInt low, NonEmptyArray<NonNegativeInt> weights)
    {
        var whole = Whole(high, low);
        var values = Weights(weights);
        var parts = Allocation.ByWeights(whole, values);
        var sum = values.Sum();
        return parts.Select((p, i) => (p, i)).All(x =>
        {
            var exact = (decimal)whole.Ore * values[x.i] / sum;
            return Math.Abs(x.p.Ore - exact) < 1m;
        });
    }

    [FsCheck.NUnit.Property(MaxTest = 300)]
    public bool Share_splits_sum_to_the_whole(NonNegativeInt high, NonNegativeInt low, NonEmptyArray<NonNegativeInt> raw)
    {
        // Turn arbitrary numbers into basis points summing to exactly 10000 with the same split.
        var weights = Weights(raw);
        var bp = Allocation.ByWeights(new Money(Allocation.WholeInBasisPoints), weights).Select(m => (int)m.Ore).ToList();
        var whole = Whole(high, low);
        return Money.Sum(Allocation.ByShares(whole, bp)) == whole;
    }
}
