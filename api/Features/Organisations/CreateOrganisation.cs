using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Organisations;

/// <summary>Registers an organisation with its official identifiers (municipality code, region code, CVR).</summary>
public static class CreateOrganisation
{
    public sealed record Command(OrganisationKind Kind, string Name, string? ShortName, string? MunicipalityCode, string? RegionCode, string? Cvr)
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
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO organisation (id, kind, name, short_name, municipality_code, region_code, cvr, version, created_at, modified_at)
                    VALUES (@Id, @Kind, @Name, @ShortName, @MunicipalityCode, @RegionCode, @Cvr, 1, @Now, @Now)
                    """, new { Id = id, Kind = command.Kind.Text(), command.Name, command.ShortName, command.MunicipalityCode, command.RegionCode, command.Cvr, Now = now },
                    transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("Organisation.CodeTaken");
            }
            return new OrganisationResponse
            {
                Id = id, Kind = command.Kind, Name = command.Name, ShortName = command.ShortName, MunicipalityCode = command.MunicipalityCode,
                RegionCode = command.RegionCode, Cvr = command.Cvr, Version = 1, ModifiedAt = now,
            };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/organisations", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/organisations/{created.Id}", created);
                })
                .WithName("createOrganisation")
                .WithSummary("Opret en organisation / Create an organisation")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Registrerer en organisation " +
                                 "(kommune, region, BRN ...) med officielle koder (kommunekode, regionskode, CVR), som kun formkontrolleres. 409 når koden allerede er registreret." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Registers an organisation " +
                                 "(municipality, region, BRN ...) with its official codes (municipality code, region code, CVR), checked for format only. " +
                                 "409 when a code is already registered.")
                .WithTags("Organisations")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

/// <summary>Shape rules shared by create and update: official codes are checked for format only.</summary>
internal sealed class OrganisationRules<T> : AbstractValidator<T>
{
    public OrganisationRules(
        Func<T, OrganisationKind> kind, Func<T, string> name, Func<T, string?> shortName,
        Func<T, string?> municipalityCode, Func<T, string?> regionCode, Func<T, string?> cvr)
    {
        RuleFor(x => name(x)).NotEmpty().MaximumLength(200).OverridePropertyName("name");
        RuleFor(x => shortName(x)).MaximumLength(50).OverridePropertyName("shortName");
        RuleFor(x => municipalityCode(x)).Matches("^[0-9]{3}$").WithMessage(_ => Messages.Get("Organisation.MunicipalityCode"))
            .OverridePropertyName("municipalityCode");
        RuleFor(x => municipalityCode(x)).Null().When(x => kind(x) != OrganisationKind.Municipality)
            .WithMessage(_ => Messages.Get("Organisation.OnlyMunicipalityCode")).OverridePropertyName("municipalityCode");
        RuleFor(x => regionCode(x)).Matches("^108[1-5]$").WithMessage(_ => Messages.Get("Organisation.RegionCode"))
            .OverridePropertyName("regionCode");
        RuleFor(x => regionCode(x)).Null().When(x => kind(x) != OrganisationKind.Region)
            .WithMessage(_ => Messages.Get("Organisation.OnlyRegionCode")).OverridePropertyName("regionCode");
        RuleFor(x => cvr(x)).Matches("^[0-9]{8}$").WithMessage(_ => Messages.Get("Organisation.Cvr")).OverridePropertyName("cvr");
    }
}
