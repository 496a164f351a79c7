using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Endpoints;

namespace Klima.Api.Features.ModelDocuments;

/// <summary>Serves the published JSON Schema of the model document (docs/model-document.schema.json) at a stable URL.</summary>
public static class GetModelDocumentSchema
{
    public const string ResourceName = "docs/model-document.schema.json";

    private static readonly Lazy<string> Schema = new(() =>
    {
        using var stream = typeof(GetModelDocumentSchema).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"The resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Text => Schema.Value;

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/model-documents/schema", () => TypedResults.Text(Text, "application/schema+json"))
                .WithName("getModelDocumentSchema")
                .WithSummary("Hent modeldokumentets JSON Schema / Get the model document's JSON Schema")
                .WithDescription("Åben for alle, også uden login. Det offentliggjorte JSON Schema for modeldokumentet (docs/model-document.schema.json) på en fast URL." +
                                 "\n\nOpen to anyone, also without signing in. The published JSON Schema of the model document " +
                                 "(docs/model-document.schema.json) at a stable URL.")
                .WithTags("ModelDocuments")
                .PublicRead()
                .Produces<string>(StatusCodes.Status200OK, "application/schema+json");
    }
}
