using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Klima.Api.Domain.Governance;
using Klima.Api.Domain;
using Klima.Api.Features.Bodies;

namespace Klima.Api.Infrastructure.Data;

/// <summary>
/// Loads the optional demo data (db/seed/demo, Database:DemoData=true) through the same composition rules as an appointment
/// made in the app, so that demo data never breaks them on a database that already holds real appointments (a demo
/// start on a database where BRN's Aalborg seat was filled by hand must not give that seat a second holder).
/// The demo scripts' memberships go to a staging table first; each is then admitted in the script's order only when
/// <see cref="CompositionEngine.CheckAppointment"/> and the body's establishment / dissolution dates allow it, and skipped
/// (with a log line naming the rule) otherwise. A staff position that already has a holder keeps it.
/// The scripts themselves stay as committed (their checksums are journalled): only where their rows go is changed here.
/// </summary>
internal static partial class DemoData
{
    public const string ScriptPrefix = "db/seed/demo/";

    private const string Staging = "demo_membership_staging";

    public sealed record Skipped(Guid MembershipId, Guid SeatId, Guid PersonId, string Rule, string Reason);

    public static bool IsDemoScript(string name) => name.StartsWith(ScriptPrefix, StringComparison.Ordinal);

    /// <summary>Runs one demo script inside the migration's transaction and admits its memberships rule by rule.</summary>
    public static async Task<IReadOnlyList<Skipped>> ApplyAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition($"""
            CREATE TABLE {Staging} (
                id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY,
                seat_id UNIQUEIDENTIFIER NOT NULL,
                person_id UNIQUEIDENTIFIER NOT NULL,
                valid_from DATE NOT NULL,
                valid_to DATE NULL,
                appointed_by_decision_ref NVARCHAR(200) NULL,
                substitute_person_id UNIQUEIDENTIFIER NULL,
                tied_to_election_term BIT NOT NULL,
                end_reason NVARCHAR(400) NULL,
                version INT NOT NULL,
                created_at DATETIMEOFFSET NOT NULL,
                modified_at DATETIMEOFFSET NOT NULL,
                deleted_at DATETIMEOFFSET NULL
            )
            """, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(Stage(sql), transaction: transaction, commandTimeout: 600, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        var skipped = await AdmitAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition($"DROP TABLE {Staging}", transaction: transaction, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        return skipped;
    }

    /// <summary>
    /// The script with its memberships sent to the staging table and its staff-position holders set only where a position
    /// has none.
    /// </summary>
    public static string Stage(string sql) =>
        StaffHolder().Replace(InsertMembership().Replace(sql, $"INSERT INTO {Staging} ("), "$1 AND holder_person_id IS NULL");

    private static async Task<IReadOnlyList<Skipped>> AdmitAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var staged = (await connection.QueryAsync<StagedRow>(new CommandDefinition($"""
            SELECT d.id, d.seat_id, d.person_id, d.valid_from, d.valid_to, s.body_id, b.established_on, b.dissolved_on
            FROM {Staging} d
            JOIN seat s ON s.id = d.seat_id AND s.deleted_at IS NULL
            JOIN body b ON b.id = s.body_id AND b.deleted_at IS NULL
            ORDER BY d.id
            """, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var skipped = new List<Skipped>();
        var stagedCount = await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) FROM {Staging}", transaction: transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (stagedCount != staged.Count)
        {
            throw new InvalidOperationException($"{stagedCount - staged.Count} demo membership(s) name a seat that does not exist.");
        }

        foreach (var row in staged)
        {
            var period = new Period(row.ValidFrom, row.ValidTo);
            var violation = row switch
            {
                { DissolvedOn: { } dissolved } when dissolved <= row.ValidFrom => new Violation("body-dissolved", new Klima.Api.Domain.Text("Membership.BodyDissolved", new Klima.Api.Domain.Term("Resource.Body"), dissolved), "validFrom"),
                { EstablishedOn: { } established } when row.ValidFrom < established => new Violation("body-not-established", new Klima.Api.Domain.Text("Membership.BodyNotEstablished", new Klima.Api.Domain.Term("Resource.Body"), established), "validFrom"),
                _ => null,
            };
            if (violation is null)
            {
                // Read afresh for every row: the memberships admitted just before (in this body or a body a chair rule refers to) count.
                var composition = await connection.LoadCompositionAsync(row.BodyId, transaction, cancellationToken).ConfigureAwait(false);
                var refBodies = composition.Rules.Where(r => r.RefBodyId is not null).Select(r => r.RefBodyId!.Value);
                var elsewhere = await connection.LoadMembershipsOfBodiesAsync(refBodies, transaction, cancellationToken).ConfigureAwait(false);
                violation = CompositionEngine.CheckAppointment(composition, new Appointment(row.PersonId, row.SeatId, period),
                    refBody => elsewhere.TryGetValue(refBody, out var ms) ? ms.Where(m => m.PersonId == row.PersonId).Select(m => m.Period).ToList() : []);
            }
            if (violation is not null)
            {
                skipped.Add(new Skipped(row.Id, row.SeatId, row.PersonId, violation.Rule, Localization.Messages.Say(violation.Message, Localization.Messages.English)));
                continue;
            }
            await connection.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO membership (id, seat_id, person_id, valid_from, valid_to, appointed_by_decision_ref, substitute_person_id,
                    tied_to_election_term, end_reason, version, created_at, modified_at, deleted_at)
                SELECT id, seat_id, person_id, valid_from, valid_to, appointed_by_decision_ref, substitute_person_id,
                    tied_to_election_term, end_reason, version, created_at, modified_at, deleted_at
                FROM {Staging} WHERE id = @Id
                """, new { row.Id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        return skipped;
    }

    private sealed record StagedRow
    {
        public required Guid Id { get; init; }
        public required Guid SeatId { get; init; }
        public required Guid PersonId { get; init; }
        public required DateOnly ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
        public required Guid BodyId { get; init; }
        public DateOnly? EstablishedOn { get; init; }
        public DateOnly? DissolvedOn { get; init; }
    }

    [GeneratedRegex(@"\bINSERT\s+INTO\s+membership\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex InsertMembership();

    [GeneratedRegex(@"(\bUPDATE\s+staff_position\s+SET\s+holder_person_id\s*=[^;]*?\bWHERE\s+id\s*=\s*'[0-9a-fA-F-]{36}')", RegexOptions.IgnoreCase)]
    private static partial Regex StaffHolder();
}
