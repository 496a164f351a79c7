namespace Klima.Api.Domain.Governance;

/// <summary>A half-open period of days [From, To); To null = open-ended.</summary>
public readonly record struct Period(DateOnly From, DateOnly? To)
{
    private DateOnly End => To ?? DateOnly.MaxValue;

    public bool IsEmpty => To is { } to && to <= From;

    public bool Contains(DateOnly day) => From <= day && day < End;

    public bool Overlaps(Period other) => From < other.End && other.From < End;

    /// <summary>The part of this period that lies within <paramref name="window"/> (may be empty).</summary>
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
        return new Period(from, to);
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

    public override string ToString() => To is null ? $"[{From:yyyy-MM-dd}, open)" : $"[{From:yyyy-MM-dd}, {To:yyyy-MM-dd})";
}
