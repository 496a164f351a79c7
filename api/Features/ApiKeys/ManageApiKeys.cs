using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Microsoft.Extensions.Caching.Memory;

namespace Klima.Api.Features.ApiKeys;

/// <summary>Lists API keys (never their secrets).</summary>
public static class ListApiKeys
{
    public sealed record Query : IRequest<Slice<ApiKeyResponse>>, IListQuery
    {
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
        public DateTimeOffset? ModifiedSince { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new ListQueryRules());
    }

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, Slice<ApiKeyResponse>>
    {
        public async Task<Slice<ApiKeyResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = await connection.QueryAsync<ApiKeyRow>(new CommandDefinition($"""
                SELECT {ApiKeyRow.Columns} FROM api_key
                WHERE deleted_at IS NULL AND (@After IS NULL OR id > @After) AND (@ModifiedSince IS NULL OR modified_at > @ModifiedSince)
                ORDER BY id {db.Dialect.Limit("@Take")}
                """, new { After = Cursor.DecodeGuid(query.Cursor), query.ModifiedSince, Take = query.Take() + 1 }, cancellationToken: cancellationToken));
            return Slice<ApiKeyResponse>.FromRows(rows.Select(r => r.ToResponse()).ToList(), query.Take(), r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/api-keys", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listApiKeys")
                .WithSummary("Vis API-nøgler / List API keys")
                .WithDescription("Kun for administratorer (admin). Alle API-nøgler med navn, præfiks, scopes, organisation, udløb og tilbagekaldelse; " +
                                 "aldrig deres hemmeligheder." +
                                 "\n\nAdministrators only (admin). Every API key with its name, prefix, scopes, organisation, expiry and revocation; never their secrets.")
                .WithTags("ApiKeys")
                .RequirePermission(Permissions.Administer);
    }
}

/// <summary>Revokes a key at once (its cached lookup is dropped), or rotates it: a new key with the same scopes replaces it.</summary>
public static class RevokeApiKey
{
    public sealed record Command(Guid Id, bool Rotate) : IRequest<IssuedApiKey?>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, IMemoryCache cache) : IRequestHandler<Command, IssuedApiKey?>
    {
        public async Task<IssuedApiKey?> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var row = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition(
                $"SELECT {ApiKeyRow.Columns} FROM api_key WHERE id = @Id AND deleted_at IS NULL", command, transaction, cancellationToken: cancellationToken))
                ?? throw new NotFoundException("API key", command.Id);
            if (row.RevokedAt is not null)
            {
                throw new ConflictException("ApiKey.AlreadyRevoked");
            }
            IssuedApiKey? replacement = null;
            if (command.Rotate)
            {
                replacement = await CreateApiKey.Handler.Insert(connection, transaction, row.Name, row.Scopes, row.OrganisationId, row.GovernanceModelScope, row.ExpiresAt, now, cancellationToken);
            }
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE api_key SET revoked_at = @Now, replaced_by_id = @ReplacedBy, version = version + 1, modified_at = @Now WHERE id = @Id
                """, new { command.Id, Now = now, ReplacedBy = replacement?.ApiKey.Id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            cache.Remove(ApiKeyAuthenticationHandler.CacheKey(row.Prefix));
            return replacement;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app)
        {
            app.MapPost("/api/api-keys/{id:guid}/revoke", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    await mediator.Send(new Command(id, Rotate: false), http.RequestAborted);
                    return TypedResults.NoContent();
                })
                .WithName("revokeApiKey")
                .WithSummary("Tilbagekald en API-nøgle / Revoke an API key")
                .WithDescription("Kun for administratorer (admin). Nøglen virker ikke længere fra nu af. 404 for en ukendt nøgle, 409 når den allerede er tilbagekaldt." +
                                 "\n\nAdministrators only (admin). The key stops working from now on. 404 for an unknown key, 409 when it is already revoked.")
                .WithTags("ApiKeys")
                .RequirePermission(Permissions.Administer)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
            app.MapPost("/api/api-keys/{id:guid}/rotate", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var issued = (await mediator.Send(new Command(id, Rotate: true), http.RequestAborted))!;
                    return TypedResults.Created($"/api/api-keys/{issued.ApiKey.Id}", issued);
                })
                .WithName("rotateApiKey")
                .WithSummary("Forny en API-nøgle / Rotate an API key")
                .WithDescription("Kun for administratorer (admin). Udsteder en ny nøgle med samme scopes og tilbagekalder den gamle; den nye hemmelighed " +
                                 "vises kun i dette svar. 409 for en tilbagekaldt nøgle." +
                                 "\n\nAdministrators only (admin). Issues a new key with the same scopes and revokes the old one; the new secret is shown only " +
                                 "in this answer. 409 for a revoked key.")
                .WithTags("ApiKeys")
                .RequirePermission(Permissions.Administer)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
        }
    }
}
