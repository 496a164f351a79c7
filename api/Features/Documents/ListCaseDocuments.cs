using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using MediatR;

namespace Klima.Api.Features.Documents;

/// <summary>A case's documents in their order: uploads (opened from Klima) and links to the owning case system.</summary>
public static class ListCaseDocuments
{
    public sealed record Query(Guid CaseId) : IRequest<IReadOnlyList<CaseDocumentResponse>>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<CaseDocumentResponse>>
    {
        public async Task<IReadOnlyList<CaseDocumentResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await DocumentStore.RequireCaseAsync(connection, query.CaseId, user, null, cancellationToken);
            return (await connection.QueryAsync<CaseDocumentRow>(new CommandDefinition(
                    DocumentStore.Select + " WHERE d.case_id = @CaseId AND d.deleted_at IS NULL ORDER BY d.ordinal, d.id", new { query.CaseId },
                    cancellationToken: cancellationToken)))
                .Select(d => d.ToResponse()).ToList();
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/cases/{caseId:guid}/documents", async (Guid caseId, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(caseId), http.RequestAborted)))
                .WithName("listCaseDocuments")
                .WithSummary("Vis en sags dokumenter / List a case's documents")
                .WithDescription("Kræver cases:read (alle roller; eller en API-nøgle med det scope). Sagens dokumenter i rækkefølge: uploads (åbnes fra " +
                                 "Klima) og links til det ejende sagssystem." +
                                 "\n\nNeeds cases:read (every role; or an API key with that scope). The case's documents in their order: uploads (opened from " +
                                 "Klima) and links to the owning case system.")
                .WithTags("Documents")
                .RequirePermission(Permissions.CasesRead)
                .Produces<IReadOnlyList<CaseDocumentResponse>>()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
