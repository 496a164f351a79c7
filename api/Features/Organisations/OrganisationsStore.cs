using System.Data.Common;
using Dapper;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Http;

namespace Klima.Api.Features.Organisations;

/// <summary>The SQL the Organisations use cases share.</summary>
internal static class OrganisationsStore
{
    public const string Columns = """
        id, kind, name, short_name, municipality_code, region_code, cvr, version, modified_at,
        CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        """;

    /// <summary>One live organisation, or null when there is none with that id.</summary>
    [AreaApi]
    public static Task<OrganisationResponse?> FindAsync(DbConnection connection, Guid id, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<OrganisationResponse>(new CommandDefinition(
            $"SELECT {Columns} FROM organisation WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, cancellationToken: cancellationToken));

    /// <summary>The list of organisations before its filters: add them with <see cref="ListSql.Where"/>.</summary>
    [AreaApi]
    public static ListSql List(IListQuery query) => new($"SELECT {Columns} FROM organisation", query);
}
