using System.ComponentModel;
using Dapper;
using FluentValidation;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Cases;

/// <summary>
/// Lists the cases the caller may see, filtered by interest, body on the route, where the case is now, status, overdue
/// steps, source reference or text, paged, with tombstones for sync. Each item carries its derived status.
/// </summary>
public static class ListCases
{
    public sealed record Query : IRequest<Slice<CaseSummary>>, IListQuery
    {
        [Description("The governance model (partnership) whose cases to list; without it every model the caller may see " +
                     "(a caller limited to some models sees only theirs; another model answers 403).")]
        public Guid? GovernanceModelId { get; init; }
        [Description("A case interest code of the model (joint, municipal, regional, dialogue in North Jutland).")]
        public string? Interest { get; init; }
        [Description("Cases whose current route has a step at this body (any stage, done or not).")]
        public Guid? BodyId { get; init; }
        [Description("Where the case is now: cases awaiting this body in the stage in progress, i.e. the first stage " +
                     "with a step that is not done has a step at this body that is not done (a postponed decision is not done). " +
                     "These are the bodies the case's status lists as next steps.")]
        public Guid? CurrentBodyId { get; init; }
        [Description("The derived case state: open, approved, rejected, concluded or unrouted (as status.state on the case).")]
        public string? Status { get; init; }
        [Description("true: cases with an overdue step, i.e. a step whose deadline is before today (on the server's clock, UTC) " +
                     "and that has no outcome that counts as done (none yet, or postponed); the same steps the case's status " +
                     "lists as overdue. A meeting date alone does not make a step overdue. false: cases without such a step.")]
        public bool? Overdue { get; init; }
        public string? SourceSystem { get; init; }
        public string? ExternalReference { get; init; }
        [Description("Text in the title or the case number.")]
        public string? Q { get; init; }
        public DateTimeOffset? ModifiedSince { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    public sealed record CaseSummary
    {
        public required Guid Id { get; init; }
        public required string CaseNumber { get; init; }
        /// <summary>The partnership the case belongs to.</summary>
        public required Guid GovernanceModelId { get; init; }
        public required string Title { get; init; }
        public required string Interest { get; init; }
        public string? SourceSystem { get; init; }
        public string? ExternalReference { get; init; }
        public Guid? OwnerOrganisationId { get; init; }
        /// <summary>Derived from the steps, as status.state on the case.</summary>
        public CaseState State { get; init; }
        /// <summary>The name of the stage in progress; null when every stage is completed or the case has no route.</summary>
        public string? CurrentStageName { get; init; }
        /// <summary>Where the case is now: the steps of the stage in progress that are not done yet.</summary>
        public IReadOnlyList<StepRef> Awaiting { get; init; } = [];
        /// <summary>How many steps passed their deadline without an outcome that counts as done.</summary>
        public int OverdueSteps { get; init; }
        public required int Version { get; init; }
        public required DateTimeOffset ModifiedAt { get; init; }
        public bool Deleted { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new ListQueryRules());
            RuleFor(q => q.Q).MaximumLength(200);
            RuleFor(q => q.Interest).MaximumLength(40);
            RuleFor(q => q.SourceSystem).MaximumLength(100);
            RuleFor(q => q.ExternalReference).MaximumLength(200);
            RuleFor(q => q.Status).IsEnumName(typeof(CaseState), caseSensitive: false)
                .WithMessage(_ => Messages.Get("Case.StatusOneOf"))
                .When(q => q.Status is not null);
            RuleFor(q => q.BodyId).NotEqual(Guid.Empty).When(q => q.BodyId is not null);
            RuleFor(q => q.CurrentBodyId).NotEqual(Guid.Empty).When(q => q.CurrentBodyId is not null);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Query, Slice<CaseSummary>>
    {
        public async Task<Slice<CaseSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = StepChange.Today(clock.GetUtcNow());
            var parameters = new DynamicParameters();
            var model = GovernanceModelsStore.ListCondition(user, query.GovernanceModelId, "c.governance_model_id", parameters);
            var list = new ListSql("""
                    SELECT c.id, c.case_number, c.governance_model_id, c.title, c.interest_code AS interest, c.source_system, c.external_reference, c.owner_organisation_id,
                           c.version, c.modified_at, CASE WHEN c.deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
                    FROM case_file c
                    """, query, "c")
                .Where(model is not null, model!)
                .Where(user.OrganisationScope is not null, CasesStore.ScopeCondition)
                .Where(query.Interest is not null, "c.interest_code = @Interest")
                .Where(query.BodyId is not null, CasesStore.HasStepAtBody)
                .Where(query.CurrentBodyId is not null, CasesStore.AwaitingBody)
                .Where(query.Status is not null, query.Status is null ? "" : CasesStore.InState(Enum.Parse<CaseState>(query.Status, ignoreCase: true)))
                .Where(query.Overdue is not null, (query.Overdue == true ? "" : "NOT ") + CasesStore.HasOverdueStep)
                .Where(query.SourceSystem is not null, "c.source_system = @SourceSystem")
                .Where(query.ExternalReference is not null, "c.external_reference = @ExternalReference")
                .Where(!string.IsNullOrWhiteSpace(query.Q), $"({db.Dialect.ContainsText("c.title", "@Like")} OR {db.Dialect.ContainsText("c.case_number", "@Like")})");
            var values = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Scope"] = user.OrganisationScope, ["ModifiedSince"] = query.ModifiedSince, ["Interest"] = query.Interest, ["BodyId"] = query.BodyId,
                ["CurrentBodyId"] = query.CurrentBodyId, ["SourceSystem"] = query.SourceSystem, ["ExternalReference"] = query.ExternalReference,
                ["Like"] = SqlText.ContainsPattern(query.Q ?? ""), ["After"] = list.After, ["Take"] = list.Take, ["Today"] = today,
            };
            foreach (var name in parameters.ParameterNames)
            {
                values[name] = parameters.Get<object?>(name);
            }

            var text = db.Dialect.StoresValuesAsText;
            // The page's statements are prepared once per physical connection (ReadLease): the same SQL text, the same command.
            await using var lease = await db.ReadAsync(cancellationToken);
            var sql = list.ToSql(db.Dialect);
            var command = lease.Command(sql);
            foreach (var (name, value) in values)
            {
                if (sql.Contains("@" + name, StringComparison.Ordinal))
                {
                    command.Bind(name, value);
                }
            }
            var rows = new List<CaseSummary>(list.Take);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                var read = new ListCasesReader(reader, text);
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(read.Case());
                }
            }
            var slice = Slice<CaseSummary>.FromRows(rows, query.Take(), r => r.Id.ToString());
            return slice with { Items = await WithStatusAsync(lease, text, slice.Items, today, cancellationToken) };
        }

        private static string StepsSql(string ids) => $"{CasesStore.ListStatusStepSelect} AND s.case_id IN {ids} ORDER BY s.case_id, s.stage_ordinal, s.ordinal";

        private static readonly string SqliteStepsSql = StepsSql("(SELECT value FROM json_each(@CaseIds))");

        /// <summary>
        /// The page's status comes from the same rules as a single case's (<see cref="CaseListStatusBuilder"/>), in one query
        /// for the page's steps, read column by column: a step's texts only when the status can show them.
        /// </summary>
        private static async Task<IReadOnlyList<CaseSummary>> WithStatusAsync(ReadLease lease, bool text, IReadOnlyList<CaseSummary> items,
            DateOnly today, CancellationToken cancellationToken)
        {
            if (items.Count == 0)
            {
                return items;
            }
            var index = new Dictionary<Guid, int>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                index[items[i].Id] = i;
            }
            // On SQLite the page's ids go in as one JSON array (json_each): one parameter to bind instead of one per case, and
            // the same statement text (so the same prepared command) for every page. SQL Server keeps a parameter per id (SqlIn).
            System.Data.Common.DbCommand command;
            if (text)
            {
                var json = new System.Text.StringBuilder(2 + (index.Count * 39));
                foreach (var id in index.Keys)
                {
                    json.Append(json.Length == 0 ? "[\"" : ",\"").Append(id.ToString("D")).Append('"');
                }
                command = lease.Command(SqliteStepsSql);
                command.Bind("CaseIds", json.Append(']').ToString());
            }
            else
            {
                var each = new DynamicParameters();
                command = lease.Command(StepsSql(SqlIn.Guids(each, "Case", index.Keys)));
                foreach (var name in each.ParameterNames)
                {
                    command.Bind(name, each.Get<object?>(name));
                }
            }
            var statuses = new CaseListStatus?[items.Count];
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                var read = new ListCasesReader(reader, text);
                var builder = new CaseListStatusBuilder(today);
                var current = -1;
                Guid currentId = default;
                while (await reader.ReadAsync(cancellationToken))
                {
                    var caseId = read.Guid(0);
                    if (current < 0 || caseId != currentId)
                    {
                        if (current >= 0)
                        {
                            statuses[current] = builder.Finish();
                        }
                        current = index[caseId];
                        currentId = caseId;
                    }
                    read.Step(builder);
                }
                if (current >= 0)
                {
                    statuses[current] = builder.Finish();
                }
            }
            var result = new CaseSummary[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                var status = statuses[i] ?? new CaseListStatus(CaseState.Unrouted, null, [], 0);
                result[i] = items[i] with
                {
                    State = status.State, CurrentStageName = status.CurrentStageName, Awaiting = status.Awaiting, OverdueSteps = status.OverdueSteps,
                };
            }
            return result;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/cases", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listCases")
                .WithSummary("Vis sager / List cases")
                .WithDescription("Kræver cases:read (alle roller; eller en API-nøgle med det scope). Sagerne kalderen må se, filtreret på interesse, organ " +
                                 "i forløbet, hvor sagen er nu, status, overskredne frister, kildereference eller tekst, sidevis med tombstones. Hver sag har sin afledte status. " +
                                 "Filtreres på styringsmodel; en kalder begrænset til visse modeller ser kun deres sager (403 for en anden model)." +
                                 "\n\nNeeds cases:read (every role; or an API key with that scope). The cases the caller may see, filtered by interest, body " +
                                 "on the route, where the case is now, status, overdue steps, source reference or text, paged, with tombstones. Each item " +
                                 "carries its derived status. Filtered by governance model; a caller limited to some models sees only their cases (403 for another model).")
                .WithTags("Cases")
                .RequirePermission(Permissions.CasesRead)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesValidationProblem();
    }
}
