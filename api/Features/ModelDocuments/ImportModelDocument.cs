using System.Text.Json;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Localization;
using Klima.Api.Features.GovernanceModels;
using MediatR;

namespace Klima.Api.Features.ModelDocuments;

/// <summary>
/// Imports a model document in one transaction: creates the model or brings it up to the document, element by element.
/// With dryRun=true the same import runs and is rolled back, so the answer lists exactly what would be created or changed.
/// Every error is keyed by its JSON path; nothing is written unless the whole document is accepted.
/// </summary>
public static class ImportModelDocument
{
    public sealed record Command(ModelDocument Document, bool DryRun) : IRequest<ModelImportResponse>;

    /// <summary>Reads a document, reporting where the JSON stops being a model document.</summary>
    public static async Task<ModelDocument> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<ModelDocument>(body, ModelDocument.Json, cancellationToken)
                   ?? throw new ModelDocumentInvalidException(new Dictionary<string, List<string>> { ["$"] = [Messages.Get("ModelDocument.NotAnObject")] }, malformed: true);
        }
        catch (JsonException json)
        {
            var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
            var message = json.Message.Contains("could not be mapped", StringComparison.Ordinal) ? Messages.Get("ModelDocument.UnknownProperty") : Messages.Get("ModelDocument.MalformedJson");
            throw new ModelDocumentInvalidException(new Dictionary<string, List<string>> { [path] = [message] }, malformed: true);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, ModelImportResponse>
    {
        public async Task<ModelImportResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var errors = ModelDocumentValidation.Validate(command.Document);
            if (errors.Count > 0)
            {
                throw new ModelDocumentInvalidException(errors);
            }
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            ModelImportResponse result;
            try
            {
                result = await ModelDocumentImporter.ImportAsync(connection, transaction, command.Document, ModelDocumentImporter.FreshIds(now), now,
                    command.DryRun, cancellationToken);
            }
            catch (ModelDocumentImporter.Refused refused)
            {
                throw new ModelDocumentInvalidException(refused.Errors);
            }
            // A caller limited to some partnerships may change only those; a new model is outside every limit.
            GovernanceModelsStore.Ensure(user, result.GovernanceModelId ?? Guid.Empty);
            if (command.DryRun)
            {
                await transaction.RollbackAsync(cancellationToken);
            }
            else
            {
                await transaction.CommitAsync(cancellationToken);
            }
            return result;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/model-documents", async (bool? dryRun, IMediator mediator, HttpContext http) =>
                {
                    var document = await ReadAsync(http.Request.Body, http.RequestAborted);
                    return TypedResults.Ok(await mediator.Send(new Command(document, dryRun ?? false), http.RequestAborted));
                })
                .WithName("importModelDocument")
                .WithSummary("Importér et modeldokument / Import a model document")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Opretter styringsmodellen " +
                                 "eller bringer den i overensstemmelse med dokumentet, element for element, i én transaktion. Med dryRun=true køres " +
                                 "importen og rulles tilbage, så svaret viser præcis, hvad der ville blive oprettet eller ændret." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Creates the governance model or " +
                                 "brings it up to the document, element by element, in one transaction. With dryRun=true the same import runs and is " +
                                 "rolled back, so the answer lists exactly what would be created or changed.")
                .WithTags("ModelDocuments")
                .WithMetadata(new ModelDocumentBody())
                .RequirePermission(Permissions.GovernanceWrite)
                .Produces<ModelImportResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
