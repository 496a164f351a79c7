using System.Data.Common;
using Dapper;
using Klima.Api.Infrastructure.Data;

namespace Klima.Api.Features.PersonalData;

/// <summary>Every read of restricted personal fields (contact details, notes) is recorded: who, whose, when and why.</summary>
internal static class PersonalDataStore
{
    [AreaApi]
    public static Task RecordAsync(DbConnection connection, DbTransaction? transaction, Guid personId, string accessedBy, string purpose,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO personal_data_access (id, person_id, accessed_by, purpose, accessed_at)
            VALUES (@Id, @PersonId, @AccessedBy, @Purpose, @Now)
            """, new { Id = Guid.CreateVersion7(now), PersonId = personId, AccessedBy = accessedBy, Purpose = purpose, Now = now },
            transaction, cancellationToken: cancellationToken));
}
