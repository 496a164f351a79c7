namespace Klima.Api.Domain.Financing;

/// <summary>
/// Splits a joint amount over parties by a key with the largest-remainder method (Hamilton): each party first gets
/// the floor of its exact share in øre; the øre left over go one each to the parties with the largest remainders
/// (ties to the earlier party). The parts always add up to the whole, are never negative for a non-negative whole,
/// and equal keys get parts that differ by at most one øre.
/// </summary>
public static class Allocation
{
    /// <summary>Shares in basis points (1/100 of a percent) must sum to this.</summary>
    public const int WholeInBasisPoints = 10_000;

    public static IReadOnlyList<Money> Equal(Money total, int parties)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parties);
        return ByWeights(total, Enumerable.Repeat(1L, parties).ToList());
    }

    public static IReadOnlyList<Money> ByShares(Money total, IReadOnlyList<int> basisPoints)
    {
        ArgumentNullException.ThrowIfNull(basisPoints);
        if (basisPoints.Any(b => b < 0) || basisPoints.Sum(b => (long)b) != WholeInBasisPoints)
        {
            throw new ArgumentException($"Shares must be non-negative and sum to {WholeInBasisPoints} basis points (100%).", nameof(basisPoints));
        }
        return ByWeights(total, basisPoints.Select(b => (long)b).ToList());
    }

    /// <summary>Splits by non-negative weights (for example population); at least one weight must be positive.</summary>
    public static IReadOnlyList<Money> ByWeights(Money total, IReadOnlyList<long> weights) => Split(total, weights).Parts;

    /// <summary>
    /// The split with its remainder øre: which parties got one of the øre left over after every party got its exact share
    /// rounded down (the largest remainders first, ties to the earlier party), and how many øre were left over.
    /// </summary>
    public static AllocationSplit Split(Money total, IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0)
        {
            throw new ArgumentException("There must be at least one party.", nameof(weights));
        }
        if (weights.Any(w => w < 0))
        {
            throw new ArgumentException("Weights must not be negative.", nameof(weights));
        }
        Int128 weightSum = 0;
        foreach (var w in weights)
        {
            weightSum += w;
        }
        if (weightSum == 0)
        {
            throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        }

        // A negative whole (a correction) is split as its absolute value and negated, so it mirrors a positive split.
        var negative = total.Ore < 0;
        Int128 whole = negative ? -(Int128)total.Ore : total.Ore;

        var parts = new long[weights.Count];
        var remainders = new Int128[weights.Count];
        Int128 assigned = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = whole * weights[i];
            parts[i] = (long)(exact / weightSum);
            remainders[i] = exact % weightSum;
            assigned += parts[i];
        }
        var leftOver = (long)(whole - assigned);
        var order = Enumerable.Range(0, weights.Count)
            .OrderByDescending(i => remainders[i])
            .ThenBy(i => i)
            .Take((int)leftOver);
        var extra = new bool[weights.Count];
        foreach (var i in order)
        {
            parts[i]++;
            extra[i] = true;
        }
        return new AllocationSplit(parts.Select(p => new Money(negative ? -p : p)).ToList(), extra, leftOver);
    }
}

/// <summary>A split: the parts, whether each got one remainder øre, and how many øre were left over after rounding down.</summary>
public sealed record AllocationSplit(IReadOnlyList<Money> Parts, IReadOnlyList<bool> GotRemainderOre, long RemainderOre);
