using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Cases;

/// <summary>Lists the cases the caller may see, filtered by interest, source reference or text, paged, with tombstones for sync.</summary>
public static class ListCases
{
    public sealed record Query(string? Interest, string? SourceSystem, string? ExternalReference, string? Q, DateTimeOffset? ModifiedSince, int? Limit, string? Cursor)
        : IRequest<Slice<CaseSummary>>, IListQuery;

    public sealed record CaseSummary
    {
        public required Guid Id { get; init; }
        public required string CaseNumber { get; init; }
        public required string Title { get; init; }
        public required string Interest { get; init; }
        public string? SourceSystem { get; init; }
        public string? ExternalReference { get; init; }
        public Guid? OwnerOrganisationId { get; init; }
        public required int Version { get; init; }
        public required DateTimeOffset ModifiedAt { get; init; }
        public bool Deleted { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new ListQueryRules());
            RuleFor(q => q.Q).MaximumLength(200);
            RuleFor(q => q.Interest).MaximumLength(40);
            RuleFor(q => q.SourceSystem).MaximumLength(100);
            RuleFor(q => q.ExternalReference).MaximumLength(200);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Slice<CaseSummary>>
    {
        public async Task<Slice<CaseSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var sql = new StringBuilder("""
                SELECT id, case_number, title, interest_code AS interest, source_system, external_reference, owner_organisation_id, version, modified_at,
                       CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
                FROM case_file WHERE 1 = 1
                """);
            if (!query.IncludeTombstones()) sql.Append(" AND deleted_at IS NULL");
            if (user.OrganisationScope is not null) sql.Append(" AND owner_organisation_id = @Scope");
            if (query.ModifiedSince is not null) sql.Append(" AND modified_at > @ModifiedSince");
            if (query.Interest is not null) sql.Append(" AND interest_code = @Interest");
            if (query.SourceSystem is not null) sql.Append(" AND source_system = @SourceSystem");
            if (query.ExternalReference is not null) sql.Append(" AND external_reference = @ExternalReference");
            if (!string.IsNullOrWhiteSpace(query.Q)) sql.Append(" AND (title LIKE @Like OR case_number LIKE @Like)");
            var after = Cursor.DecodeGuid(query.Cursor);
            if (after is not null) sql.Append(" AND id > @After");
            sql.Append(" ORDER BY id").Append(db.Dialect.Limit("@Take"));

            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = (await connection.QueryAsync<CaseSummary>(new CommandDefinition(sql.ToString(), new
            {
                Scope = user.OrganisationScope, query.ModifiedSince, query.Interest, query.SourceSystem, query.ExternalReference,
                Like = $"%{query.Q}%", After = after, Take = query.Take() + 1,
            }, cancellationToken: cancellationToken))).ToList();
            return Slice<CaseSummary>.FromRows(rows, query.Take(), r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/cases", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listCases")
                .WithTags("Cases")
                .RequirePermission(Permissions.CasesRead)
                .ProducesValidationProblem();
    }
}
