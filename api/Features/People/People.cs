using Klima.Api.Features.PersonalData;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;

namespace Klima.Api.Features.People;

/// <summary>
/// A person who holds or held seats. Email, phone and notes are restricted personal data: they are filled in only for
/// callers holding <see cref="Permissions.PersonalDataRead"/>, and null for everyone else.
/// </summary>
public sealed record PersonResponse
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public string? Title { get; init; }
    public Guid? OrganisationId { get; init; }
    public string? OrganisationName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Notes { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
    public bool Deleted { get; init; }
}

internal static class PersonalDataGuard
{
    /// <summary>Strips restricted fields unless the caller may read them (used where the caller just wrote them).</summary>
    public static PersonResponse Guard(this PersonResponse person, ICurrentUser user) =>
        user.Has(Permissions.PersonalDataRead) ? person : person with { Email = null, Phone = null, Notes = null };

    /// <summary>
    /// Strips restricted fields unless the caller may read them; when they are shown, each read is recorded in
    /// personal_data_access (who read whose data, when), which the person's data export lists.
    /// </summary>
    public static async Task<IReadOnlyList<PersonResponse>> GuardReadAsync(this IReadOnlyList<PersonResponse> people, ICurrentUser user,
        IDbConnectionFactory db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!user.Has(Permissions.PersonalDataRead))
        {
            return people.Select(p => p.Guard(user)).ToList();
        }
        var shown = people.Where(p => p.Email is not null || p.Phone is not null || p.Notes is not null).ToList();
        if (shown.Count > 0)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            foreach (var person in shown)
            {
                await PersonalDataStore.RecordAsync(connection, transaction, person.Id, user.Name, "read", now, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        return people;
    }
}
