using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;

namespace Klima.Api.Features.PersonalData;

/// <summary>Everything Klima holds about one person (a data subject's access request), including who read their restricted data.</summary>
public static class ExportPersonalDataOfPerson
{
    public sealed record Query(Guid PersonId) : IRequest<Export>;

    public sealed record Export
    {
        public required PersonRecord Person { get; init; }
        public required IReadOnlyList<MembershipRecord> Memberships { get; init; }
        public required IReadOnlyList<AccessRecord> Accesses { get; init; }
        public required DateTimeOffset ExportedAt { get; init; }
    }

    public sealed record PersonRecord
    {
        public required Guid Id { get; init; }
        public required string Name { get; init; }
        public string? Title { get; init; }
        public Guid? OrganisationId { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public string? Notes { get; init; }
        public DateTimeOffset? PseudonymisedAt { get; init; }
        public required DateTimeOffset CreatedAt { get; init; }
        public required DateTimeOffset ModifiedAt { get; init; }
    }

    public sealed record MembershipRecord
    {
        public required Guid Id { get; init; }
        public required string Body { get; init; }
        public required string Seat { get; init; }
        public required DateOnly ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
        public string? AppointedByDecisionRef { get; init; }
    }

    public sealed record AccessRecord
    {
        public required string AccessedBy { get; init; }
        public required string Purpose { get; init; }
        public required DateTimeOffset AccessedAt { get; init; }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Query, Export>
    {
        public async Task<Export> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var person = await connection.QuerySingleOrDefaultAsync<PersonRecord>(new CommandDefinition("""
                SELECT id, name, title, organisation_id, email, phone, notes, pseudonymised_at, created_at, modified_at
                FROM person WHERE id = @PersonId AND deleted_at IS NULL
                """, query, transaction, cancellationToken: cancellationToken)) ?? throw new NotFoundException("Person", query.PersonId);
            var memberships = await connection.QueryAsync<MembershipRecord>(new CommandDefinition("""
                SELECT m.id, b.name AS body, s.label AS seat, m.valid_from, m.valid_to, m.appointed_by_decision_ref
                FROM membership m JOIN seat s ON s.id = m.seat_id JOIN body b ON b.id = s.body_id
                WHERE m.person_id = @PersonId AND m.deleted_at IS NULL ORDER BY m.valid_from, m.id
                """, query, transaction, cancellationToken: cancellationToken));
            var accesses = await connection.QueryAsync<AccessRecord>(new CommandDefinition("""
                SELECT accessed_by, purpose, accessed_at FROM personal_data_access WHERE person_id = @PersonId ORDER BY accessed_at, id
                """, query, transaction, cancellationToken: cancellationToken));
            await PersonalDataStore.RecordAsync(connection, transaction, query.PersonId, user.Name, "export", now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Export { Person = person, Memberships = memberships.ToList(), Accesses = accesses.ToList(), ExportedAt = now };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/people/{id:guid}/personal-data", async (Guid id, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(id), http.RequestAborted)))
                .WithName("exportPersonalData")
                .WithSummary("Udtræk en persons data (indsigt) / Export a person's data (access request)")
                .WithDescription("Kræver personal-data:read (sekretariat og administrator); hver læsning logges. Alt, Klima har om personen (en " +
                                 "registreredes indsigtsanmodning), herunder hvem der har læst de begrænsede oplysninger." +
                                 "\n\nNeeds personal-data:read (secretariat and administrator); every read is logged. Everything Klima holds about the person " +
                                 "(a data subject's access request), including who read their restricted data.")
                .WithTags("PersonalData")
                .RequirePermission(Permissions.PersonalDataRead)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
