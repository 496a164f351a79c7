using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;

namespace Klima.Api.Features.Documents;

/// <summary>
/// Deletes a case document (who may is who may write the case). The row stays as a tombstone, so the public view shows
/// the File as deleted (id, type, created, modified) to clients that sync; an upload's bytes are erased at once.
/// </summary>
public static class DeleteCaseDocument
{
    public sealed record Command(Guid CaseId, Guid DocumentId) : IRequest<Unit>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await DocumentStore.RequireCaseAsync(connection, command.CaseId, user, transaction, cancellationToken);
            var deleted = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE case_document SET deleted_at = @Now, modified_at = @Now
                WHERE id = @DocumentId AND case_id = @CaseId AND deleted_at IS NULL
                """, new { command.CaseId, command.DocumentId, Now = now }, transaction, cancellationToken: cancellationToken));
            if (deleted == 0)
            {
                throw new NotFoundException("Document", command.DocumentId);
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM case_document_content WHERE document_id = @DocumentId", new { command.DocumentId }, transaction,
                cancellationToken: cancellationToken));
            await DocumentStore.TouchCaseAsync(connection, command.CaseId, now, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapDelete("/api/cases/{caseId:guid}/documents/{documentId:guid}", async (Guid caseId, Guid documentId, IMediator mediator, HttpContext http) =>
                {
                    await mediator.Send(new Command(caseId, documentId), http.RequestAborted);
                    return TypedResults.NoContent();
                })
                .WithName("deleteCaseDocument")
                .WithSummary("Slet et dokument fra en sag / Delete a document from a case")
                .WithDescription("Kræver cases:write (sekretariat og administrator; eller en API-nøgle med det scope). Den, der må skrive sagen, må " +
                                 "slette. Rækken bliver som tombstone, så den offentlige visning viser dokumentet som slettet for klienter, der " +
                                 "synkroniserer; et uploadet dokuments bytes slettes straks. 404 for et ukendt dokument." +
                                 "\n\nNeeds cases:write (secretariat and administrator; or an API key with that scope). Who may delete is who may write the " +
                                 "case. The row stays as a tombstone, so the public view shows the document as deleted to clients that sync; an upload's " +
                                 "bytes are erased at once. 404 for an unknown document.")
                .WithTags("Documents")
                .RequirePermission(Permissions.CasesWrite)
                .Produces(StatusCodes.Status204NoContent)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
