using System.Data.Common;
using Dapper;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.Reports;

/// <summary>Reads issued (frozen) reports: their summary and the stored JSON, untouched.</summary>
internal static class IssuedReports
{
    public const string SummaryColumns = """
        id, governance_model_id, title, period_from, period_to, issued_at, issued_by, content_sha256, version, modified_at,
        CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        """;

    private sealed record ContentRow
    {
        public required string Content { get; init; }
    }

    public static async Task<(IssuedReportSummary Summary, string Content)> ReadAsync(DbConnection connection, Guid id, CancellationToken cancellationToken)
    {
        var summary = await connection.QuerySingleOrDefaultAsync<IssuedReportSummary>(new CommandDefinition(
                          $"SELECT {SummaryColumns} FROM report_issue WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, cancellationToken: cancellationToken))
                      ?? throw new NotFoundException("Report", id);
        var content = await connection.QuerySingleAsync<ContentRow>(new CommandDefinition(
            "SELECT content FROM report_issue WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
        return (summary, content.Content);
    }

    public static IssuedReportResponse ToResponse(IssuedReportSummary summary, string content) => new()
    {
        Id = summary.Id,
        Title = summary.Title,
        IssuedAt = summary.IssuedAt,
        IssuedBy = summary.IssuedBy,
        ContentSha256 = summary.ContentSha256,
        Report = ReportJson.Deserialize(content),
    };
}
