using Klima.Api.Domain;
using NUnit.Framework;

namespace Klima.Api.Tests.Domain;

public class CalendarDayTests
{
    [TestCase("2026-12-05T22:59:59Z", "2026-12-05")]
    [TestCase("2026-12-05T23:00:00Z", "2026-12-06")] // midnight in Denmark in winter (CET)
    [TestCase("2026-07-01T21:59:59Z", "2026-07-01")]
    [TestCase("2026-07-01T22:00:00Z", "2026-07-02")] // midnight in Denmark in summer (CEST)
    [TestCase("2026-03-29T00:59:59Z", "2026-03-29")] // the night summer time begins
    [TestCase("2026-10-24T22:00:00Z", "2026-10-25")] // the night it ends, still summer time at 00:00
    public void An_instant_falls_on_the_Danish_calendar_day(string instant, string day)
    {
        Assert.That(CalendarDay.Of(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)),
            Is.EqualTo(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
