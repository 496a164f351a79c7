using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Features.GovernanceModels;
using MediatR;

namespace Klima.Api.Features.ModelDocuments;

/// <summary>Exports a whole governance model as one model document (ids replaced by keys and codes).</summary>
public static class ExportModelDocument
{
    public sealed record Query(Guid Id) : IRequest<ModelDocument>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, ModelDocument>
    {
        public async Task<ModelDocument> Handle(Query query, CancellationToken cancellationToken)
        {
            GovernanceModelsStore.Ensure(user, query.Id);
            await using var connection = await db.OpenAsync(cancellationToken);
            var snapshot = await ModelDocumentsStore.LoadAsync(connection, query.Id, null, cancellationToken) ?? throw new NotFoundException("Governance model", query.Id);
            var keys = snapshot.OrganisationKeys();
            return snapshot.ToDocument(id => keys[id]);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/governance-models/{id:guid}/document", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var document = await mediator.Send(new Query(id), http.RequestAborted);
                    return TypedResults.Json(document, ModelDocument.Json, "application/json");
                })
                .WithName("exportGovernanceModelDocument")
                .WithSummary("Eksportér en styringsmodel som modeldokument / Export a governance model as a model document")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). Hele " +
                                 "modellen som ét dokument (organer, pladser, regler, parter ...), med id'er erstattet af nøgler og koder." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). The whole " +
                                 "model as one document (bodies, seats, rules, parties ...), with ids replaced by keys and codes.")
                .WithTags("ModelDocuments")
                .RequirePermission(Permissions.GovernanceRead)
                .Produces<ModelDocument>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
