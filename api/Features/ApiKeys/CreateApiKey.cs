using Dapper;
using FluentValidation;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.ApiKeys;

/// <summary>Issues a scoped API key for a system (e.g. a municipality's case system: cases:read cases:write, bound to it).</summary>
public static class CreateApiKey
{
    /// <param name="GovernanceModelIds">Limits the key to these governance models (partnerships); omitted or empty = every model.</param>
    public sealed record Command(string Name, IReadOnlyList<string> Scopes, Guid? OrganisationId, DateTimeOffset? ExpiresAt, IReadOnlyList<Guid>? GovernanceModelIds = null) : IRequest<IssuedApiKey>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Scopes).NotEmpty();
            RuleFor(c => c.GovernanceModelIds).Must(m => m!.Count <= 20 && m.All(id => id != Guid.Empty)).When(c => c.GovernanceModelIds is not null)
                .WithMessage(_ => Messages.Get("Account.ModelIdsLimit"));
            RuleForEach(c => c.Scopes).Must(s => Permissions.All.Contains(s) && s != Permissions.Administer)
                .WithMessage(_ => Messages.Get("ApiKey.Scope", string.Join(", ", Permissions.All.Where(p => p != Permissions.Administer))));
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock) : IRequestHandler<Command, IssuedApiKey>
    {
        public async Task<IssuedApiKey> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await GovernanceModelsStore.EnsureExistAsync(connection, command.GovernanceModelIds, transaction, cancellationToken);
            var issued = await Insert(connection, transaction, command.Name, string.Join(' ', command.Scopes.Distinct()), command.OrganisationId,
                GovernanceModelScope.ToColumn(command.GovernanceModelIds), command.ExpiresAt, clock.GetUtcNow(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return issued;
        }

        internal static async Task<IssuedApiKey> Insert(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
            string name, string scopes, Guid? organisationId, string? modelScope, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var (key, prefix, hash) = ApiKeyFormat.Generate();
            var row = new ApiKeyRow { Id = Guid.CreateVersion7(now), Name = name, Prefix = prefix, Scopes = scopes, OrganisationId = organisationId, GovernanceModelScope = modelScope, ExpiresAt = expiresAt, CreatedAt = now, Version = 1 };
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO api_key (id, name, prefix, secret_hash, scopes, organisation_id, governance_model_scope, expires_at, version, created_at, modified_at)
                VALUES (@Id, @Name, @Prefix, @Hash, @Scopes, @OrganisationId, @GovernanceModelScope, @ExpiresAt, 1, @Now, @Now)
                """, new { row.Id, row.Name, row.Prefix, Hash = hash, row.Scopes, row.OrganisationId, row.GovernanceModelScope, row.ExpiresAt, Now = now }, transaction, cancellationToken: cancellationToken));
            return new IssuedApiKey { ApiKey = row.ToResponse(), Key = key };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/api-keys", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var issued = await mediator.Send(command, http.RequestAborted);
                    return TypedResults.Created($"/api/api-keys/{issued.ApiKey.Id}", issued);
                })
                .WithName("createApiKey")
                .WithSummary("Udsted en API-nøgle / Issue an API key")
                .WithDescription("Kun for administratorer (admin). Udsteder en nøgle med scopes til et system (fx en kommunes sagssystem: cases:read " +
                                 "cases:write, bundet til kommunen). Hemmeligheden vises kun i dette svar." +
                                 "\n\nAdministrators only (admin). Issues a scoped key for a system (e.g. a municipality's case system: cases:read " +
                                 "cases:write, bound to it). The secret is shown only in this answer.")
                .WithTags("ApiKeys")
                .RequirePermission(Permissions.Administer)
                .ProducesValidationProblem();
    }
}
