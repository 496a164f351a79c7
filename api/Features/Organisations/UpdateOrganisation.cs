using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Organisations;

/// <summary>Changes an organisation; the caller must hold its current version (If-Match).</summary>
public static class UpdateOrganisation
{
    public sealed record Body(OrganisationKind Kind, string Name, string? ShortName, string? MunicipalityCode, string? RegionCode, string? Cvr);

    public sealed record Command(Guid Id, int ExpectedVersion, OrganisationKind Kind, string Name, string? ShortName, string? MunicipalityCode, string? RegionCode, string? Cvr)
        : IRequest<OrganisationResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new OrganisationRules<Command>(c => c.Kind, c => c.Name, c => c.ShortName, c => c.MunicipalityCode, c => c.RegionCode, c => c.Cvr));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock) : IRequestHandler<Command, OrganisationResponse>
    {
        public async Task<OrganisationResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            int changed;
            try
            {
                changed = await connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE organisation
                    SET kind = @Kind, name = @Name, short_name = @ShortName, municipality_code = @MunicipalityCode,
                        region_code = @RegionCode, cvr = @Cvr, version = version + 1, modified_at = @Now
                    WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                    """, new { command.Id, command.ExpectedVersion, Kind = command.Kind.Text(), command.Name, command.ShortName, command.MunicipalityCode, command.RegionCode, command.Cvr, Now = now },
                    transaction, cancellationToken: cancellationToken));
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("Organisation.CodeTaken");
            }
            await connection.EnsureChangedAsync(changed, "organisation", "Organisation", command.Id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new OrganisationResponse
            {
                Id = command.Id, Kind = command.Kind, Name = command.Name, ShortName = command.ShortName, MunicipalityCode = command.MunicipalityCode,
                RegionCode = command.RegionCode, Cvr = command.Cvr, Version = command.ExpectedVersion + 1, ModifiedAt = now,
            };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/organisations/{id:guid}", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(id, ETags.RequiredVersion(http), body.Kind, body.Name, body.ShortName, body.MunicipalityCode, body.RegionCode, body.Cvr), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("updateOrganisation")
                .WithSummary("Ret en organisation / Update an organisation")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Kræver If-Match med den " +
                                 "nuværende version (428 uden, 412 ved forældet)." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Needs If-Match with the current " +
                                 "version (428 without, 412 when stale).")
                .WithTags("Organisations")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
