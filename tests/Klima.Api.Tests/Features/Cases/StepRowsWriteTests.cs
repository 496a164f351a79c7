using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Features.Cases;

/// <summary>
/// Issue 19, sixth round: a routed case's step rows go in as one statement (one JSON parameter, read by json_each on SQLite and OPENJSON on SQL Server),
/// every step row is still audited, and on SQLite the audit rows' ids grow with time (version 7 UUIDs) instead of being random.
/// </summary>
public sealed partial class StepRowsWriteTests(DatabaseLane lane) : ApiTest(lane)
{
    private IDbConnectionFactory Connections => Factory.Services.GetRequiredService<IDbConnectionFactory>();

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex Version7();

    /// <summary>Rows that carry what a JSON text can get wrong: quotes, backslashes, control characters, non-ASCII text, nulls, both flags.</summary>
    private static List<StepRow> Rows(Guid caseId, DateTimeOffset now) =>
    [
        new()
        {
            Id = Guid.CreateVersion7(now), CaseId = caseId, StageOrdinal = 91, StageName = "Høring \"særlig\" \\ fase", Ordinal = 1,
            BodyId = Seed.Kkr, OrganisationId = Seed.Aalborg, Role = "consultation", Authoritative = false, Deadline = new DateOnly(2027, 2, 28),
            Note = "Linje 1\nLinje 2\t✓ – æøå", LocalCaseNumber = "AAL-2027/001",
        },
        new()
        {
            Id = Guid.CreateVersion7(now), CaseId = caseId, StageOrdinal = 92, StageName = "Beslutning", Ordinal = 2,
            BodyId = Seed.BrnBoard, OrganisationId = null, Role = "decision", Authoritative = true, Deadline = null, Note = null, LocalCaseNumber = null,
        },
    ];

    private static readonly string[] Columns =
        ["id", "case_id", "stage_ordinal", "stage_name", "ordinal", "body_id", "organisation_id", "role", "authoritative", "deadline", "note", "local_case_number",
         "version", "created_at", "modified_at"];

    [Test]
    public async Task Step_rows_written_in_one_statement_read_back_as_planned_and_each_is_audited()
    {
        var created = await Client.CreateCaseAsync(Seed.NewCase("joint"));
        var now = DateTimeOffset.UtcNow;
        var rows = Rows(created.Id, now);
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        await using (var transaction = await connection.BeginWriteAsync(CancellationToken.None))
        {
            await CasesStore.InsertStepsAsync(Connections.Dialect, connection, transaction, rows, now, CancellationToken.None);
            await transaction.CommitAsync();
        }

        var read = (await CasesStore.StepsAsync(connection, created.Id, null, CancellationToken.None)).Where(s => s.StageOrdinal > 90).ToList();
        read.Count.ShouldBe(2);
        for (var i = 0; i < rows.Count; i++)
        {
            var (want, got) = (rows[i], read[i]);
            got.Id.ShouldBe(want.Id);
            got.CaseId.ShouldBe(want.CaseId);
            got.StageOrdinal.ShouldBe(want.StageOrdinal);
            got.StageName.ShouldBe(want.StageName);
            got.Ordinal.ShouldBe(want.Ordinal);
            got.BodyId.ShouldBe(want.BodyId);
            got.OrganisationId.ShouldBe(want.OrganisationId);
            got.Role.ShouldBe(want.Role);
            got.Authoritative.ShouldBe(want.Authoritative);
            got.Deadline.ShouldBe(want.Deadline);
            got.Note.ShouldBe(want.Note);
            got.LocalCaseNumber.ShouldBe(want.LocalCaseNumber);
        }
        foreach (var row in rows)
        {
            (await connection.ExecuteScalarAsync<int>(
                    "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'case_step' AND entity_id = @Id AND action = 'insert'",
                    new { Id = row.Id.ToString("D") }))
                .ShouldBe(1, $"one audit row for step {row.Id}");
        }
    }

    [Test]
    public void SQL_Servers_steps_insert_reads_the_rows_with_OPENJSON_in_valid_T_SQL()
    {
        var sql = CasesStore.StepsInsert(SqlDialects.SqlServer);
        var result = Klima.Api.Tests.Infrastructure.Data.TSqlVerifier.Check("steps INSERT (SQL Server)", sql);
        result.Problems.ShouldBeEmpty();
        result.Statements.ShouldBe(1);
        sql.ShouldContain("OPENJSON(@Rows) WITH (c0 UNIQUEIDENTIFIER '$[0]'");
        sql.ShouldNotContain("json_each");
        CasesStore.StepsInsert(SqlDialects.Sqlite).ShouldContain("json_each(@Rows)");
    }

    [Test]
    public void Each_position_of_the_JSON_row_has_a_column_and_a_type()
    {
        var now = DateTimeOffset.UtcNow;
        using var json = System.Text.Json.JsonDocument.Parse(CasesStore.StepRowsJson(Rows(Guid.NewGuid(), now)));
        var positions = json.RootElement[0].GetArrayLength();
        var sql = CasesStore.StepsInsert(SqlDialects.SqlServer);
        sql.ShouldContain($"c{positions - 1} ");
        sql.ShouldNotContain($"c{positions} ");
        // Twelve values of the row plus version, created_at and modified_at.
        Columns.Length.ShouldBe(positions + 3);
    }

    [Test]
    public async Task On_SQLite_the_JSON_insert_stores_every_value_as_a_bound_parameter_would()
    {
        if (Lane != DatabaseLane.Sqlite)
        {
            Assert.Ignore("Storage classes (typeof) are SQLite's: on SQL Server OPENJSON's WITH clause types each value as its column.");
        }
        var created = await Client.CreateCaseAsync(Seed.NewCase("joint"));
        var now = DateTimeOffset.UtcNow;
        var viaJson = Rows(created.Id, now);
        var viaParameters = Rows(created.Id, now);
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        await using (var transaction = await connection.BeginWriteAsync(CancellationToken.None))
        {
            await CasesStore.InsertStepsAsync(Connections.Dialect, connection, transaction, viaJson, now, CancellationToken.None);
            foreach (var step in viaParameters)
            {
                // The row as a bound-parameter INSERT (Dapper with the type handlers) stores it.
                await connection.ExecuteAsync("""
                    INSERT INTO case_step (id, case_id, stage_ordinal, stage_name, ordinal, body_id, organisation_id, role, authoritative, deadline, note,
                        local_case_number, version, created_at, modified_at)
                    VALUES (@Id, @CaseId, @StageOrdinal + 10, @StageName, @Ordinal, @BodyId, @OrganisationId, @Role, @Authoritative, @Deadline, @Note,
                        @LocalCaseNumber, 1, @Now, @Now)
                    """, new
                {
                    step.Id, step.CaseId, step.StageOrdinal, step.StageName, step.Ordinal, step.BodyId, step.OrganisationId, step.Role, step.Authoritative,
                    step.Deadline, step.Note, step.LocalCaseNumber, Now = now,
                }, transaction);
            }
            await transaction.CommitAsync();
        }

        var select = string.Join(", ", Columns.Select(c => $"typeof({c}) || ':' || COALESCE(CAST({c} AS TEXT), '')"));
        for (var i = 0; i < viaJson.Count; i++)
        {
            var json = (await connection.QuerySingleAsync($"/* SQLite only: stored types */ SELECT {select} FROM case_step WHERE id = @Id", new { Id = viaJson[i].Id.ToString("D") }) as IDictionary<string, object>)!
                .Values.Select(v => (string)v).ToList();
            var bound = (await connection.QuerySingleAsync($"/* SQLite only: stored types */ SELECT {select} FROM case_step WHERE id = @Id", new { Id = viaParameters[i].Id.ToString("D") }) as IDictionary<string, object>)!
                .Values.Select(v => (string)v).ToList();
            for (var c = 0; c < Columns.Length; c++)
            {
                if (Columns[c] is "id")
                {
                    json[c].ShouldStartWith("text:");
                    continue;
                }
                var expected = Columns[c] == "stage_ordinal"
                    ? "integer:" + (int.Parse(bound[c]["integer:".Length..], CultureInfo.InvariantCulture) - 10).ToString(CultureInfo.InvariantCulture)
                    : bound[c];
                json[c].ShouldBe(expected, $"column {Columns[c]} of row {i}");
            }
        }
    }

    [Test]
    public async Task On_SQLite_a_routed_cases_audit_rows_have_version_7_ids_that_grow_with_time()
    {
        if (Lane != DatabaseLane.Sqlite)
        {
            Assert.Ignore("SQL Server's trigger keeps NEWID(): a statement-level trigger with a clustered key of its own choosing.");
        }
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var first = await Client.CreateCaseAsync(Seed.NewCase("joint", councils: true,
            partyReferences: [new { organisationId = Seed.Aalborg, localCaseNumber = "AAL-1" }]));
        var second = await Client.CreateCaseAsync(Seed.NewCase("joint", councils: true));
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        async Task<List<(string Id, string EntityType)>> AuditOf(Guid caseId) =>
            (await connection.QueryAsync<(string, string)>("SELECT id, entity_type FROM audit_log WHERE after_json LIKE @Case",
                new { Case = $"%{caseId}%" })).ToList();
        var firstRows = await AuditOf(first.Id);
        var secondRows = await AuditOf(second.Id);

        // Every row of the case (the case, its steps, its party reference, its document, its events) is audited.
        firstRows.Count(r => r.EntityType == "case_step").ShouldBe(first.Steps().Count());
        firstRows.ShouldContain(r => r.EntityType == "case_file");
        firstRows.ShouldContain(r => r.EntityType == "case_party_reference");
        firstRows.ShouldContain(r => r.EntityType == "case_event");
        foreach (var (id, entityType) in firstRows.Concat(secondRows))
        {
            id.ShouldMatch(Version7().ToString(), $"{entityType} audit id {id}");
            Guid.Parse(id).ShouldNotBe(Guid.Empty);
            var millis = long.Parse(id.Replace("-", "", StringComparison.Ordinal)[..12], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            millis.ShouldBeInRange(before - 1000, after + 1000, $"the time in {id}");
        }
        firstRows.Concat(secondRows).Select(r => r.Id).Distinct().Count().ShouldBe(firstRows.Count + secondRows.Count);
        // The second case's rows were written after the first's commit: every id of it sorts after every id of the first.
        string.CompareOrdinal(secondRows.Select(r => r.Id).Min(StringComparer.Ordinal), firstRows.Select(r => r.Id).Max(StringComparer.Ordinal)).ShouldBeGreaterThan(0);
    }
}
