using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>Adds a typed relation from one body to another body of the same model (an edge of the model's graph).</summary>
public static class CreateBodyRelation
{
    public sealed record Body(Guid ToBodyId, RelationKind Kind, string? Note);

    public sealed record Command(Guid FromBodyId, Guid ToBodyId, RelationKind Kind, string? Note) : IRequest<RelationResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ToBodyId).NotEmpty().NotEqual(c => c.FromBodyId).WithMessage(_ => Messages.Get("Relation.NotToItself"));
            RuleFor(c => c.Kind).IsInEnum();
            RuleFor(c => c.Note).MaximumLength(400);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, RelationResponse>
    {
        public async Task<RelationResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var from = await connection.LockBodyAsync(command.FromBodyId, user, transaction, cancellationToken);
            var toModel = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
                "SELECT governance_model_id FROM body WHERE id = @Id AND deleted_at IS NULL", new { Id = command.ToBodyId }, transaction, cancellationToken: cancellationToken));
            if (toModel is null)
            {
                throw References.Missing("toBodyId", new Text("Reference.NoBody"));
            }
            if (toModel != from.GovernanceModelId)
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure("toBodyId", Messages.Get("Relation.SameModel"))]);
            }
            var duplicate = await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
                SELECT COUNT(*) FROM body_relation
                WHERE from_body_id = @FromBodyId AND to_body_id = @ToBodyId AND kind = @Kind AND deleted_at IS NULL
                """, new { command.FromBodyId, command.ToBodyId, Kind = command.Kind.Text() }, transaction, cancellationToken: cancellationToken));
            if (duplicate > 0)
            {
                throw new ConflictException("Relation.Exists");
            }
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO body_relation (id, governance_model_id, from_body_id, to_body_id, kind, note, version, created_at, modified_at)
                VALUES (@Id, @ModelId, @FromBodyId, @ToBodyId, @Kind, @Note, 1, @Now, @Now)
                """, new { Id = id, ModelId = from.GovernanceModelId, command.FromBodyId, command.ToBodyId, Kind = command.Kind.Text(), command.Note, Now = now },
                transaction, cancellationToken: cancellationToken));
            var created = await connection.QuerySingleAsync<RelationResponse>(new CommandDefinition(
                $"{BodiesStore.RelationSelect} WHERE r.id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return created;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/bodies/{id:guid}/relations", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(new Command(id, body.ToBodyId, body.Kind, body.Note), http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/bodies/{id}/relations/{created.Id}", created);
                })
                .WithName("createBodyRelation")
                .WithSummary("Opret en relation mellem to organer / Create a relation between two bodies")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Tilføjer en typet relation (fx " +
                                 "indstiller til, betjener) fra organet til et andet organ i samme model: en kant i modellens graf. 409 når relationen " +
                                 "findes; 422 når det andet organ ikke findes eller hører til en anden model." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Adds a typed relation (e.g. " +
                                 "recommends to, serves) from the body to another body of the same model: an edge of the model's graph. 409 when the " +
                                 "relation exists; 422 when the other body does not exist or belongs to another model.")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
