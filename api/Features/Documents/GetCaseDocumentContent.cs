using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;

namespace Klima.Api.Features.Documents;

/// <summary>
/// The bytes of an uploaded document, for whoever may read the case: its sniffed type, inline for PDF, images and
/// text, as an attachment otherwise, sandboxed so that it never runs script in Klima's origin. A linked document has
/// no content here (404): it opens at its URL in the case system.
/// </summary>
public static class GetCaseDocumentContent
{
    internal sealed record Query(Guid CaseId, Guid DocumentId) : IRequest<Content>;

    internal sealed record Content(CaseDocumentRow Document, byte[] Bytes);

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Content>
    {
        public async Task<Content> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await DocumentStore.RequireCaseAsync(connection, query.CaseId, user, null, cancellationToken);
            var document = await DocumentStore.LoadAsync(connection, query.CaseId, query.DocumentId, null, cancellationToken);
            var bytes = await DocumentContent.ReadAsync(connection, query.DocumentId, cancellationToken)
                        ?? throw new NotFoundException("Document content", query.DocumentId);
            return new Content(document, bytes);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/cases/{caseId:guid}/documents/{documentId:guid}/content", async (Guid caseId, Guid documentId, IMediator mediator, HttpContext http) =>
                {
                    var content = await mediator.Send(new Query(caseId, documentId), http.RequestAborted);
                    return DocumentContent.Serve(http, content.Bytes, content.Document);
                })
                .WithName("getCaseDocumentContent")
                .WithSummary("Hent et dokuments indhold / Get a document's content")
                .WithDescription("Kræver cases:read (alle roller; eller en API-nøgle med det scope). Bytes fra et uploadet dokument til den, der må læse " +
                                 "sagen: den genkendte type, inline for PDF, billeder og tekst, ellers som vedhæftning, i sandbox så det aldrig kører " +
                                 "script i Klimas origin. Et linket dokument har intet indhold her (404): det åbnes via sin URL i sagssystemet." +
                                 "\n\nNeeds cases:read (every role; or an API key with that scope). The bytes of an uploaded document, for whoever may read " +
                                 "the case: its sniffed type, inline for PDF, images and text, as an attachment otherwise, sandboxed so that it never runs " +
                                 "script in Klima's origin. A linked document has no content here (404): it opens at its URL in the case system.")
                .WithTags("Documents")
                .RequirePermission(Permissions.CasesRead)
                .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
