using System.Security.Cryptography;
using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Reports;

/// <summary>
/// Issues (freezes) a status report: makes it from the live data exactly as GET /api/reports/status does and stores
/// its JSON with the issue date and issuer. The stored report never changes afterwards (the database refuses it).
/// </summary>
public static class IssueReport
{
    public sealed record Command(Guid GovernanceModelId, DateOnly From, DateOnly To, string? Title) : IRequest<IssuedReportResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new ReportPeriodRules<Command>(c => c.GovernanceModelId, c => c.From, c => c.To));
            RuleFor(c => c.Title).MaximumLength(200);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, IMediator mediator, ICurrentUser user, TimeProvider clock) : IRequestHandler<Command, IssuedReportResponse>
    {
        public async Task<IssuedReportResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var report = await mediator.Send(new GetStatusReport.Query(command.GovernanceModelId, command.From, command.To), cancellationToken);
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            var content = ReportJson.Serialize(report);
            var sha = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content))).ToLowerInvariant();
            var title = string.IsNullOrWhiteSpace(command.Title)
                ? $"Statusrapport {report.GovernanceModel.Name}, {StatusReportHtml.PeriodDa(command.From, command.To)}"
                : command.Title.Trim();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO report_issue (id, governance_model_id, kind, title, period_from, period_to, issued_at, issued_by, schema_version,
                    content, content_sha256, version, created_at, modified_at)
                VALUES (@Id, @GovernanceModelId, 'statusReport', @Title, @From, @To, @Now, @IssuedBy, @SchemaVersion, @Content, @Sha, 1, @Now, @Now)
                """, new
                {
                    Id = id, command.GovernanceModelId, Title = title, command.From, command.To, Now = now, IssuedBy = user.Name,
                    SchemaVersion = report.SchemaVersion, Content = content, Sha = sha,
                }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return new IssuedReportResponse { Id = id, Title = title, IssuedAt = now, IssuedBy = user.Name, ContentSha256 = sha, Report = report };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/reports", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var issued = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, 1);
                    return TypedResults.Created($"/api/reports/{issued.Id}", issued);
                })
                .WithName("issueReport")
                .WithSummary("Udsted en statusrapport / Issue a status report")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Fryser rapporten: laver den af " +
                                 "de aktuelle data præcis som GET /api/reports/status og gemmer dens JSON med udstedelsesdato og udsteder. Den gemte " +
                                 "rapport ændres aldrig siden (databasen afviser det)." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Freezes the report: makes it from " +
                                 "the live data exactly as GET /api/reports/status does and stores its JSON with the issue date and issuer. The stored " +
                                 "report never changes afterwards (the database refuses it).")
                .WithTags("Reports")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
