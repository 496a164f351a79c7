using Klima.Api.Domain;

namespace Klima.Api.Tests.Domain;

/// <summary>The one <see cref="Period"/> (governance and financing alike): half-open [from, to) of whole days.</summary>
public sealed class PeriodTests
{
    private static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public void A_period_contains_its_first_day_but_not_its_end()
    {
        var period = new Period(D("2022-01-01"), D("2026-01-01"));
        period.Contains(D("2022-01-01")).ShouldBeTrue();
        period.Contains(D("2025-12-31")).ShouldBeTrue();
        period.Contains(D("2026-01-01")).ShouldBeFalse();
        period.Contains(D("2021-12-31")).ShouldBeFalse();
    }

    [Test]
    public void An_open_ended_period_contains_every_later_day()
    {
        new Period(D("2022-01-01"), null).Contains(D("2999-12-31")).ShouldBeTrue();
    }

    [Test]
    public void Back_to_back_periods_do_not_overlap()
    {
        var first = new Period(D("2022-01-01"), D("2024-01-01"));
        var second = new Period(D("2024-01-01"), null);
        first.Overlaps(second).ShouldBeFalse();
        second.Overlaps(first).ShouldBeFalse();
    }

    [Test]
    public void Periods_sharing_a_day_overlap_and_open_periods_overlap_everything_after_them()
    {
        new Period(D("2022-01-01"), D("2024-01-02")).Overlaps(new Period(D("2024-01-01"), null)).ShouldBeTrue();
        new Period(D("2022-01-01"), null).Overlaps(new Period(D("2030-01-01"), D("2031-01-01"))).ShouldBeTrue();
        new Period(D("2022-01-01"), null).Overlaps(new Period(D("2020-01-01"), D("2022-01-01"))).ShouldBeFalse();
    }

    // The empty-period rule, decided once for every period in Klima (see Period's summary).
    [Test]
    public void A_period_ending_on_its_first_day_is_the_empty_period_which_holds_no_day_and_overlaps_nothing()
    {
        var empty = new Period(D("2022-01-01"), D("2022-01-01"));
        empty.IsEmpty.ShouldBeTrue();
        empty.Contains(D("2022-01-01")).ShouldBeFalse();
        empty.Overlaps(new Period(D("2021-01-01"), null)).ShouldBeFalse();
        new Period(D("2021-01-01"), null).Overlaps(empty).ShouldBeFalse();
        empty.Overlaps(empty).ShouldBeFalse();
        new Period(D("2022-01-01"), D("2022-01-02")).IsEmpty.ShouldBeFalse();
        new Period(D("2022-01-01"), null).IsEmpty.ShouldBeFalse();
    }

    [Test]
    public void A_period_ending_before_it_starts_is_not_a_period()
    {
        Should.Throw<ArgumentException>(() => new Period(D("2023-01-02"), D("2023-01-01")));
    }

    [Test]
    public void Clipping_to_a_window_it_misses_leaves_the_empty_period()
    {
        var window = new Period(D("2024-01-01"), D("2025-01-01"));
        new Period(D("2020-01-01"), D("2022-01-01")).ClipTo(window).IsEmpty.ShouldBeTrue();
        new Period(D("2023-01-01"), null).ClipTo(window).ShouldBe(window);
        new Period(D("2024-03-01"), D("2030-01-01")).ClipTo(window).ShouldBe(new Period(D("2024-03-01"), D("2025-01-01")));
    }

    [Test]
    public void A_bare_period_is_said_by_its_days_and_by_its_name_only_when_asked()
    {
        var half = new Period(D("2026-07-01"), D("2027-01-01"));
        Klima.Api.Infrastructure.Localization.Messages.Format(half, Klima.Api.Infrastructure.Localization.Messages.Danish).ShouldBe("1. jul. 2026 – 31. dec. 2026");
        Klima.Api.Infrastructure.Localization.Messages.Format(half.Name, Klima.Api.Infrastructure.Localization.Messages.Danish).ShouldBe("2. halvår 2026");
        Klima.Api.Infrastructure.Localization.Messages.Format(Period.Year(2024).Name, Klima.Api.Infrastructure.Localization.Messages.English).ShouldBe("2024");
    }

    [Test]
    public void Peak_overlap_counts_concurrent_periods_not_all_periods()
    {
        var window = new Period(D("2022-01-01"), D("2026-01-01"));
        // Two successive holders of one seat and one holder of another: at most 2 at the same time.
        Period[] periods =
        [
            new(D("2022-01-01"), D("2023-06-01")),
            new(D("2023-06-01"), null),
            new(D("2022-03-01"), D("2025-01-01")),
        ];
        Period.PeakOverlap(periods, window).ShouldBe(2);
    }

    [Test]
    public void Peak_overlap_ignores_periods_outside_the_window()
    {
        var window = new Period(D("2024-01-01"), D("2025-01-01"));
        Period[] periods = [new(D("2020-01-01"), D("2024-01-01")), new(D("2025-01-01"), null), new(D("2024-06-01"), D("2024-07-01"))];
        Period.PeakOverlap(periods, window).ShouldBe(1);
        Period.PeakOverlap([], window).ShouldBe(0);
    }

#pragma warning disable NUnit1027 // FsCheck supplies the arguments
    [FsCheck.NUnit.Property]
    public bool Overlap_is_symmetric(int a, int b, int c, int d)
    {
        static DateOnly Day(int n) => new DateOnly(2020, 1, 1).AddDays(Math.Abs(n % 3000));
        var first = new Period(Day(a), Day(a).AddDays(1 + Math.Abs(b % 500)));
        var second = new Period(Day(c), d % 3 == 0 ? null : Day(c).AddDays(1 + Math.Abs(d % 500)));
        return first.Overlaps(second) == second.Overlaps(first);
    }
#pragma warning restore NUnit1027

    [Test]
    public void Budget_period_labels_parse_to_half_open_periods()
    {
        Period.TryParseBudgetPeriod("2023-H2", out var h2).ShouldBeTrue();
        h2.From.ShouldBe(new DateOnly(2023, 7, 1));
        h2.To.ShouldBe(new DateOnly(2024, 1, 1));
        Period.TryParseBudgetPeriod("2024", out var year).ShouldBeTrue();
        year.ShouldBe(Period.Year(2024));
        year.Label.ShouldBe("2024");
        h2.Label.ShouldBe("2023-H2");
        Period.TryParseBudgetPeriod("2023-H3", out _).ShouldBeFalse();
        Period.TryParseBudgetPeriod("23", out _).ShouldBeFalse();
    }

    [Test]
    public void A_half_open_period_contains_its_first_day_but_not_its_end()
    {
        var dk2020 = new Period(new DateOnly(2021, 1, 1), new DateOnly(2023, 7, 1));
        dk2020.Contains(new DateOnly(2021, 1, 1)).ShouldBeTrue();
        dk2020.Contains(new DateOnly(2023, 6, 30)).ShouldBeTrue();
        dk2020.Contains(new DateOnly(2023, 7, 1)).ShouldBeFalse();
    }

    [Test]
    public void Within_and_overlap_respect_the_open_end()
    {
        var secretariat = new Period(new DateOnly(2023, 7, 1), new DateOnly(2026, 7, 1));
        Period.HalfYear(2023, 2).IsWithin(secretariat).ShouldBeTrue();
        Period.HalfYear(2026, 1).IsWithin(secretariat).ShouldBeTrue();
        Period.HalfYear(2026, 2).IsWithin(secretariat).ShouldBeFalse();
        Period.Year(2023).IsWithin(secretariat).ShouldBeFalse();
        Period.HalfYear(2023, 1).Overlaps(Period.HalfYear(2023, 2)).ShouldBeFalse();
        Period.Year(2023).Overlaps(Period.HalfYear(2023, 2)).ShouldBeTrue();
        var openEnded = new Period(new DateOnly(2023, 7, 1), null);
        Period.Year(2030).IsWithin(openEnded).ShouldBeTrue();
        openEnded.IsWithin(secretariat).ShouldBeFalse();
    }
}
