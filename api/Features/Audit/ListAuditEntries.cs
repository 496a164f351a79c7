using System.Text;
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
    public sealed record Query(string? EntityType, string? EntityId, string? Actor, DateTimeOffset? Since, DateTimeOffset? Until, bool? NewestFirst, int? Limit,
        string? Cursor)
        : IRequest<Slice<AuditEntry>>;

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
            var newestFirst = query.NewestFirst == true;
            var sql = new StringBuilder("SELECT id, occurred_at, actor, entity_type, entity_id, action, before_json, after_json FROM audit_log WHERE 1 = 1");
            if (query.EntityType is not null) sql.Append(" AND entity_type = @EntityType");
            if (query.EntityId is not null) sql.Append(" AND entity_id = @EntityId");
            if (query.Actor is not null) sql.Append(" AND actor = @Actor");
            if (query.Since is not null) sql.Append(" AND occurred_at >= @Since");
            if (query.Until is not null) sql.Append(" AND occurred_at < @Until");
            var after = Cursor.Decode(query.Cursor)?.Split('|');
            if (after is { Length: 2 })
            {
                sql.Append(newestFirst
                    ? " AND (occurred_at < @AfterTime OR (occurred_at = @AfterTime AND id < @AfterId))"
                    : " AND (occurred_at > @AfterTime OR (occurred_at = @AfterTime AND id > @AfterId))");
            }
            sql.Append(newestFirst ? " ORDER BY occurred_at DESC, id DESC" : " ORDER BY occurred_at, id").Append(db.Dialect.Limit("@Take"));
            var take = query.Limit ?? Paging.DefaultLimit;
            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = (await connection.QueryAsync<AuditEntry>(new CommandDefinition(sql.ToString(), new
            {
                query.EntityType,
                EntityId = query.EntityId?.ToLowerInvariant(),
                query.Actor,
                query.Since,
                query.Until,
                AfterTime = after is { Length: 2 } ? DateTimeOffset.Parse(after[0], System.Globalization.CultureInfo.InvariantCulture) : (DateTimeOffset?)null,
                AfterId = after is { Length: 2 } ? Guid.Parse(after[1]) : (Guid?)null,
                Take = take + 1,
            }, cancellationToken: cancellationToken))).ToList();
            return Slice<AuditEntry>.FromRows(rows, take, r => $"{r.OccurredAt:O}|{r.Id}");
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
