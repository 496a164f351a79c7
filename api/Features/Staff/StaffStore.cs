using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Features.Bodies;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Staff;

/// <summary>The SQL the Staff use cases share.</summary>
internal static class StaffStore
{
    /// <summary>
    /// The write guard of a staff position (its own writes and Financing's funding of it): 403 when the caller is limited to
    /// other governance models than its secretariat body's; a position that does not exist passes, so the write answers 404.
    /// </summary>
    [AreaApi]
    public static Task EnsureWritableAsync(System.Data.Common.DbConnection connection, ICurrentUser user, Guid staffPositionId,
        System.Data.Common.DbTransaction? transaction, CancellationToken cancellationToken) =>
        GovernanceModels.GovernanceModelsStore.EnsureOwnerAsync(connection, user,
            "SELECT b.governance_model_id FROM staff_position p JOIN body b ON b.id = p.body_id WHERE p.id = @Id", staffPositionId, transaction, cancellationToken);

    public const string Select = """
        SELECT sp.id, sp.body_id, b.name AS body_name, sp.title, sp.employer_organisation_id, eo.name AS employer_organisation_name,
               sp.placement_body_id, pb.name AS placement_body_name, sp.daily_manager_body_id, mb.name AS daily_manager_body_name,
               sp.daily_manager_role, sp.fte_hundredths, sp.holder_person_id, hp.name AS holder_person_name, sp.valid_from, sp.valid_to, sp.note,
               sp.version, sp.modified_at, CASE WHEN sp.deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        FROM staff_position sp
        JOIN body b ON b.id = sp.body_id
        JOIN organisation eo ON eo.id = sp.employer_organisation_id
        LEFT JOIN body pb ON pb.id = sp.placement_body_id
        LEFT JOIN body mb ON mb.id = sp.daily_manager_body_id
        LEFT JOIN person hp ON hp.id = sp.holder_person_id
        """;

    public static int Hundredths(decimal fte) => (int)decimal.Round(fte * 100m, 0, MidpointRounding.AwayFromZero);

    public static async Task EnsureReferencesAsync(System.Data.Common.DbConnection connection, Guid employer, Guid? placement, Guid? dailyManager, Guid? holder,
        System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        await connection.EnsureExistsAsync("organisation", employer, "employerOrganisationId", new Text("Reference.NoOrganisation"), transaction, cancellationToken);
        await connection.EnsureExistsAsync("body", placement, "placementBodyId", new Text("Reference.NoBody"), transaction, cancellationToken);
        await connection.EnsureExistsAsync("body", dailyManager, "dailyManagerBodyId", new Text("Reference.NoBody"), transaction, cancellationToken);
        await connection.EnsureExistsAsync("person", holder, "holderPersonId", new Text("Reference.NoPerson"), transaction, cancellationToken);
    }
}
