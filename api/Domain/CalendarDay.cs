namespace Klima.Api.Domain;

/// <summary>
/// Which calendar day an instant falls on for the partnerships: the Danish day (Europe/Copenhagen). "Today" decides who
/// holds a seat, which actuals a rollup counts and which rules route a case, and the people and case systems who send
/// dates send Danish dates: between 23:00 and 24:00 UTC (22:00 in summer) the UTC date is still yesterday in Denmark, so
/// a membership starting "today" would count as not yet begun.
/// </summary>
public static class CalendarDay
{
    private static readonly TimeZoneInfo Zone = FindZone();

    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            // A machine without time-zone data: the same rule written out (CET, summer time from the last Sunday of March
            // 02:00 to the last Sunday of October 03:00, as in the EU since 1996).
            var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 3, 0, 0), 10, 5, DayOfWeek.Sunday));
            return TimeZoneInfo.CreateCustomTimeZone("Europe/Copenhagen", TimeSpan.FromHours(1), "Danmark", "CET", "CEST", [rule]);
        }
    }
}

/// <summary>The partnerships' "today" from the application's clock (<see cref="CalendarDay"/>).</summary>
public static class ClockExtensions
{
    public static DateOnly Today(this TimeProvider clock) => CalendarDay.Of(clock.GetUtcNow());
}
