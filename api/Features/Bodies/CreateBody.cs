using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>Adds a body to a governance model, with its mandate, host and the case that established it.</summary>
public static class CreateBody
{
    public sealed record Command(
        Guid GovernanceModelId, string Code, string Name, string? NameEn, BodyKind Kind, string? Mandate, bool CanDecide, Guid? HostOrganisationId,
        DateOnly? EstablishedOn, string? EstablishedByCaseRef, DateOnly? DissolvedOn, string? DissolvedByCaseRef,
        Guid? ServedByBodyId = null, Guid? ServedByOrganisationId = null) : IRequest<BodyResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.GovernanceModelId).NotEmpty();
            Include(new BodyRules<Command>(c => c.Code, c => c.Name, c => c.NameEn, c => c.Mandate, c => c.EstablishedOn, c => c.EstablishedByCaseRef,
                c => c.DissolvedOn, c => c.DissolvedByCaseRef));
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, BodyResponse>
    {
        public async Task<BodyResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            GovernanceModelsStore.Ensure(user, command.GovernanceModelId);
            await connection.EnsureExistsAsync("governance_model", command.GovernanceModelId, "governanceModelId", new Text("Reference.NoGovernanceModel"), transaction, cancellationToken);
            await connection.EnsureExistsAsync("organisation", command.HostOrganisationId, "hostOrganisationId", new Text("Reference.NoOrganisation"), transaction, cancellationToken);
            await BodyServedBy.EnsureValidAsync(connection, command.GovernanceModelId, null, command.ServedByBodyId, command.ServedByOrganisationId, transaction, cancellationToken);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO body (id, governance_model_id, code, name, name_en, kind, mandate, can_decide, host_organisation_id,
                        served_by_body_id, served_by_organisation_id,
                        established_on, established_by_case_ref, dissolved_on, dissolved_by_case_ref, version, created_at, modified_at)
                    VALUES (@Id, @GovernanceModelId, @Code, @Name, @NameEn, @Kind, @Mandate, @CanDecide, @HostOrganisationId,
                        @ServedByBodyId, @ServedByOrganisationId, @EstablishedOn, @EstablishedByCaseRef, @DissolvedOn, @DissolvedByCaseRef, 1, @Now, @Now)
                    """, new
                    {
                        Id = id, command.GovernanceModelId, command.Code, command.Name, command.NameEn, Kind = command.Kind.Text(), command.Mandate,
                        command.CanDecide, command.HostOrganisationId, command.EstablishedOn, command.EstablishedByCaseRef, command.DissolvedOn,
                        command.DissolvedByCaseRef, command.ServedByBodyId, command.ServedByOrganisationId, Now = now,
                    }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("Body.CodeTaken", command.Code);
            }
            return new BodyResponse
            {
                Id = id, GovernanceModelId = command.GovernanceModelId, Code = command.Code, Name = command.Name, NameEn = command.NameEn, Kind = command.Kind,
                Mandate = command.Mandate, CanDecide = command.CanDecide, HostOrganisationId = command.HostOrganisationId,
                ServedByBodyId = command.ServedByBodyId, ServedByOrganisationId = command.ServedByOrganisationId, EstablishedOn = command.EstablishedOn,
                EstablishedByCaseRef = command.EstablishedByCaseRef, DissolvedOn = command.DissolvedOn, DissolvedByCaseRef = command.DissolvedByCaseRef,
                Version = 1, ModifiedAt = now,
            };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/bodies", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/bodies/{created.Id}", created);
                })
                .WithName("createBody")
                .WithSummary("Opret et organ / Create a body")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Tilføjer et organ (bestyrelse, " +
                                 "styregruppe, forum, sekretariat ...) til en styringsmodel med mandat, vært og den sag, der nedsatte det. 422 med " +
                                 "feltnavn, når en henvisning ikke findes; 409 ved en kode, der allerede bruges." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Adds a body (board, steering " +
                                 "group, forum, secretariat ...) to a governance model with its mandate, host and the case that established it. 422 naming " +
                                 "the field when a reference does not exist; 409 for a code already in use.")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

/// <summary>Shape rules shared by create and update.</summary>
internal sealed class BodyRules<T> : AbstractValidator<T>
{
    public BodyRules(Func<T, string> code, Func<T, string> name, Func<T, string?> nameEn, Func<T, string?> mandate,
        Func<T, DateOnly?> establishedOn, Func<T, string?> establishedByCaseRef, Func<T, DateOnly?> dissolvedOn, Func<T, string?> dissolvedByCaseRef)
    {
        RuleFor(x => code(x)).NotEmpty().MaximumLength(50).Matches("^[a-z0-9][a-z0-9-]*$")
            .WithMessage(_ => Messages.Get("Body.CodeFormat")).OverridePropertyName("code");
        RuleFor(x => name(x)).NotEmpty().MaximumLength(200).OverridePropertyName("name");
        RuleFor(x => nameEn(x)).MaximumLength(200).OverridePropertyName("nameEn");
        RuleFor(x => mandate(x)).MaximumLength(4000).OverridePropertyName("mandate");
        RuleFor(x => establishedByCaseRef(x)).MaximumLength(100).OverridePropertyName("establishedByCaseRef");
        RuleFor(x => dissolvedByCaseRef(x)).MaximumLength(100).OverridePropertyName("dissolvedByCaseRef");
        RuleFor(x => dissolvedByCaseRef(x)).Null().When(x => dissolvedOn(x) is null)
            .WithMessage(_ => Messages.Get("Body.DissolvingCaseNeedsDate")).OverridePropertyName("dissolvedByCaseRef");
        RuleFor(x => dissolvedOn(x)).GreaterThan(x => establishedOn(x)).When(x => dissolvedOn(x) is not null && establishedOn(x) is not null)
            .WithMessage(_ => Messages.Get("Body.DissolvedAfterEstablished")).OverridePropertyName("dissolvedOn");
    }
}

/// <summary>A body is served by a secretariat of its own model (or itself) and/or an organisation that exists.</summary>
internal static class BodyServedBy
{
    public static async Task EnsureValidAsync(System.Data.Common.DbConnection connection, Guid modelId, Guid? bodyId, Guid? servedByBodyId,
        Guid? servedByOrganisationId, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        await connection.EnsureExistsAsync("organisation", servedByOrganisationId, "servedByOrganisationId", new Text("Reference.NoOrganisation"), transaction, cancellationToken);
        if (servedByBodyId is { } serving && serving != bodyId && await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM body WHERE id = @Id AND governance_model_id = @ModelId AND deleted_at IS NULL",
                new { Id = serving, ModelId = modelId }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            throw new RuleViolationException("served-by-body-in-model", new Text("Body.NotInModel", serving), "servedByBodyId");
        }
    }
}
