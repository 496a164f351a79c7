using System.Data.Common;
using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Meetings;

/// <summary>Plans a meeting of a body.</summary>
public static class CreateMeeting
{
    public sealed record Command(Guid BodyId, DateOnly Date, string? Title, string? Location) : IRequest<MeetingResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.BodyId).NotEmpty();
            RuleFor(c => c.Title).MaximumLength(200);
            RuleFor(c => c.Location).MaximumLength(200);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, MeetingResponse>
    {
        public async Task<MeetingResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM body WHERE id = @Id AND deleted_at IS NULL",
                    new { Id = command.BodyId }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                throw new RuleViolationException("body-exists", new Text("Case.NoBody", command.BodyId), "bodyId");
            }
            await MeetingsStore.EnsureMayManageAsync(connection, transaction, command.BodyId, user, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO meeting (id, body_id, meeting_date, title, location, state, version, created_at, modified_at)
                VALUES (@Id, @BodyId, @Date, @Title, @Location, 'planned', 1, @Now, @Now)
                """, new { Id = id, command.BodyId, command.Date, command.Title, command.Location, Now = now }, transaction, cancellationToken: cancellationToken));
            var created = await MeetingsStore.LoadAsync(connection, id, user, StepChange.Today(now), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/meetings", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/meetings/{created.Id}", created);
                })
                .WithName("createMeeting")
                .WithSummary("Planlæg et møde / Plan a meeting")
                .WithDescription("Kræver cases:write (sekretariat og administrator; eller en API-nøgle med det scope). Et møde i et organ på en dato, med " +
                                 "titel og sted. 422 med feltnavn, når organet ikke findes." +
                                 "\n\nNeeds cases:write (secretariat and administrator; or an API key with that scope). A meeting of a body on a date, with a " +
                                 "title and a location. 422 naming the field when the body does not exist.")
                .WithTags("Meetings")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
