using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Documents;

/// <summary>
/// Refers a case to a document kept in the owning case system, by its https URL (http only in Development); any
/// other scheme (javascript:, data:, file:, a URN) is refused with 422 on <c>url</c>. Who may add is who may write the case.
/// </summary>
public static class LinkCaseDocument
{
    public sealed record Body(string Url, string Title, string? DocumentNumber, string? Sha256);

    public sealed record Command(Guid CaseId, Body Document) : IRequest<CaseDocumentResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Document).NotNull();
            RuleFor(c => c.Document.Url).NotEmpty().MaximumLength(2000).OverridePropertyName("url").When(c => c.Document is not null);
            RuleFor(c => c.Document.Title).NotEmpty().MaximumLength(400).OverridePropertyName("title").When(c => c.Document is not null);
            RuleFor(c => c.Document.DocumentNumber).MaximumLength(50).OverridePropertyName("documentNumber").When(c => c.Document is not null);
            RuleFor(c => c.Document.Sha256).Matches("^[0-9a-fA-F]{64}$").WithMessage(_ => Messages.Get("Document.Sha256"))
                .OverridePropertyName("sha256").When(c => c.Document is not null);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user, IHostEnvironment environment)
        : IRequestHandler<Command, CaseDocumentResponse>
    {
        public async Task<CaseDocumentResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var body = command.Document;
            DocumentUrlPolicy.Require(body.Url, environment.IsDevelopment(), "url");
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await DocumentStore.RequireCaseAsync(connection, command.CaseId, user, transaction, cancellationToken);
            var ordinal = await DocumentStore.NextOrdinalAsync(connection, command.CaseId, transaction, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO case_document (id, case_id, ordinal, url, title, sha256, document_number, uploaded_by, created_at, modified_at)
                VALUES (@Id, @CaseId, @Ordinal, @Url, @Title, @Sha256, @DocumentNumber, @By, @Now, @Now)
                """, new
            {
                Id = id, command.CaseId, Ordinal = ordinal, Url = body.Url.Trim(), Title = body.Title.Trim(), Sha256 = body.Sha256?.ToLowerInvariant(),
                DocumentNumber = body.DocumentNumber?.Trim(), By = user.Name, Now = now,
            }, transaction, cancellationToken: cancellationToken));
            await DocumentStore.TouchCaseAsync(connection, command.CaseId, now, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (await DocumentStore.LoadAsync(connection, command.CaseId, id, null, cancellationToken)).ToResponse();
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/cases/{caseId:guid}/document-links", async (Guid caseId, Body body, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(new Command(caseId, body), http.RequestAborted);
                    return TypedResults.Created($"/api/cases/{caseId:D}/documents/{created.Id:D}", created);
                })
                .WithName("linkCaseDocument")
                .WithSummary("Link et dokument til en sag / Link a document to a case")
                .WithDescription("Kræver cases:write (sekretariat og administrator; eller en API-nøgle med det scope). Henviser til et dokument i det " +
                                 "ejende sagssystem via dets https-URL (http kun i Development); andre skemaer (javascript:, data:, file:, URN) afvises " +
                                 "med 422 på url. Den, der må skrive sagen, må tilføje." +
                                 "\n\nNeeds cases:write (secretariat and administrator; or an API key with that scope). Refers the case to a document kept in " +
                                 "the owning case system by its https URL (http only in Development); any other scheme (javascript:, data:, file:, a URN) " +
                                 "is refused with 422 on url. Who may add is who may write the case.")
                .WithTags("Documents")
                .RequirePermission(Permissions.CasesWrite)
                .Produces<CaseDocumentResponse>(StatusCodes.Status201Created)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
