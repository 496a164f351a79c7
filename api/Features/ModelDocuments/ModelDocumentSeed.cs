using System.Data.Common;
using System.Reflection;
using System.Text.Json;

namespace Klima.Api.Features.ModelDocuments;

/// <summary>
/// Loads a seed's model document (<c>db/seed/&lt;set&gt;/NNNN_x.model.json</c>) through the same import as
/// <c>POST /api/model-documents</c>, inside the migration's transaction. The seed's other scripts (cases, meetings,
/// budgets) and its demo data refer to model rows by fixed ids, so new rows take their ids from the sibling
/// <c>NNNN_x.ids.json</c> (identity → id, e.g. <c>"body:kkr"</c>); rows it does not name get fresh ids. On a database
/// that already holds the model (seeded earlier, perhaps edited since) only what is missing is created.
/// </summary>
internal static class ModelDocumentSeed
{
    public const string Suffix = ".model.json";

    /// <summary>Seed rows are dated as the model document of 13 April 2023 they come from, like the SQL seed before them.</summary>
    public static readonly DateTimeOffset SeedTime = new(2023, 4, 13, 0, 0, 0, TimeSpan.Zero);

    public static bool IsModelDocument(string name) => name.EndsWith(Suffix, StringComparison.Ordinal);

    public static async Task<ModelImportResponse> ApplyAsync(DbConnection connection, DbTransaction transaction, string name, string json, Assembly assembly,
        CancellationToken cancellationToken)
    {
        ModelDocument document;
        try
        {
            document = JsonSerializer.Deserialize<ModelDocument>(json, ModelDocument.Json) ?? throw new InvalidOperationException($"{name} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{name} is not a model document at {ex.Path}: {ex.Message}", ex);
        }
        var errors = ModelDocumentValidation.Validate(document);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{name} breaks the model document's rules: " +
                                                string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }
        var ids = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var idsName = name[..^Suffix.Length] + ".ids.json";
        await using (var stream = assembly.GetManifestResourceStream(idsName))
        {
            if (stream is not null)
            {
                ids = await JsonSerializer.DeserializeAsync<Dictionary<string, Guid>>(stream, cancellationToken: cancellationToken) ?? ids;
            }
        }
        try
        {
            return await ModelDocumentImporter.ImportAsync(connection, transaction, document, ModelDocumentImporter.FixedIds(ids, SeedTime), SeedTime, dryRun: false,
                cancellationToken, createOnly: true);
        }
        catch (ModelDocumentImporter.Refused refused)
        {
            throw new InvalidOperationException($"{name} was refused: " + string.Join("; ", refused.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }
    }
}
