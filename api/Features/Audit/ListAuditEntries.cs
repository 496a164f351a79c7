using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Audit;

/// <summary>
/// Reads the append-only audit log: who changed which object when, with the row before and after; oldest first,
/// or newest first when asked (what an administrator looking at a recent change wants).
/// </summary>
public static class ListAuditEntries
{
    public sealed record Query : IRequest<Slice<AuditEntry>>
    {
        public string? EntityType { get; init; }
        public string? EntityId { get; init; }
        public string? Actor { get; init; }
        public DateTimeOffset? Since { get; init; }
        public DateTimeOffset? Until { get; init; }
        public bool? NewestFirst { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    public sealed record AuditEntry
    {
        public required Guid Id { get; init; }
        public required DateTimeOffset OccurredAt { get; init; }
        public string? Actor { get; init; }
        public required string EntityType { get; init; }
        public string? EntityId { get; init; }
        public required string Action { get; init; }
        public string? BeforeJson { get; init; }
        public string? AfterJson { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit).When(q => q.Limit is not null);
            RuleFor(q => q.EntityType).MaximumLength(100);
            RuleFor(q => q.EntityId).MaximumLength(100);
            RuleFor(q => q.Actor).MaximumLength(200);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, Slice<AuditEntry>>
    {
        public async Task<Slice<AuditEntry>> Handle(Query query, CancellationToken cancellationToken)
        {
            // Ordered by time then id (both descending when newest first); the cursor carries both so pages never skip
            // or repeat entries, and the next link keeps the order it was asked for.
            var list = ListSql.ByTime("SELECT id, occurred_at, actor, entity_type, entity_id, action, before_json, after_json FROM audit_log",
                    query.Limit, query.Cursor, "occurred_at", newestFirst: query.NewestFirst == true)
                .Where(query.EntityType is not null, "entity_type = @EntityType")
                .Where(query.EntityId is not null, "entity_id = @EntityId")
                .Where(query.Actor is not null, "actor = @Actor")
                .Where(query.Since is not null, "occurred_at >= @Since")
                .Where(query.Until is not null, "occurred_at < @Until");
            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = (await connection.QueryAsync<AuditEntry>(new CommandDefinition(list.ToSql(db.Dialect), new
            {
                query.EntityType,
                EntityId = query.EntityId?.ToLowerInvariant(),
                query.Actor,
                query.Since,
                query.Until,
                list.AfterTime,
                list.After,
                list.Take,
            }, cancellationToken: cancellationToken))).ToList();
            return Slice<AuditEntry>.FromRows(rows, list.PageSize, r => ListSql.TimeCursor(r.OccurredAt, r.Id));
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/audit", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listAuditEntries")
                .WithSummary("Læs revisionsloggen / Read the audit log")
                .WithDescription("Kræver audit:read (administrator). Den uforanderlige revisionslog: hvem ændrede hvilket objekt hvornår, med rækken før " +
                                 "og efter; ældste først eller nyeste først efter ønske, filtreret og sidevis." +
                                 "\n\nNeeds audit:read (administrator). The append-only audit log: who changed which object when, with the row before and " +
                                 "after; oldest first, or newest first when asked, filtered and paged.")
                .WithTags("Audit")
                .RequirePermission(Permissions.AuditRead);
    }
}
