using System.Text.Json.Nodes;
using Klima.Api.Domain.Reports;

namespace Klima.Api.Tests.Features.Reports;

public sealed class FigureDiffTests
{
    [Test]
    public void Rows_are_matched_by_their_key_not_their_position()
    {
        var before = JsonNode.Parse("""{"rows":[{"code":"a","n":1},{"code":"b","n":2}],"ordinal":1}""");
        var after = JsonNode.Parse("""{"rows":[{"code":"b","n":2},{"code":"c","n":5},{"code":"a","n":3}],"ordinal":7}""");
        var (changes, unchanged) = FigureDiff.Compare(before, after);
        changes.ShouldBe([new FigureChange("rows[a]/n", 1, 3, 2), new FigureChange("rows[c]/n", null, 5, null)]);
        unchanged.ShouldBe(1);
    }

    [Test]
    public void Identical_reports_have_no_changes()
    {
        var report = JsonNode.Parse("""{"totals":{"tasks":9,"amount":1600000.50},"text":"x"}""");
        var (changes, unchanged) = FigureDiff.Compare(report, report!.DeepClone());
        changes.ShouldBeEmpty();
        unchanged.ShouldBe(2);
    }
}
