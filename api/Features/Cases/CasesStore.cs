using System.ComponentModel;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using FluentValidation;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Klima.Api.Features.Cases;

/// <summary>The SQL the Cases use cases share: reading cases and steps, writing steps, the list filter.</summary>
internal static class CasesStore
{
    /// <summary>
    /// Reads cases as the caller may see them: a caller bound to an organisation sees the cases it owns and the cases with a
    /// current step at a body its organisation serves (a municipality sees the cases its council must decide).
    /// </summary>
    /// <summary>The visibility condition for a caller bound to <c>@Scope</c>, on <c>case_file c</c>.</summary>
    public const string ScopeCondition = """
        (c.owner_organisation_id = @Scope OR EXISTS (SELECT 1 FROM case_step vs JOIN body vb ON vb.id = vs.body_id
            WHERE vs.case_id = c.id AND vs.superseded_at IS NULL AND vb.served_by_organisation_id = @Scope))
        """;

    public const string StepSelect = """
        SELECT s.id, s.case_id, s.stage_ordinal, s.stage_name, s.ordinal, s.body_id, b.name AS body_name, b.can_decide AS body_can_decide,
               s.organisation_id, o.name AS organisation_name, s.role, s.authoritative, s.deadline, s.note, s.local_case_number,
               s.meeting_id, m.meeting_date, s.recommendation_text, s.recommended_at, s.recommended_by, s.outcome, s.decision_text,
               s.decided_on, s.referred_to_body_id, s.decided_at, s.decided_by,
               b.served_by_organisation_id, so.name AS served_by_organisation_name
        FROM case_step s
        JOIN body b ON b.id = s.body_id
        LEFT JOIN organisation o ON o.id = s.organisation_id
        LEFT JOIN organisation so ON so.id = b.served_by_organisation_id
        LEFT JOIN meeting m ON m.id = s.meeting_id
        WHERE s.superseded_at IS NULL
        """;

    /// <summary>
    /// A live step as the cases list reads it for its status (<see cref="ListCasesReader.Step"/>, which knows the columns by
    /// position): first what decides the status (stage, role, authoritative, whether recommended, outcome, deadline), then
    /// the texts a step shows when the case awaits it, which the reader fetches only for such steps. No decision texts,
    /// times or people: a list shows none of them (issue 19: the cases page).
    /// </summary>
    public const string ListStatusStepSelect = """
        SELECT s.case_id, s.stage_ordinal, s.role, s.authoritative, CASE WHEN s.recommended_at IS NULL THEN 0 ELSE 1 END AS recommended,
               s.outcome, s.deadline, s.stage_name, s.id, s.body_id, b.name AS body_name, o.name AS organisation_name, m.meeting_date
        FROM case_step s
        JOIN body b ON b.id = s.body_id
        LEFT JOIN organisation o ON o.id = s.organisation_id
        LEFT JOIN meeting m ON m.id = s.meeting_id
        WHERE s.superseded_at IS NULL
        """;

    /// <summary>The case row, or 404 when it does not exist or the caller's organisation does not own it; 403 when the caller is limited to other models.</summary>
    [AreaApi]
    public static async Task<CaseRow> RequireAsync(DbConnection connection, Guid id, ICurrentUser user, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("""
            SELECT c.id, c.case_number, c.governance_model_id, c.title, c.summary, c.interest_code, c.council_decision_required,
                   c.initiator_organisation_id, c.initiator_body_id, c.initiator_name, c.kle_journal_number, c.kle_action_facet,
                   c.source_system, c.external_reference, c.owner_organisation_id, c.routing_rule_id, r.code AS rule_code, r.name AS rule_name,
                   c.route_explanation, c.route_explanation_text, c.version, c.created_at, c.modified_at
            FROM case_file c LEFT JOIN routing_rule r ON r.id = c.routing_rule_id
            WHERE c.id = @Id AND c.deleted_at IS NULL
            """);
        if (user.OrganisationScope is not null)
        {
            sql.Append(" AND ").Append(ScopeCondition);
        }
        var row = await connection.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition(sql.ToString(),
                      new { Id = id, Scope = user.OrganisationScope }, transaction, cancellationToken: cancellationToken))
                  ?? throw new NotFoundException("Case", id);
        // Partnerships kept apart: a caller limited to other models is refused this model's case (403, as for its rules and payers).
        GovernanceModelsStore.Ensure(user, row.GovernanceModelId);
        return row;
    }

    public static async Task<List<StepRow>> StepsAsync(DbConnection connection, Guid caseId, DbTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<StepRow>(new CommandDefinition(
            StepSelect + " AND s.case_id = @CaseId ORDER BY s.stage_ordinal, s.ordinal",
            new { CaseId = caseId }, transaction, cancellationToken: cancellationToken))).ToList();

    public static CaseStatusView Status(IEnumerable<StepRow> steps, DateOnly today) =>
        CaseStatusCalculator.Derive(steps.Select(s => s.ToFacts()).ToList(), today, Infrastructure.Localization.Messages.Say);

    public static async Task<CaseResponse> LoadAsync(DbConnection connection, Guid id, ICurrentUser user, DateOnly today,
        DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var row = await RequireAsync(connection, id, user, transaction, cancellationToken);
        var steps = await StepsAsync(connection, id, transaction, cancellationToken);
        var parties = await PartiesAsync(connection, id, transaction, cancellationToken);
        var relatedSql = new StringBuilder("""
            SELECT c.id AS case_id, c.case_number, c.title FROM case_relation r JOIN case_file c ON c.id = r.related_case_id
            WHERE r.case_id = @Id AND c.deleted_at IS NULL
            """);
        if (user.OrganisationScope is not null)
        {
            relatedSql.Append(" AND c.owner_organisation_id = @Scope");
        }
        relatedSql.Append(" ORDER BY c.case_number");
        var related = (await connection.QueryAsync<RelatedCase>(new CommandDefinition(relatedSql.ToString(),
            new { Id = id, Scope = user.OrganisationScope }, transaction, cancellationToken: cancellationToken))).ToList();
        var documents = (await connection.QueryAsync<DocumentRow>(new CommandDefinition(
            "SELECT url, title, sha256 FROM case_document WHERE case_id = @Id ORDER BY ordinal",
            new { Id = id }, transaction, cancellationToken: cancellationToken))).Select(d => new DocumentReference(d.Url, d.Title, d.Sha256)).ToList();
        return Compose(row, steps, parties, related, documents, today);
    }

    /// <summary>
    /// A case's answer from its row, its live steps (route order), its party references (by local case number), its related
    /// cases (by case number) and its documents (in order): the one mapping both a read (<see cref="LoadAsync"/>) and a newly
    /// created case (CreateCase, from what it has just written) go through, so the two answers are the same document.
    /// </summary>
    public static CaseResponse Compose(CaseRow row, IReadOnlyList<StepRow> steps, IReadOnlyList<PartyReference> parties,
        IReadOnlyList<RelatedCase> related, IReadOnlyList<DocumentReference> documents, DateOnly today) => new()
    {
        Id = row.Id, CaseNumber = row.CaseNumber, GovernanceModelId = row.GovernanceModelId, Title = row.Title, Summary = row.Summary,
        Interest = row.InterestCode, CouncilDecisionRequired = row.CouncilDecisionRequired,
        Initiator = new CaseInitiator(row.InitiatorOrganisationId, row.InitiatorBodyId, row.InitiatorName),
        KleJournalNumber = row.KleJournalNumber, KleActionFacet = row.KleActionFacet, SourceSystem = row.SourceSystem,
        ExternalReference = row.ExternalReference, OwnerOrganisationId = row.OwnerOrganisationId,
        PartyReferences = parties, RelatedCases = related, Documents = documents,
        Route = new CaseRoute(row.RoutingRuleId, row.RuleCode, RouteExplanation.Say(row),
            steps.GroupBy(s => s.StageOrdinal).OrderBy(g => g.Key)
                .Select(g => new RouteStage(g.Key, g.First().StageName, g.Select(s => s.ToResponse()).ToList())).ToList()) { RuleName = row.RuleName },
        Status = Status(steps, today),
        Version = row.Version, CreatedAt = row.CreatedAt, ModifiedAt = row.ModifiedAt,
    };

    /// <summary>
    /// Every case of one governance model the caller may see, with its current steps, in two set-based queries (cases, then
    /// all their steps): for reports over a whole model, however many cases it has. Cases in id order, steps in route order.
    /// </summary>
    [AreaApi]
    public static async Task<List<ModelCase>> ModelCasesAsync(DbConnection connection, Guid governanceModelId, ICurrentUser user,
        CancellationToken cancellationToken)
    {
        var cases = "FROM case_file c WHERE c.governance_model_id = @Model AND c.deleted_at IS NULL"
                    + (user.OrganisationScope is null ? "" : " AND " + ScopeCondition);
        var args = new { Model = governanceModelId, Scope = user.OrganisationScope };
        var rows = await connection.QueryAsync<ModelCaseRow>(new CommandDefinition(
            $"SELECT c.id, c.case_number, c.title, c.created_at {cases} ORDER BY c.id", args, cancellationToken: cancellationToken));
        var steps = (await connection.QueryAsync<StepRow>(new CommandDefinition(
                $"{StepSelect} AND s.case_id IN (SELECT c.id {cases}) ORDER BY s.case_id, s.stage_ordinal, s.ordinal", args,
                cancellationToken: cancellationToken)))
            .ToLookup(s => s.CaseId);
        return rows.Select(r => new ModelCase(r.Id, r.CaseNumber, r.Title, r.CreatedAt, steps[r.Id].Select(s => s.ToResponse()).ToList())).ToList();
    }

    /// <summary>
    /// Every case of one governance model the caller may see with each of its live steps, one row per step (a case without
    /// steps is one row with no step), read in one set-based query and streamed through a <see cref="ModelStepCursor"/>: for
    /// reports over a whole model that count and list steps without building a response per step. Cases in id order, steps in
    /// route order, as <see cref="ModelCasesAsync"/>. Body names come from one small query before (no join per step). The
    /// connection is busy until the cursor is disposed.
    /// </summary>
    [AreaApi]
    public static async Task<ModelStepCursor> ModelSteps(ISqlDialect dialect, DbConnection connection, Guid governanceModelId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var names = new Dictionary<Guid, string>();
        await using (var bodies = connection.CreateCommand())
        {
            bodies.CommandText = "SELECT id, name FROM body";
            await using var reader = await bodies.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                names[reader.GetGuid(0)] = reader.GetString(1);
            }
        }
        var command = connection.CreateCommand();
        command.CommandText = ModelStepsSql + (user.OrganisationScope is null ? "" : " AND " + ScopeCondition) + " ORDER BY c.id, s.stage_ordinal, s.ordinal";
        command.Bind("Model", governanceModelId);
        if (user.OrganisationScope is { } scope)
        {
            command.Bind("Scope", scope);
        }
        return new ModelStepCursor(command, dialect.StoresValuesAsText, names);
    }

    // The columns in ModelStepCursor's order.
    private const string ModelStepsSql = """
        SELECT c.id, c.case_number, c.title, c.created_at,
               s.id, s.stage_ordinal, s.ordinal, s.body_id, s.role, s.deadline,
               s.meeting_id, m.meeting_date, s.outcome, s.decision_text, s.decided_on, s.decided_at
        FROM case_file c
        LEFT JOIN case_step s ON s.case_id = c.id AND s.superseded_at IS NULL
        LEFT JOIN meeting m ON m.id = s.meeting_id
        WHERE c.governance_model_id = @Model AND c.deleted_at IS NULL
        """;

    private sealed class ModelCaseRow
    {
        public Guid Id { get; init; }
        public string CaseNumber { get; init; } = "";
        public string Title { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }

    public static async Task<List<PartyReference>> PartiesAsync(DbConnection connection, Guid caseId, DbTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<PartyRow>(new CommandDefinition(
            "SELECT organisation_id, local_case_number FROM case_party_reference WHERE case_id = @Id ORDER BY local_case_number",
            new { Id = caseId }, transaction, cancellationToken: cancellationToken))).Select(p => new PartyReference(p.OrganisationId, p.LocalCaseNumber)).ToList();

    /// <summary>Marks the case as changed (new ETag, visible to incremental sync).</summary>
    [AreaApi]
    public static Task TouchAsync(DbConnection connection, Guid caseId, DateTimeOffset now, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE case_file SET version = version + 1, modified_at = @Now WHERE id = @Id",
            new { Id = caseId, Now = now }, transaction, cancellationToken: cancellationToken));

    private sealed class PartyRow
    {
        public Guid OrganisationId { get; init; }
        public string LocalCaseNumber { get; init; } = "";
    }

    private sealed class DocumentRow
    {
        public string Url { get; init; } = "";
        public string Title { get; init; } = "";
        public string? Sha256 { get; init; }
    }

    /// <summary>
    /// The case status derivation (<see cref="CaseStatusCalculator"/>) as SQL predicates on <c>case_file c</c>, so the list can filter
    /// by what the status would say. Only live steps count (a step replaced by a route change keeps its row with superseded_at set);
    /// a step is done by what its role asks (<see cref="StepCompletion"/>); the stage in progress is the lowest stage with a step
    /// still waiting, and a decided stage with an authoritative rejection stops the stages after it.
    /// Parameters: @BodyId, @CurrentBodyId, @Today.
    /// </summary>
    /// <summary>SQL twin of <see cref="StepCompletion.IsDone(StepRole, bool, bool, DecisionOutcome?)"/> for step alias <paramref name="a"/>.</summary>
    private static string Done(string a) => $"""
        (COALESCE({a}.outcome, '') = 'referred'
         OR (({a}.authoritative = 1 OR {a}.role IN ('decision', 'approval')) AND COALESCE({a}.outcome, '') IN ('approved', 'approvedWithChanges', 'rejected'))
         OR ({a}.authoritative = 0 AND {a}.role NOT IN ('decision', 'approval') AND (
                ({a}.role = 'recommendation' AND {a}.recommended_at IS NOT NULL)
             OR ({a}.role = 'consultation' AND ({a}.recommended_at IS NOT NULL OR COALESCE({a}.outcome, '') = 'noted'))
             OR ({a}.role NOT IN ('recommendation', 'consultation') AND COALESCE({a}.outcome, '') = 'noted'))))
        """;

    private static string NotDone(string a) => $"NOT {Done(a)}";

    /// <summary>Step <paramref name="r"/> is an authoritative rejection in a decided stage: that stage stops the stages after it.</summary>
    private static string StopsLaterStages(string r) => $"""
        ({r}.authoritative = 1 AND {r}.outcome = 'rejected' AND NOT EXISTS (SELECT 1 FROM case_step p{r} WHERE p{r}.case_id = {r}.case_id
            AND p{r}.superseded_at IS NULL AND p{r}.stage_ordinal = {r}.stage_ordinal AND p{r}.authoritative = 1
            AND COALESCE(p{r}.outcome, '') <> 'referred' AND {NotDone("p" + r)}))
        """;

    /// <summary>Step <paramref name="a"/> lies after a stage that stopped the case.</summary>
    private static string Stopped(string a) => $"""
        EXISTS (SELECT 1 FROM case_step r{a} WHERE r{a}.case_id = {a}.case_id AND r{a}.superseded_at IS NULL
            AND r{a}.stage_ordinal < {a}.stage_ordinal AND {StopsLaterStages("r" + a)})
        """;

    /// <summary>Step <paramref name="a"/> still waits: not done and not behind a stage that stopped the case.</summary>
    private static string Waiting(string a) => $"({NotDone(a)} AND NOT {Stopped(a)})";

    // Driven from the step indexes (0012): a body's steps, then their cases.
    public const string HasStepAtBody = "c.id IN (SELECT s.case_id FROM case_step s WHERE s.body_id = @BodyId AND s.superseded_at IS NULL)";

    public static readonly string AwaitingBody = $"""
        c.id IN (SELECT s.case_id FROM case_step s
                 WHERE s.body_id = @CurrentBodyId AND s.superseded_at IS NULL AND {Waiting("s")}
                   AND s.stage_ordinal = (SELECT MIN(x.stage_ordinal) FROM case_step x
                                          WHERE x.case_id = s.case_id AND x.superseded_at IS NULL AND {Waiting("x")}))
        """;

    public static readonly string HasOverdueStep =
        $"c.id IN (SELECT s.case_id FROM case_step s WHERE s.deadline < @Today AND s.superseded_at IS NULL AND {Waiting("s")})";

    private const string HasLiveStep = "EXISTS (SELECT 1 FROM case_step s WHERE s.case_id = c.id AND s.superseded_at IS NULL)";
    private static readonly string HasStepWaiting = $"EXISTS (SELECT 1 FROM case_step w WHERE w.case_id = c.id AND w.superseded_at IS NULL AND {Waiting("w")})";
    private static readonly string Closed = $"{HasLiveStep} AND NOT {HasStepWaiting}";
    private static readonly string StoppedByRejection =
        $"EXISTS (SELECT 1 FROM case_step j WHERE j.case_id = c.id AND j.superseded_at IS NULL AND {StopsLaterStages("j")})";
    private const string HasAuthoritative =
        "EXISTS (SELECT 1 FROM case_step s WHERE s.case_id = c.id AND s.superseded_at IS NULL AND s.authoritative = 1 AND COALESCE(s.outcome, '') <> 'referred')";
    private const string AuthoritativeNotApproved =
        "EXISTS (SELECT 1 FROM case_step s WHERE s.case_id = c.id AND s.superseded_at IS NULL AND s.authoritative = 1 AND COALESCE(s.outcome, '') <> 'referred' AND COALESCE(s.outcome, '') NOT IN ('approved', 'approvedWithChanges'))";

    public static string InState(CaseState state) => state switch
    {
        CaseState.Unrouted => $"NOT {HasLiveStep}",
        CaseState.Open => HasStepWaiting,
        CaseState.Rejected => $"({Closed} AND {StoppedByRejection})",
        CaseState.Approved => $"({Closed} AND NOT {StoppedByRejection} AND {HasAuthoritative} AND NOT {AuthoritativeNotApproved})",
        CaseState.Concluded => $"({Closed} AND NOT {StoppedByRejection} AND (NOT {HasAuthoritative} OR {AuthoritativeNotApproved}))",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>
    /// Writes planned steps as the case's route; a fan-out step takes the party's local case number when given (see
    /// <see cref="PlanStepRowsAsync"/> and <see cref="InsertStepsAsync(ISqlDialect, DbConnection, DbTransaction, IReadOnlyList{StepRow}, DateTimeOffset, CancellationToken)"/>).
    /// </summary>
    public static async Task InsertStepsAsync(ISqlDialect dialect, DbConnection connection, DbTransaction transaction, Guid caseId, IEnumerable<PlannedStep> steps,
        IReadOnlyList<PartyReference> parties, DateTimeOffset now, CancellationToken cancellationToken) =>
        await InsertStepsAsync(dialect, connection, transaction, await PlanStepRowsAsync(connection, transaction, caseId, steps, parties, now, cancellationToken),
            now, cancellationToken);

    /// <summary>
    /// The rows planned steps become, with their ids and the names a read joins in (body, its mandate and its serving
    /// organisation, the step's organisation), read in two queries: a caller may do this before taking the write lock
    /// (CreateCase), so that the lock is held only for the INSERT, and answer with the rows without reading them back.
    /// </summary>
    public static async Task<List<StepRow>> PlanStepRowsAsync(DbConnection connection, DbTransaction? transaction, Guid caseId,
        IEnumerable<PlannedStep> steps, IReadOnlyList<PartyReference> parties, DateTimeOffset now, CancellationToken cancellationToken) =>
        await PlanStepRowsAsync(connection, transaction, caseId, steps, parties, now, null, cancellationToken);

    /// <summary>
    /// The names of the steps' bodies and organisations, kept per routing inputs' instance (<paramref name="namesValidWith"/>:
    /// <c>RoutingStore.LoadCurrentAsync</c> hands out the same instance for as long as the routing version has not moved, and
    /// every change to a body or an organisation moves it, on any instance: migration 0260). Issue 19: a 35-step fan-out read
    /// 35 bodies by a 35-parameter IN list on every case, on a pooled connection whose page cache every commit empties.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, StepNames> NamesByInputs = [];

    private sealed class StepNames
    {
        public System.Collections.Concurrent.ConcurrentDictionary<Guid, StepBodyRow> Bodies { get; } = new();
        public System.Collections.Concurrent.ConcurrentDictionary<Guid, string> Organisations { get; } = new();
    }

    /// <inheritdoc cref="PlanStepRowsAsync(DbConnection, DbTransaction?, Guid, IEnumerable{PlannedStep}, IReadOnlyList{PartyReference}, DateTimeOffset, CancellationToken)"/>
    /// <param name="namesValidWith">
    /// The routing inputs the steps were planned from (<c>RoutingStore.LoadCurrentAsync</c>), outside a transaction: the body and
    /// organisation names read are kept with it and read again only for ids not seen with it. Null: read every time.
    /// </param>
    public static async Task<List<StepRow>> PlanStepRowsAsync(DbConnection connection, DbTransaction? transaction, Guid caseId,
        IEnumerable<PlannedStep> steps, IReadOnlyList<PartyReference> parties, DateTimeOffset now, object? namesValidWith,
        CancellationToken cancellationToken)
    {
        var planned = steps.ToList();
        if (planned.Count == 0)
        {
            return [];
        }
        var names = namesValidWith is null ? new StepNames() : NamesByInputs.GetValue(namesValidWith, static _ => new StepNames());
        var bodies = names.Bodies;
        var missingBodies = planned.Select(s => s.BodyId).Distinct().Where(b => !bodies.ContainsKey(b)).ToList();
        if (missingBodies.Count > 0)
        {
            foreach (var body in await SqlIn.QueryChunkedAsync<StepBodyRow>(connection, """
                    SELECT b.id, b.name, b.can_decide, b.served_by_organisation_id, so.name AS served_by_organisation_name
                    FROM body b LEFT JOIN organisation so ON so.id = b.served_by_organisation_id WHERE b.id IN {0}
                    """, missingBodies, transaction, cancellationToken))
            {
                bodies[body.Id] = body;
            }
        }
        var organisations = names.Organisations;
        var missingOrganisations = planned.Where(s => s.OrganisationId is not null).Select(s => s.OrganisationId!.Value).Distinct()
            .Where(o => !organisations.ContainsKey(o)).ToList();
        if (missingOrganisations.Count > 0)
        {
            foreach (var organisation in await SqlIn.QueryChunkedAsync<StepOrganisationRow>(connection, "SELECT id, name FROM organisation WHERE id IN {0}",
                missingOrganisations, transaction, cancellationToken))
            {
                organisations[organisation.Id] = organisation.Name;
            }
        }
        var rows = new List<StepRow>(planned.Count);
        foreach (var step in planned)
        {
            // A body the plan names exists (routing read it); one removed since is refused by the foreign key at the INSERT.
            bodies.TryGetValue(step.BodyId, out var body);
            rows.Add(new StepRow
            {
                Id = Guid.CreateVersion7(now), CaseId = caseId, StageOrdinal = step.StageOrdinal, StageName = step.StageName, Ordinal = step.Ordinal,
                BodyId = step.BodyId, BodyName = body?.Name ?? step.BodyName, BodyCanDecide = body?.CanDecide ?? false,
                OrganisationId = step.OrganisationId,
                OrganisationName = step.OrganisationId is { } organisation ? organisations.GetValueOrDefault(organisation) : null,
                Role = step.Role.Text(), Authoritative = step.Authoritative, Deadline = step.Deadline, Note = step.Note,
                LocalCaseNumber = step.OrganisationId is { } party ? parties.FirstOrDefault(p => p.OrganisationId == party)?.LocalCaseNumber : null,
                ServedByOrganisationId = body?.ServedByOrganisationId, ServedByOrganisationName = body?.ServedByOrganisationName,
            });
        }
        // The order a read returns them in (stage, then ordinal).
        return rows.OrderBy(r => r.StageOrdinal).ThenBy(r => r.Ordinal).ToList();
    }

    private sealed class StepBodyRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public bool CanDecide { get; init; }
        public Guid? ServedByOrganisationId { get; init; }
        public string? ServedByOrganisationName { get; init; }
    }

    private sealed class StepOrganisationRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
    }

    /// <summary>
    /// Writes step rows (<see cref="PlanStepRowsAsync"/>) as the case's route in one statement whatever the number of steps
    /// (issue 19: a 35-step fan-out is one statement, so the write lock is held for less time). The rows go in as one JSON
    /// parameter (<see cref="StepRowsJson"/>) read by the dialect's <see cref="ISqlDialect.JsonArrayRows"/>: one statement
    /// text, so it is prepared once, and one parameter to bind instead of 12 a step (binding hundreds of named parameters
    /// cost as much as the INSERT itself: Dapper and SQLite look each name up in a list). The audit trigger still writes one
    /// row per step.
    /// </summary>
    public static async Task InsertStepsAsync(ISqlDialect dialect, DbConnection connection, DbTransaction transaction, IReadOnlyList<StepRow> rows,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await connection.ExecuteAsync(new CommandDefinition(StepsInsert(dialect), new { Rows = StepRowsJson(rows), Now = now }, transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>The JSON array's positions (<see cref="StepRowsJson"/>) as SQL Server types the columns of case_step.</summary>
    private static readonly string[] StepRowTypes =
    [
        "UNIQUEIDENTIFIER", "UNIQUEIDENTIFIER", "INT", "NVARCHAR(200)", "INT", "UNIQUEIDENTIFIER", "UNIQUEIDENTIFIER", "NVARCHAR(30)", "BIT", "DATE",
        "NVARCHAR(1000)", "NVARCHAR(100)",
    ];

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ISqlDialect, string> StepsInserts = new();

    /// <summary>
    /// The steps INSERT in a dialect, built once per dialect: each value stored as a bound parameter would store it (on
    /// SQLite ids and dates as text, the flag as 0/1; absent values as NULL).
    /// </summary>
    internal static string StepsInsert(ISqlDialect dialect) => StepsInserts.GetOrAdd(dialect, static d => BuildStepsInsert(d));

    private static string BuildStepsInsert(ISqlDialect dialect) => $"""
        INSERT INTO case_step (id, case_id, stage_ordinal, stage_name, ordinal, body_id, organisation_id, role, authoritative, deadline, note,
            local_case_number, version, created_at, modified_at)
        SELECT r.c0, r.c1, r.c2, r.c3, r.c4, r.c5, r.c6, r.c7, r.c8, r.c9, r.c10, r.c11, 1, @Now, @Now
        FROM {dialect.JsonArrayRows("@Rows", "r", StepRowTypes)}
        """;

    /// <summary>
    /// [[id, case id, stage ordinal, stage name, ordinal, body id, organisation id, role, authoritative (0/1), deadline, note,
    /// local case number], ...]: ids as the GUID handler writes them ("D"), the deadline as the DateOnly handler does (yyyy-MM-dd).
    /// </summary>
    internal static string StepRowsJson(IReadOnlyList<StepRow> rows)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(rows.Count * 256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var step in rows)
            {
                json.WriteStartArray();
                json.WriteStringValue(step.Id.ToString("D"));
                json.WriteStringValue(step.CaseId.ToString("D"));
                json.WriteNumberValue(step.StageOrdinal);
                json.WriteStringValue(step.StageName);
                json.WriteNumberValue(step.Ordinal);
                json.WriteStringValue(step.BodyId.ToString("D"));
                WriteOrNull(json, step.OrganisationId?.ToString("D"));
                json.WriteStringValue(step.Role);
                json.WriteNumberValue(step.Authoritative ? 1 : 0);
                WriteOrNull(json, step.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                WriteOrNull(json, step.Note);
                WriteOrNull(json, step.LocalCaseNumber);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteOrNull(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }
}
