using System.Globalization;

namespace Klima.Api.Domain.Financing;

/// <summary>
/// An amount of Danish kroner held as whole øre (1 DKK = 100 øre) in a 64-bit integer, so that sums, differences
/// and splits are exact. Arithmetic is checked: an overflow throws rather than wrapping silently.
/// </summary>
public readonly record struct Money(long Ore) : IComparable<Money>
{
    public const string Currency = "DKK";
    public const int OrePerKrone = 100;

    public static readonly Money Zero = new(0);

    public static Money FromKroner(long kroner) => new(checked(kroner * OrePerKrone));

    /// <summary>Converts a decimal DKK amount; refuses (rather than rounds) anything finer than one øre.</summary>
    public static Money FromDecimal(decimal kroner)
    {
        if (!HasAtMostTwoDecimals(kroner))
        {
            throw new ArgumentException($"{kroner.ToString(CultureInfo.InvariantCulture)} has more than 2 decimals.", nameof(kroner));
        }
        return new Money(decimal.ToInt64(kroner * OrePerKrone));
    }

    public static bool HasAtMostTwoDecimals(decimal value) => decimal.Round(value, 2, MidpointRounding.ToZero) == value;

    /// <summary>The amount in kroner with exactly two decimals (800000.00), as the API shows it.</summary>
    public decimal ToDecimal() => Ore * 0.01m;

    public bool IsNegative => Ore < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Ore + b.Ore));
    public static Money operator -(Money a, Money b) => new(checked(a.Ore - b.Ore));
    public static Money operator -(Money a) => new(checked(-a.Ore));
    public static Money operator *(Money a, long factor) => new(checked(a.Ore * factor));
    public static bool operator <(Money a, Money b) => a.Ore < b.Ore;
    public static bool operator >(Money a, Money b) => a.Ore > b.Ore;
    public static bool operator <=(Money a, Money b) => a.Ore <= b.Ore;
    public static bool operator >=(Money a, Money b) => a.Ore >= b.Ore;

    public static Money Sum(IEnumerable<Money> amounts)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var total = Zero;
        foreach (var amount in amounts)
        {
            total += amount;
        }
        return total;
    }

    public int CompareTo(Money other) => Ore.CompareTo(other.Ore);

    /// <summary>Invariant text with two decimals and a point: 800000.00.</summary>
    public string ToInvariantString() => ToDecimal().ToString("0.00", CultureInfo.InvariantCulture);

    public override string ToString() => ToInvariantString() + " " + Currency;
}
