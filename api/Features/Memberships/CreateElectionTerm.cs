using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Memberships;

/// <summary>
/// Gives a partnership an election term of its own, where its terms differ from the national municipal ones: from then on
/// the model follows its own terms (memberships tied to a term end with them), other models keep the national terms.
/// </summary>
public static class CreateElectionTerm
{
    public sealed record Body(string Code, string Name, DateOnly StartsOn, DateOnly EndsOn);

    public sealed record Command(Guid GovernanceModelId, string Code, string Name, DateOnly StartsOn, DateOnly EndsOn) : IRequest<ElectionTermResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Code).NotEmpty().MaximumLength(20);
            RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
            RuleFor(c => c.EndsOn).GreaterThan(c => c.StartsOn).WithMessage(_ => Messages.Get("ElectionTerm.EndsAfterStart"));
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, ElectionTermResponse>
    {
        public async Task<ElectionTermResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var model = await GovernanceModelsStore.ResolveAsync(connection, command.GovernanceModelId, user, transaction, cancellationToken);
            // A model's own terms follow one another: two of them never cover the same day (half-open periods).
            var overlapping = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
                "SELECT code FROM election_term WHERE governance_model_id = @Model AND starts_on < @EndsOn AND ends_on > @StartsOn",
                new { Model = model, command.StartsOn, command.EndsOn }, transaction, cancellationToken: cancellationToken));
            if (overlapping is not null)
            {
                throw new RuleViolationException("election-terms-apart", new Text("ElectionTerm.Overlaps", overlapping), "startsOn");
            }
            var id = Guid.CreateVersion7(clock.GetUtcNow());
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO election_term (id, code, name, starts_on, ends_on, governance_model_id)
                    VALUES (@Id, @Code, @Name, @StartsOn, @EndsOn, @Model)
                    """, new { Id = id, command.Code, command.Name, command.StartsOn, command.EndsOn, Model = model }, transaction, cancellationToken: cancellationToken));
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("ElectionTerm.CodeTaken", command.Code);
            }
            await transaction.CommitAsync(cancellationToken);
            return new ElectionTermResponse
            {
                Id = id, Code = command.Code, Name = command.Name, StartsOn = command.StartsOn, EndsOn = command.EndsOn, GovernanceModelId = model,
            };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/governance-models/{governanceModelId:guid}/election-terms", async (Guid governanceModelId, Body body, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(new Command(governanceModelId, body.Code, body.Name, body.StartsOn, body.EndsOn), http.RequestAborted);
                    return TypedResults.Created($"/api/election-terms?governanceModelId={created.GovernanceModelId:D}", created);
                })
                .WithName("createElectionTerm")
                .WithSummary("Opret en valgperiode for en styringsmodel / Create an election term of a governance model")
                .WithDescription("Kræver governance:write. Giver en styringsmodel en egen valgperiode (halvåben periode), hvor dens perioder afviger fra de " +
                                 "nationale kommunale valgperioder; modellen følger derefter sine egne perioder, andre modeller de nationale. 409 ved en kode, " +
                                 "der findes; 422 med feltet ved en ukendt model eller en periode, der overlapper modellens andre." +
                                 "\n\nNeeds governance:write. Gives a governance model an election term of its own (a half-open period) where its terms differ " +
                                 "from the national municipal ones; the model then follows its own terms, other models the national ones. 409 for an existing " +
                                 "code; 422 naming the field for an unknown model or a period overlapping the model's others.")
                .WithTags("Memberships")
                .RequirePermission(Permissions.GovernanceWrite)
                .Produces<ElectionTermResponse>(StatusCodes.Status201Created)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
