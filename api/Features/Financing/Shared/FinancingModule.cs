using Klima.Api.Infrastructure;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Klima.Api.Features.Financing.Shared;

/// <summary>Endpoint metadata: the read also answers <c>text/csv</c> (with <c>?format=csv</c> or <c>Accept: text/csv</c>).</summary>
internal sealed record CsvExport;

/// <summary>
/// Contract details of the financing area: reports declare their CSV representation next to the JSON one, and the
/// pure domain types (Klima.Api.Domain.Financing) get short schema names like the feature types do.
/// </summary>
internal sealed class FinancingModule : IFeatureModule
{
    private const string DomainNamespace = "Klima.Api.Domain.Financing";

    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        // Post-configure: the host's own schema-id rule is set after feature modules register; this wraps it.
        services.PostConfigure<SwaggerGenOptions>(o =>
        {
            o.OperationFilter<CsvExportFilter>();
            var inner = o.SchemaGeneratorOptions.SchemaIdSelector;
            o.SchemaGeneratorOptions.SchemaIdSelector = t => t.Namespace == DomainNamespace ? "Financing" + t.Name : inner(t);
        });

    private sealed class CsvExportFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<CsvExport>().Any()
                || operation.Responses?.TryGetValue("200", out var ok) != true || ok!.Content is null)
            {
                return;
            }
            ok.Content["text/csv"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "UTF-8 CSV with a header row (one column per grouped dimension, then budget, actual, variance, currency). " +
                                  "locale=da: decimal comma and semicolon separator; bom=true: UTF-8 byte order mark. Not paged.",
                },
            };
        }
    }
}
