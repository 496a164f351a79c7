using Klima.Api.Features.PersonalData;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;

namespace Klima.Api.Features.People;

/// <summary>The SQL the People use cases share.</summary>
internal static class PeopleStore
{
    public const string Select = """
        SELECT p.id, p.name, p.title, p.organisation_id, o.name AS organisation_name, p.email, p.phone, p.notes, p.version, p.modified_at,
               CASE WHEN p.deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        FROM person p LEFT JOIN organisation o ON o.id = p.organisation_id
        """;
}
