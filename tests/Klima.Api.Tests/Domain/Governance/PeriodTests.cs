using Klima.Api.Domain.Governance;

namespace Klima.Api.Tests.Domain.Governance;

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

    [Test]
    public void An_empty_period_ends_on_or_before_its_start()
    {
        new Period(D("2022-01-01"), D("2022-01-01")).IsEmpty.ShouldBeTrue();
        new Period(D("2022-01-01"), D("2022-01-02")).IsEmpty.ShouldBeFalse();
        new Period(D("2022-01-01"), null).IsEmpty.ShouldBeFalse();
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
}
