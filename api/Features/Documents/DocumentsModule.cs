using Klima.Api.Infrastructure;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Klima.Api.Features.Documents;

/// <summary>Endpoint metadata: the request body is a multipart form with a file (described for the contract only).</summary>
internal sealed record MultipartUpload;

/// <summary>
/// Describes the upload's multipart body in the contract without routing metadata (IAcceptsMetadata would make routing
/// answer 415 to a request of another type before authorization does, so a caller without the right would learn
/// about content types instead of getting 403).
/// </summary>
internal sealed class DocumentsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.PostConfigure<SwaggerGenOptions>(o => o.OperationFilter<MultipartUploadFilter>());

    private sealed class MultipartUploadFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<MultipartUpload>().Any())
            {
                return;
            }
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { "file" },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["file"] = new OpenApiSchema
                                {
                                    Type = JsonSchemaType.String, Format = "binary",
                                    Description = "The document. Its type is sniffed from its bytes; at most Documents:MaxBytes (20 MB).",
                                },
                                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 400, Description = "Default: the file name." },
                                ["documentNumber"] = new OpenApiSchema
                                {
                                    Type = JsonSchemaType.String, MaxLength = 50, Description = "An identifier such as KL's document number (3323070).",
                                },
                            },
                        },
                    },
                },
            };
        }
    }
}
