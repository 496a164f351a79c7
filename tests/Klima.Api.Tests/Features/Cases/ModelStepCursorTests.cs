using System.Globalization;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Data;

namespace Klima.Api.Tests.Features.Cases;

/// <summary>
/// The status report's step cursor parses stored dates and times digit by digit (issue 19): every value reads as the Dapper
/// type handlers read it (DateOnly.Parse of the first ten characters; DateTimeOffset.Parse assumed and converted to UTC),
/// the store's own forms by the fast path and anything else by the same parse as before.
/// </summary>
public sealed class ModelStepCursorTests
{
    private static DateOnly HandlerDate(string s) => DateOnly.Parse(s.Length > 10 ? s[..10] : s, CultureInfo.InvariantCulture);

    private static DateTimeOffset HandlerTime(string s) =>
        DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    [TestCase("2023-01-01")]
    [TestCase("2024-02-29")]
    [TestCase("0001-01-01")]
    [TestCase("9999-12-31")]
    [TestCase("2023-04-13T00:00:00.0000000Z")]
    [TestCase("2023-4-3")]
    [TestCase("2023/04/13")]
    public void A_stored_date_reads_as_the_type_handler_reads_it(string stored) =>
        ModelStepCursor.ParseDate(stored).ShouldBe(HandlerDate(stored));

    [TestCase("2023-02-30")]
    [TestCase("2023-13-01")]
    [TestCase("20x3-01-01")]
    public void A_date_that_is_not_one_is_refused_as_the_type_handler_refuses_it(string stored)
    {
        Should.Throw<FormatException>(() => HandlerDate(stored));
        Should.Throw<FormatException>(() => ModelStepCursor.ParseDate(stored));
    }

    [TestCase("2023-04-13T00:00:00.0000000Z")]
    [TestCase("2026-12-06T23:59:59.9999999Z")]
    [TestCase("2024-02-29T12:34:56.0012345Z")]
    [TestCase("2023-04-13T10:00:00+02:00")]
    [TestCase("2023-04-13 10:00:00")]
    public void A_stored_time_reads_as_the_type_handler_reads_it(string stored)
    {
        var read = ModelStepCursor.ParseTime(stored);
        read.ShouldBe(HandlerTime(stored));
        read.Offset.ShouldBe(TimeSpan.Zero);
    }

    [TestCase("2023-04-13T24:00:00.0000000Z")]
    [TestCase("2023-02-30T10:00:00.0000000Z")]
    public void A_time_that_is_not_one_is_refused_as_the_type_handler_refuses_it(string stored)
    {
        Should.Throw<FormatException>(() => HandlerTime(stored));
        Should.Throw<FormatException>(() => ModelStepCursor.ParseTime(stored));
    }

    [Test]
    public void Every_time_the_store_writes_reads_back_as_written()
    {
        var time = new DateTimeOffset(2019, 3, 31, 1, 2, 3, TimeSpan.FromHours(2)).AddTicks(4567);
        for (var i = 0; i < 500; i++, time = time.AddTicks(7_919_191_919_191))
        {
            var stored = TypeHandlers.ToSqliteText(time);
            ModelStepCursor.ParseTime(stored).ShouldBe(time);
            ModelStepCursor.ParseTime(stored).ShouldBe(HandlerTime(stored));
            ModelStepCursor.ParseDate(stored).ShouldBe(DateOnly.FromDateTime(time.UtcDateTime));
        }
    }
}
