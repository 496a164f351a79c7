using System.Security.Cryptography;
using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Http.Features;

namespace Klima.Api.Features.Documents;

/// <summary>
/// Uploads a document to a case (multipart/form-data: <c>file</c>, optional <c>title</c> and <c>documentNumber</c>).
/// Its type is sniffed from its bytes (a type Klima does not know is refused with 415), its size is limited by
/// <c>Documents:MaxBytes</c> (20 MB), and its SHA-256 and SHA-512 are computed here. The bytes are stored in the database so
/// that every API instance serves them. Who may upload is who may write the case.
/// </summary>
public static class UploadCaseDocument
{
    public const long DefaultMaxBytes = 20 * 1024 * 1024;

    public sealed record Command(Guid CaseId, string Title, string? DocumentNumber, string FileName, byte[] Content) : IRequest<CaseDocumentResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).NotEmpty().MaximumLength(400);
            RuleFor(c => c.DocumentNumber).MaximumLength(50);
            RuleFor(c => c.FileName).MaximumLength(200).OverridePropertyName("file");
            RuleFor(c => c.Content).NotEmpty().WithMessage(_ => Messages.Get("Document.Empty")).OverridePropertyName("file");
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, CaseDocumentResponse>
    {
        public async Task<CaseDocumentResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var mediaType = ContentSniffer.Sniff(command.Content) ?? throw new UnsupportedDocumentTypeException();
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await DocumentStore.RequireCaseAsync(connection, command.CaseId, user, transaction, cancellationToken);
            var ordinal = await DocumentStore.NextOrdinalAsync(connection, command.CaseId, transaction, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO case_document (id, case_id, ordinal, url, title, sha256, sha512, document_number, media_type, size_bytes, file_name,
                    uploaded_by, created_at, modified_at)
                VALUES (@Id, @CaseId, @Ordinal, @Url, @Title, @Sha256, @Sha512, @DocumentNumber, @MediaType, @Size, @FileName, @By, @Now, @Now)
                """, new
            {
                Id = id, command.CaseId, Ordinal = ordinal, Url = DocumentStore.ContentPath(command.CaseId, id), Title = command.Title.Trim(),
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(command.Content)), Sha512 = Convert.ToHexStringLower(SHA512.HashData(command.Content)),
                command.DocumentNumber, MediaType = mediaType, Size = (long)command.Content.Length, command.FileName, By = user.Name, Now = now,
            }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO case_document_content (document_id, content) VALUES (@Id, @Content)", new { Id = id, command.Content }, transaction,
                cancellationToken: cancellationToken));
            await DocumentStore.TouchCaseAsync(connection, command.CaseId, now, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (await DocumentStore.LoadAsync(connection, command.CaseId, id, null, cancellationToken)).ToResponse();
        }
    }

    internal sealed class UnsupportedDocumentTypeException() : ProblemException(new Text("Document.UnsupportedType"), new Text("Document.UnsupportedType.Detail"))
    {
        public override int Status => StatusCodes.Status415UnsupportedMediaType;
    }

    internal sealed class TooLargeException(long max) : ProblemException(new Text("Document.TooLarge"), new Text("Document.TooLarge.Detail", max))
    {
        public override int Status => StatusCodes.Status413PayloadTooLarge;
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/cases/{caseId:guid}/documents", async (Guid caseId, IMediator mediator, IConfiguration configuration, HttpContext http) =>
                {
                    var max = configuration.GetValue("Documents:MaxBytes", DefaultMaxBytes);
                    // The server's default body limit is for JSON; an upload may be as large as a document plus its form.
                    if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                    {
                        limit.MaxRequestBodySize = max + 64 * 1024;
                    }
                    if (!http.Request.HasFormContentType)
                    {
                        throw new ValidationException([new FluentValidation.Results.ValidationFailure("file", Messages.Get("Document.Multipart"))]);
                    }
                    IFormCollection form;
                    try
                    {
                        form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max + 64 * 1024 }, http.RequestAborted);
                    }
                    catch (InvalidDataException)
                    {
                        throw new TooLargeException(max);
                    }
                    catch (BadHttpRequestException bad) when (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
                    {
                        throw new TooLargeException(max);
                    }
                    var file = form.Files.GetFile("file")
                               ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure("file", Messages.Get("Document.NoFileField"))]);
                    if (file.Length > max)
                    {
                        throw new TooLargeException(max);
                    }
                    using var buffer = new MemoryStream((int)file.Length);
                    await file.CopyToAsync(buffer, http.RequestAborted);
                    var fileName = Path.GetFileName(file.FileName ?? "");
                    var title = form["title"].ToString() is { Length: > 0 } given ? given : Path.GetFileNameWithoutExtension(fileName);
                    var number = form["documentNumber"].ToString() is { Length: > 0 } n ? n.Trim() : null;
                    var created = await mediator.Send(new Command(caseId, title, number, fileName, buffer.ToArray()), http.RequestAborted);
                    return TypedResults.Created(created.Url, created);
                })
                .WithName("uploadCaseDocument")
                .WithSummary("Upload et dokument til en sag / Upload a document to a case")
                .WithDescription("Kræver cases:write (sekretariat og administrator; eller en API-nøgle med det scope). Typen genkendes på indholdet (en " +
                                 "ukendt type afvises med 415), størrelsen er begrænset af Documents:MaxBytes (20 MB, ellers 413), og SHA-256 og SHA-512 " +
                                 "beregnes. Bytes gemmes i databasen, så alle API-instanser kan levere dem. Den, der må skrive sagen, må uploade." +
                                 "\n\nNeeds cases:write (secretariat and administrator; or an API key with that scope). Its type is sniffed from its bytes (an " +
                                 "unknown type is refused with 415), its size is limited by Documents:MaxBytes (20 MB, else 413), and its SHA-256 and " +
                                 "SHA-512 are computed. The bytes are stored in the database so that every API instance serves them. Who may upload is who may write the case.")
                .WithTags("Documents")
                .RequirePermission(Permissions.CasesWrite)
                .WithMetadata(new MultipartUpload())
                .Produces<CaseDocumentResponse>(StatusCodes.Status201Created)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
                .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }
}
