namespace Klima.Api.Features.Organisations;

/// <summary>The SQL the Organisations use cases share.</summary>
internal static class OrganisationsStore
{
    public const string Columns = """
        id, kind, name, short_name, municipality_code, region_code, cvr, version, modified_at,
        CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        """;
}
