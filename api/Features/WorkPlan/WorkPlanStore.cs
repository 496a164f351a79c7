using System.Data.Common;
using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.WorkPlan;

/// <summary>The SQL the WorkPlan use cases share.</summary>
internal static class WorkPlanStore
{
    public const string FocusAreaColumns = """
        id, governance_model_id, code, name, name_en, description, ordinal, version, modified_at,
        CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        """;

    public const string InitiativeColumns = """
        id, focus_area_id, code, name, name_en, description, responsible_body_id, funding_programme, funding_programme_id, status, starts_on, ends_on,
        timing_note, source_ref, ordinal, version, modified_at, CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        """;

    public const string TaskColumns = """
        id, initiative_id, title, description, responsible_body_id, funding_programme, funding_programme_id, status, starts_on, due_on, completed_on,
        timing_note, source_ref, version, modified_at, CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        """;

    internal sealed record MilestoneRow
    {
        public required Guid Id { get; init; }
        public required Guid TaskId { get; init; }
        public required int Ordinal { get; init; }
        public required string Title { get; init; }
        public DateOnly? DueOn { get; init; }
        public DateOnly? ReachedOn { get; init; }

        public MilestoneResponse ToResponse() => new() { Id = Id, Ordinal = Ordinal, Title = Title, DueOn = DueOn, ReachedOn = ReachedOn };
    }

    /// <summary>The milestones of the given tasks, grouped by task, in their order.</summary>
    public static async Task<ILookup<Guid, MilestoneResponse>> MilestonesOfAsync(DbConnection connection, IReadOnlyCollection<Guid> taskIds,
        DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (taskIds.Count == 0)
        {
            return Array.Empty<MilestoneRow>().ToLookup(m => m.TaskId, m => m.ToResponse());
        }
        var rows = await SqlIn.QueryChunkedAsync<MilestoneRow>(connection,
            "SELECT id, task_id, ordinal, title, due_on, reached_on FROM work_milestone WHERE task_id IN {0} ORDER BY task_id, ordinal",
            taskIds, transaction, cancellationToken);
        return rows.ToLookup(m => m.TaskId, m => m.ToResponse());
    }

    public static async Task ReplaceMilestonesAsync(DbConnection connection, Guid taskId, IReadOnlyList<MilestoneInput> milestones, DateTimeOffset now,
        DbTransaction transaction, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM work_milestone WHERE task_id = @TaskId", new { TaskId = taskId }, transaction, cancellationToken: cancellationToken));
        for (var i = 0; i < milestones.Count; i++)
        {
            var m = milestones[i];
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO work_milestone (id, task_id, ordinal, title, due_on, reached_on) VALUES (@Id, @TaskId, @Ordinal, @Title, @DueOn, @ReachedOn)
                """, new { Id = Guid.CreateVersion7(now), TaskId = taskId, Ordinal = i + 1, m.Title, m.DueOn, m.ReachedOn }, transaction, cancellationToken: cancellationToken));
        }
    }

    public static async Task<TaskResponse> ReadTaskAsync(DbConnection connection, Guid id, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var task = await connection.QuerySingleOrDefaultAsync<TaskResponse>(new CommandDefinition(
                      $"SELECT {TaskColumns} FROM work_task WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, transaction, cancellationToken: cancellationToken))
                  ?? throw new NotFoundException("Task", id);
        var milestones = await MilestonesOfAsync(connection, [id], transaction, cancellationToken);
        return task with { Milestones = milestones[id].ToList() };
    }

    /// <summary>Checks that referenced rows exist (and belong together) before a write; a broken reference is a 422.</summary>
    public static async Task EnsureExistsAsync(DbConnection connection, string table, string label, Guid? id, string field, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return;
        }
        var found = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {table} WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (found == 0)
        {
            throw References.Missing(field, new Text("Problem.NotFound.Detail", NotFoundException.ResourceName(label), id));
        }
    }

    /// <summary>The responsible body must be one of the work plan's own governance model.</summary>
    public static async Task EnsureBodyInModelAsync(DbConnection connection, Guid? bodyId, Guid governanceModelId, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (bodyId is null)
        {
            return;
        }
        var found = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM body WHERE id = @Id AND governance_model_id = @ModelId AND deleted_at IS NULL",
            new { Id = bodyId, ModelId = governanceModelId }, transaction, cancellationToken: cancellationToken));
        if (found == 0)
        {
            throw new RuleViolationException("responsibleBodyInModel", new Text("WorkPlan.BodyNotInModel", bodyId), "responsibleBodyId");
        }
    }

    /// <summary>The funding programme must be one of the work plan's own governance model.</summary>
    public static async Task EnsureProgrammeInModelAsync(DbConnection connection, Guid? programmeId, Guid governanceModelId, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (programmeId is null)
        {
            return;
        }
        var found = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM funding_programme WHERE id = @Id AND governance_model_id = @ModelId AND deleted_at IS NULL",
            new { Id = programmeId, ModelId = governanceModelId }, transaction, cancellationToken: cancellationToken));
        if (found == 0)
        {
            throw new RuleViolationException("fundingProgrammeInModel", new Text("WorkPlan.ProgrammeNotInModel", programmeId), "fundingProgrammeId");
        }
    }

    /// <summary>
    /// Partnerships kept apart: a caller limited to other governance models is refused (403) a work plan row of this one.
    /// A row that does not exist is left to the use case (404).
    /// </summary>
    public static async Task EnsureAccessAsync(DbConnection connection, ICurrentUser user, string table, Guid id, DbTransaction? transaction,
        CancellationToken cancellationToken)
    {
        if (user.ModelScope is null)
        {
            return;
        }
        var model = table switch
        {
            "work_focus_area" => await ModelOfFocusAreaAsync(connection, id, transaction, cancellationToken),
            "work_initiative" => await ModelOfInitiativeAsync(connection, id, transaction, cancellationToken),
            _ => await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition("""
                SELECT f.governance_model_id FROM work_task t JOIN work_initiative i ON i.id = t.initiative_id JOIN work_focus_area f ON f.id = i.focus_area_id
                WHERE t.id = @Id AND t.deleted_at IS NULL
                """, new { Id = id }, transaction, cancellationToken: cancellationToken)),
        };
        if (model is { } found)
        {
            GovernanceModelsStore.Ensure(user, found);
        }
    }

    /// <summary>
    /// A list's partnership condition: the model asked for (403 when the caller is limited to others), else the caller's
    /// models when it is limited; <paramref name="modelColumn"/> is the SQL that says a row's model. Null when nothing limits the list.
    /// </summary>
    public static string? ScopeCondition(ICurrentUser user, Guid? requested, string modelColumn, DynamicParameters parameters)
    {
        if (requested is { } model)
        {
            GovernanceModelsStore.Ensure(user, model);
            return null;
        }
        return user.ModelScope is { } scope ? $"{modelColumn} IN {SqlIn.Guids(parameters, "ScopeModel", scope.ToList())}" : null;
    }

    public static Task<Guid?> ModelOfFocusAreaAsync(DbConnection connection, Guid focusAreaId, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "SELECT governance_model_id FROM work_focus_area WHERE id = @Id AND deleted_at IS NULL", new { Id = focusAreaId }, transaction, cancellationToken: cancellationToken));

    public static Task<Guid?> ModelOfInitiativeAsync(DbConnection connection, Guid initiativeId, DbTransaction? transaction, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<Guid?>(new CommandDefinition("""
            SELECT f.governance_model_id FROM work_initiative i JOIN work_focus_area f ON f.id = i.focus_area_id
            WHERE i.id = @Id AND i.deleted_at IS NULL
            """, new { Id = initiativeId }, transaction, cancellationToken: cancellationToken));
}
