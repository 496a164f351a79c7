using Klima.Api.Domain.Governance;

namespace Klima.Api.Features.Memberships;

/// <summary>The SQL the Memberships use cases share.</summary>
internal static class MembershipsStore
{
    /// <summary>The write guard of a membership: 403 when the caller is limited to other governance models than its seat's body's.</summary>
    public static Task EnsureWritableAsync(System.Data.Common.DbConnection connection, Infrastructure.Auth.ICurrentUser user, Guid membershipId,
        System.Data.Common.DbTransaction? transaction, CancellationToken cancellationToken) =>
        GovernanceModels.GovernanceModelsStore.EnsureOwnerAsync(connection, user, """
            SELECT b.governance_model_id FROM membership m JOIN seat s ON s.id = m.seat_id JOIN body b ON b.id = s.body_id WHERE m.id = @Id
            """, membershipId, transaction, cancellationToken);

    public const string Select = """
        SELECT m.id, m.seat_id, s.label AS seat_label, s.role AS seat_role, s.body_id, b.name AS body_name, s.represents_organisation_id,
               m.person_id, p.name AS person_name, m.valid_from, m.valid_to, m.appointed_by_decision_ref, m.substitute_person_id,
               sp.name AS substitute_person_name, m.tied_to_election_term, m.end_reason, m.version, m.modified_at,
               CASE WHEN m.deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        FROM membership m
        JOIN seat s ON s.id = m.seat_id
        JOIN body b ON b.id = s.body_id
        JOIN person p ON p.id = m.person_id
        LEFT JOIN person sp ON sp.id = m.substitute_person_id
        """;

    /// <summary>Half-open: a membership counts on day D when validFrom &lt;= D &lt; validTo.</summary>
    public const string HeldOn = "m.valid_from <= @AsOf AND (m.valid_to IS NULL OR m.valid_to > @AsOf)";

    /// <summary>
    /// The election terms model <c>@Model</c> follows, as <c>election_term t</c>: its own where it has any, else the national
    /// terms (no model). Add conditions with AND.
    /// </summary>
    public const string ElectionTermsOfModel = """
        SELECT t.id, t.code, t.name, t.starts_on, t.ends_on, t.governance_model_id FROM election_term t
        WHERE (t.governance_model_id = @Model
               OR (t.governance_model_id IS NULL AND NOT EXISTS (SELECT 1 FROM election_term o WHERE o.governance_model_id = @Model)))
        """;
}
