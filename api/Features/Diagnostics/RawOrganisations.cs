using Dapper;
using Klima.Api.Features.Organisations;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;

namespace Klima.Api.Features.Diagnostics;

/// <summary>
/// The organisation reads of <see cref="GetOrganisation"/> and <see cref="ListOrganisations"/> written as raw Dapper in the
/// endpoint: same SQL, same mapping, same JSON, without MediatR and the validation behaviour. The benchmark compares
/// the two to measure what the pipeline costs (target: at most 10%).
/// </summary>
public static class RawOrganisations
{
    /// <summary>The first page, as the raw list reads it: no cursor, no incremental sync.</summary>
    private sealed record FirstPage(int? Limit) : IListQuery
    {
        public string? Cursor => null;
        public DateTimeOffset? ModifiedSince => null;
    }

    internal sealed class Endpoint : IEndpoint
    {
        // Not part of the published contract: it exists for scripts/bench.sh (see docs/benchmarks.md).
        public void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/api/diagnostics/raw/organisations/{id:guid}", async (Guid id, IDbConnectionFactory db, HttpContext http) =>
                {
                    await using var connection = await db.OpenAsync(http.RequestAborted);
                    var organisation = await OrganisationsStore.FindAsync(connection, id, http.RequestAborted);
                    return organisation is null
                        ? Results.NotFound()
                        : ETags.OkWithETag(http, organisation, organisation.Version);
                })
                .WithName("diagnosticsRawGetOrganisation")
                .WithTags("Diagnostics")
                .RequirePermission(Permissions.GovernanceRead)
                .ExcludeFromDescription();

            app.MapGet("/api/diagnostics/raw/organisations", async (int? limit, IDbConnectionFactory db, HttpContext http) =>
                {
                    var list = OrganisationsStore.List(new FirstPage(Math.Clamp(limit ?? Paging.DefaultLimit, 1, Paging.MaxLimit)));
                    await using var connection = await db.OpenAsync(http.RequestAborted);
                    var rows = (await connection.QueryAsync<OrganisationResponse>(new CommandDefinition(
                        list.ToSql(db.Dialect), new { list.Take }, cancellationToken: http.RequestAborted))).ToList();
                    return TypedResults.Ok(Slice<OrganisationResponse>.FromRows(rows, list.PageSize, r => r.Id.ToString()).ToPage(http.Request));
                })
                .WithName("diagnosticsRawListOrganisations")
                .WithTags("Diagnostics")
                .RequirePermission(Permissions.GovernanceRead)
                .ExcludeFromDescription();
        }
    }
}
