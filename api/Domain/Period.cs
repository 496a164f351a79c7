using System.Globalization;
using System.Text.RegularExpressions;

namespace Klima.Api.Domain;

/// <summary>
/// A half-open period of whole days [From, To); To null = open-ended. One type for every period in Klima: a seat held,
/// a body's life, a programme's phase, a budget line ("2023" or the half-year "2023-H2" = [2023-07-01, 2024-01-01)).
/// <para>
/// The empty-period rule: [d, d) is the empty period. It is a value (what <see cref="ClipTo"/> returns when nothing is left)
/// that contains no day, overlaps nothing and is never stored: requests with an end on or before their start are refused
/// at the edge by their validators. A period that ends before it starts is not a period at all: the constructor throws.
/// </para>
/// </summary>
public readonly partial record struct Period
{
    public Period(DateOnly from, DateOnly? to)
    {
        if (to is { } end && end < from)
        {
            throw new ArgumentException($"A period must not end before it starts ({from:yyyy-MM-dd} .. {end:yyyy-MM-dd}).", nameof(to));
        }
        From = from;
        To = to;
    }

    public DateOnly From { get; }
    public DateOnly? To { get; }

    private DateOnly End => To ?? DateOnly.MaxValue;

    /// <summary>The empty period [d, d): it holds no day.</summary>
    public bool IsEmpty => To is { } to && to == From;

    public static Period Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));

    public static Period HalfYear(int year, int half) => half switch
    {
        1 => new Period(new DateOnly(year, 1, 1), new DateOnly(year, 7, 1)),
        2 => new Period(new DateOnly(year, 7, 1), new DateOnly(year + 1, 1, 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(half), "A half-year is 1 or 2."),
    };

    public bool Contains(DateOnly day) => From <= day && day < End;

    /// <summary>True when both periods share at least one day (so never when either is empty).</summary>
    public bool Overlaps(Period other) => !IsEmpty && !other.IsEmpty && From < other.End && other.From < End;

    /// <summary>True when this period lies wholly inside <paramref name="outer"/> (an open end only fits an open end).</summary>
    public bool IsWithin(Period outer) =>
        From >= outer.From && (outer.To is null || (To is not null && To.Value <= outer.To.Value));

    /// <summary>The part of this period that lies within <paramref name="window"/>; the empty period when they do not overlap.</summary>
    public Period ClipTo(Period window)
    {
        var from = From > window.From ? From : window.From;
        DateOnly? to = (To, window.To) switch
        {
            (null, null) => null,
            (null, { } w) => w,
            ({ } t, null) => t,
            ({ } t, { } w) => t < w ? t : w,
        };
        return to is { } end && end < from ? new Period(from, from) : new Period(from, to);
    }

    /// <summary>The greatest number of <paramref name="periods"/> that run at the same time within <paramref name="window"/>.</summary>
    public static int PeakOverlap(IEnumerable<Period> periods, Period window)
    {
        var clipped = periods.Where(p => p.Overlaps(window)).Select(p => p.ClipTo(window)).Where(p => !p.IsEmpty).ToList();
        // The peak is always reached at the start of some period.
        return clipped.Count == 0 ? 0 : clipped.Max(start => clipped.Count(p => p.Contains(start.From)));
    }

    /// <summary>Whether <paramref name="periods"/> together cover every day of this period (gaps of even one day do not).</summary>
    public bool IsCoveredBy(IEnumerable<Period> periods)
    {
        var cursor = From;
        foreach (var p in periods.Where(p => !p.IsEmpty).OrderBy(p => p.From))
        {
            if (cursor >= End)
            {
                break;
            }
            if (p.From > cursor)
            {
                return false;
            }
            if (p.End > cursor)
            {
                cursor = p.End;
            }
        }
        return cursor >= End;
    }

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

    /// <summary>
    /// This period as a message argument said by its name where it has one: a calendar year as "2024", a half-year as
    /// "1. halvår 2024" / "first half of 2024", any other by its days. A bare <see cref="Period"/> in a message is always said
    /// by its days ("1. jul. 2026 – 31. dec. 2026"), since a seat held for a half-year is not a budget half-year.
    /// </summary>
    public PeriodName Name => new(this);

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

/// <summary>A period said by its name in a message (see <see cref="Period.Name"/>).</summary>
public readonly record struct PeriodName(Period Period);
