using Klima.Api.Infrastructure.Auth;

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

internal static class PersonSql
{
    public const string Select = """
        SELECT p.id, p.name, p.title, p.organisation_id, o.name AS organisation_name, p.email, p.phone, p.notes, p.version, p.modified_at,
               CASE WHEN p.deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        FROM person p LEFT JOIN organisation o ON o.id = p.organisation_id
        """;
}

internal static class PersonalData
{
    /// <summary>Strips restricted fields unless the caller may read them; logs each read of them (who read whom).</summary>
    public static IReadOnlyList<PersonResponse> Guard(this IReadOnlyList<PersonResponse> people, ICurrentUser user, ILogger logger)
    {
        if (!user.Has(Permissions.PersonalDataRead))
        {
            return people.Select(p => p with { Email = null, Phone = null, Notes = null }).ToList();
        }
        foreach (var person in people.Where(p => p.Email is not null || p.Phone is not null || p.Notes is not null))
        {
            logger.LogInformation("Personal data of person {PersonId} read by {User}", person.Id, user.Name);
        }
        return people;
    }

    public static PersonResponse Guard(this PersonResponse person, ICurrentUser user, ILogger logger) => Guard([person], user, logger)[0];
}
