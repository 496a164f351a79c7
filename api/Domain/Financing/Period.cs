using System.Globalization;
using System.Text.RegularExpressions;

namespace Klima.Api.Domain.Financing;

/// <summary>
/// A half-open period [From, To) of whole days; To null means open-ended. Budget periods are a calendar year
/// ("2023") or a half-year ("2023-H2" = [2023-07-01, 2024-01-01)).
/// </summary>
public readonly partial record struct Period
{
    public Period(DateOnly from, DateOnly? to)
    {
        if (to is not null && to.Value <= from)
        {
            throw new ArgumentException($"A period must end after it starts ({from:yyyy-MM-dd} .. {to:yyyy-MM-dd}).", nameof(to));
        }
        From = from;
        To = to;
    }

    public DateOnly From { get; }
    public DateOnly? To { get; }

    public static Period Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));

    public static Period HalfYear(int year, int half) => half switch
    {
        1 => new Period(new DateOnly(year, 1, 1), new DateOnly(year, 7, 1)),
        2 => new Period(new DateOnly(year, 7, 1), new DateOnly(year + 1, 1, 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(half), "A half-year is 1 or 2."),
    };

    public bool Contains(DateOnly day) => day >= From && (To is null || day < To.Value);

    /// <summary>True when this period lies wholly inside <paramref name="outer"/> (an open end only fits an open end).</summary>
    public bool IsWithin(Period outer) =>
        From >= outer.From && (outer.To is null || (To is not null && To.Value <= outer.To.Value));

    /// <summary>True when both half-open periods share at least one day.</summary>
    public bool Overlaps(Period other) =>
        (other.To is null || From < other.To.Value) && (To is null || other.From < To.Value);

    /// <summary>"2023" for a calendar year, "2023-H1"/"2023-H2" for a half-year, otherwise "from..to".</summary>
    public string Label
    {
        get
        {
            if (To is { } to && From.Day == 1)
            {
                if (From.Month == 1 && to == From.AddYears(1))
                {
                    return From.Year.ToString(CultureInfo.InvariantCulture);
                }
                if ((From.Month == 1 || From.Month == 7) && to == From.AddMonths(6))
                {
                    return $"{From.Year.ToString(CultureInfo.InvariantCulture)}-H{(From.Month == 1 ? 1 : 2)}";
                }
            }
            return $"{From:yyyy-MM-dd}..{(To is null ? "" : To.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}";
        }
    }

    /// <summary>The calendar year holding this period, when it lies inside one year.</summary>
    public int? CalendarYear => To is { } to && to <= new DateOnly(From.Year + 1, 1, 1) ? From.Year : null;

    /// <summary>Parses a budget period label: "2023" or "2023-H1" / "2023-H2".</summary>
    public static bool TryParseBudgetPeriod(string? label, out Period period)
    {
        period = default;
        if (label is null)
        {
            return false;
        }
        var match = BudgetLabel().Match(label);
        if (!match.Success)
        {
            return false;
        }
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        period = match.Groups["half"].Success
            ? HalfYear(year, int.Parse(match.Groups["half"].Value, CultureInfo.InvariantCulture))
            : Year(year);
        return true;
    }

    public override string ToString() => Label;

    [GeneratedRegex(@"^(?<year>(19|20|21)[0-9]{2})(-H(?<half>[12]))?$")]
    private static partial Regex BudgetLabel();
}
