using Klima.Api.Domain;
using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Klima.Api.Features.Accounts;

public sealed record UserAccountResponse
{
    public required Guid Id { get; init; }
    public required string Username { get; init; }
    public required string DisplayName { get; init; }
    public required string Role { get; init; }
    public Guid? OrganisationId { get; init; }
    /// <summary>The governance models (partnerships) the account is limited to; empty = every model.</summary>
    public IReadOnlyList<Guid> GovernanceModelIds { get; init; } = [];
    /// <summary>The stored form (space-separated ids), as Dapper reads it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? GovernanceModelScope { init => GovernanceModelIds = Infrastructure.Auth.GovernanceModelScope.FromColumn(value); }
    public DateTimeOffset? DisabledAt { get; init; }
    public required int Version { get; init; }
}

/// <summary>Administrators create local staff accounts with a role and, optionally, an organisation scope.</summary>
public static class CreateUserAccount
{
    /// <param name="GovernanceModelIds">Limits the account to these governance models (partnerships); omitted or empty = every model.</param>
    public sealed record Command(string Username, string DisplayName, string Password, string Role, Guid? OrganisationId, IReadOnlyList<Guid>? GovernanceModelIds = null)
        : IRequest<UserAccountResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Username).NotEmpty().MaximumLength(100).Matches("^[a-zA-Z0-9._@-]+$").WithMessage(_ => Messages.Get("Account.UsernameFormat"));
            RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Password).MinimumLength(12).WithMessage(_ => Messages.Get("Account.AtLeast12")).MaximumLength(200);
            RuleFor(c => c.Role).Must(r => Roles.All.Contains(r)).WithMessage(_ => Messages.Get("Account.RoleOneOf", string.Join(", ", Roles.All)));
            RuleFor(c => c.GovernanceModelIds).Must(m => m!.Count <= 20 && m.All(id => id != Guid.Empty)).When(c => c.GovernanceModelIds is not null)
                .WithMessage(_ => Messages.Get("Account.ModelIdsLimit"));
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, IPasswordHasher<Login.Account> hasher) : IRequestHandler<Command, UserAccountResponse>
    {
        public async Task<UserAccountResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await GovernanceModels.GovernanceModelsStore.EnsureExistAsync(connection, command.GovernanceModelIds, transaction, cancellationToken);
            var modelScope = Infrastructure.Auth.GovernanceModelScope.ToColumn(command.GovernanceModelIds);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO user_account (id, username, display_name, password_hash, role, organisation_id, governance_model_scope, version, created_at, modified_at)
                    VALUES (@Id, @Username, @DisplayName, @Hash, @Role, @OrganisationId, @ModelScope, 1, @Now, @Now)
                    """, new { Id = id, command.Username, command.DisplayName, Hash = hasher.HashPassword(null!, command.Password), command.Role, command.OrganisationId, ModelScope = modelScope, Now = now },
                    transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("Account.UsernameTaken", command.Username);
            }
            return new UserAccountResponse { Id = id, Username = command.Username, DisplayName = command.DisplayName, Role = command.Role, OrganisationId = command.OrganisationId, GovernanceModelScope = modelScope, Version = 1 };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/users", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/users/{created.Id}", created);
                })
                .WithName("createUserAccount")
                .WithSummary("Opret en brugerkonto / Create a user account")
                .WithDescription("Kun for administratorer (admin). Opretter en lokal konto til en medarbejder med en rolle (administrator, sekretariat, " +
                                 "medlem, læser) og eventuelt en organisation, kontoen er bundet til. 409 når brugernavnet findes." +
                                 "\n\nAdministrators only (admin). Creates a local staff account with a role (administrator, secretariat, member, reader) and, " +
                                 "optionally, the organisation it is bound to. 409 when the username exists.")
                .WithTags("Accounts")
                .RequirePermission(Permissions.Administer)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

/// <summary>Lists staff accounts (administrators only).</summary>
public static class ListUserAccounts
{
    public sealed record Query : IRequest<Slice<UserAccountResponse>>, IListQuery
    {
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
        public DateTimeOffset? ModifiedSince { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new ListQueryRules());
    }

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, Slice<UserAccountResponse>>
    {
        public async Task<Slice<UserAccountResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = (await connection.QueryAsync<UserAccountResponse>(new CommandDefinition($"""
                SELECT id, username, display_name, role, organisation_id, governance_model_scope, disabled_at, version FROM user_account
                WHERE deleted_at IS NULL AND (@After IS NULL OR id > @After) AND (@ModifiedSince IS NULL OR modified_at > @ModifiedSince) ORDER BY id {db.Dialect.Limit("@Take")}
                """, new { After = Cursor.DecodeGuid(query.Cursor), query.ModifiedSince, Take = query.Take() + 1 }, cancellationToken: cancellationToken))).ToList();
            return Slice<UserAccountResponse>.FromRows(rows, query.Take(), r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/users", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listUserAccounts")
                .WithSummary("Vis brugerkonti / List user accounts")
                .WithDescription("Kun for administratorer (admin). Alle lokale konti med rolle, organisation og om de er deaktiveret; aldrig adgangskoder." +
                                 "\n\nAdministrators only (admin). Every local account with its role, organisation and whether it is enabled; never passwords.")
                .WithTags("Accounts")
                .RequirePermission(Permissions.Administer);
    }
}
