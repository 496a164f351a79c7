using Klima.Api.Infrastructure;
using Klima.Api.Infrastructure.Errors;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Klima.Api.Features.ModelDocuments;

/// <summary>Endpoint metadata: the request body is a model document, read by the endpoint itself (so its errors carry JSON paths).</summary>
internal sealed record ModelDocumentBody;

/// <summary>
/// Describes the import's body in the contract without routing metadata (IAcceptsMetadata would make routing answer 415
/// before authorization answers 403).
/// </summary>
internal sealed class ModelDocumentsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.PostConfigure<SwaggerGenOptions>(o => o.OperationFilter<ModelDocumentBodyFilter>());

    private sealed class ModelDocumentBodyFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ModelDocumentBody>().Any())
            {
                return;
            }
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "A governance model document (docs/model-document.md; JSON Schema at /api/model-documents/schema).",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = context.SchemaGenerator.GenerateSchema(typeof(ModelDocument), context.SchemaRepository) },
                },
            };
        }
    }
}

/// <summary>A model document that breaks its rules: 422 (400 when it is not even JSON of the right shape), every error keyed by its JSON path.</summary>
internal sealed class ModelDocumentInvalidException : ProblemException
{
    public ModelDocumentInvalidException(IReadOnlyDictionary<string, List<string>> errors, bool malformed = false)
        : base(malformed ? "The model document could not be read" : "The model document is invalid",
            malformed ? "The body is not a model document; see errors for where reading stopped." : $"{errors.Count} value(s) break the document's rules; nothing was written.")
    {
        Malformed = malformed;
        Extensions["errors"] = errors.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    public bool Malformed { get; }
    public override int Status => Malformed ? StatusCodes.Status400BadRequest : StatusCodes.Status422UnprocessableEntity;
    public override string Type => Malformed ? "https://klima.dk/problems/malformed-body" : "https://klima.dk/problems/invalid-model-document";
}
