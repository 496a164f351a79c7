using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Features.Routing;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Klima.Api.Features.Cases;

/// <summary>
/// Registers a case from a case system or staff and routes it by the model's rules, idempotently: the same
/// Idempotency-Key with the same body returns the original response; with a different body it is refused.
/// </summary>
public static class CreateCase
{
    public sealed record Body(
        string Title,
        string? Summary,
        string Interest,
        bool CouncilDecisionRequired,
        CaseInitiator? Initiator,
        string? KleJournalNumber,
        string? KleActionFacet,
        string? SourceSystem,
        string? ExternalReference,
        IReadOnlyList<PartyReference>? PartyReferences,
        IReadOnlyList<Guid>? RelatedCaseIds,
        IReadOnlyList<DocumentReference>? Documents,
        Guid? GovernanceModelId);

    public sealed record Command(Body Case, string? IdempotencyKey) : IRequest<Result>;

    /// <summary>The created case, and whether it is a replay of an earlier request with the same Idempotency-Key.</summary>
    public sealed record Result(CaseResponse Case, bool Replayed);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.IdempotencyKey).MaximumLength(200).OverridePropertyName("Idempotency-Key");
            RuleFor(c => c.Case).NotNull().SetValidator(new CaseBodyRules());
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        IHostEnvironment environment)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var today = CalendarDay.Of(now);
            var id = Guid.CreateVersion7(now);
            var body = command.Case;
            var caller = Caller(user);
            var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, json.Value.SerializerOptions)));

            Route route;
            Planned planned;
            await using (var connection = await db.OpenAsync(cancellationToken))
            {
                // Routing reads the model and checks references before the write lock is taken: on SQLite one writer holds
                // it at a time, and a case routed on the model as it was a moment before BEGIN is the same case as one
                // that arrived a moment earlier. The step rows and the answer are made here too (issue 19): inside the lock
                // only the INSERTs run, and the created case is answered from what was written, not read back.
                route = await RouteAsync(connection, body, today, cancellationToken);
                planned = await PlanAsync(connection, id, body, route, now, today, cancellationToken);
            }
            // The INSERTs go through the file's writer connection on SQLite (IDbConnectionFactory.WriteGroupedAsync: its page cache
            // stays warm between cases, since only it writes, and the cases queued meanwhile share one transaction and its commit,
            // each in a savepoint of its own); the connection above only read, and is closed before the write.
            try
            {
                var created = await db.WriteGroupedAsync(async (writer, transaction, ct) =>
                {
                    if (command.IdempotencyKey is not null)
                    {
                        await writer.ExecuteAsync(new CommandDefinition("""
                            INSERT INTO idempotency_record (caller, idempotency_key, request_hash, case_id, response_body, created_at)
                            VALUES (@Caller, @Key, @Hash, @Id, NULL, @Now)
                            """, new { Caller = caller, Key = command.IdempotencyKey, Hash = hash, Id = id, Now = now }, transaction, cancellationToken: ct));
                    }
                    await EnsureExternalReferenceFreeAsync(writer, transaction, body, ct);
                    var number = await InsertAsync(writer, transaction, id, body, route, planned, now, ct);
                    var answer = planned.Answer with { CaseNumber = number };
                    if (command.IdempotencyKey is not null)
                    {
                        // A replay answers with the original response, so it is stored with the case, in the same transaction.
                        await writer.ExecuteAsync(new CommandDefinition(
                            "UPDATE idempotency_record SET response_body = @Response WHERE caller = @Caller AND idempotency_key = @Key",
                            new { Response = JsonSerializer.Serialize(answer, json.Value.SerializerOptions), Caller = caller, Key = command.IdempotencyKey },
                            transaction, cancellationToken: ct));
                    }
                    return answer;
                }, cancellationToken);
                return new Result(created, false);
            }
            catch (DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                // Rolled back (to its savepoint in a group). The key taken by a write committed before: replayed below.
                if (command.IdempotencyKey is null)
                {
                    throw new ConflictException("Case.ExternalReferenceTaken", body.SourceSystem, body.ExternalReference);
                }
            }
            await using var replay = await db.OpenAsync(cancellationToken);
            return await ReplayAsync(replay, caller, command, hash, cancellationToken);
        }

        /// <summary>What the write lock's holder writes and answers, made before it is taken: the step rows and the case's answer (all but its number).</summary>
        private sealed record Planned(List<StepRow> Steps, string Explanation, string? ExplanationText, CaseResponse Answer);

        /// <summary>
        /// The step rows and the created case's answer, as GET /api/cases/{id} will read them once the case is committed
        /// (the same mapping, <see cref="CasesStore.Compose"/>): the row as InsertAsync writes it, the steps with the names a read
        /// joins in, the party references by local case number, the related cases by case number, the documents in order.
        /// </summary>
        private async Task<Planned> PlanAsync(DbConnection connection, Guid id, Body body, Route route, DateTimeOffset now, DateOnly today,
            CancellationToken cancellationToken)
        {
            var (modelId, plan, related, _) = route;
            var parties = body.PartyReferences ?? [];
            var steps = await CasesStore.PlanStepRowsAsync(connection, null, id, plan.Steps, parties, now, route.Inputs, cancellationToken);
            var explanation = Infrastructure.Localization.Messages.Say(plan.Explanation);
            var explanationText = Infrastructure.Localization.TextJson.TryWrite(plan.Explanation);
            var at = now.ToUniversalTime();
            var row = new CaseRow
            {
                Id = id, CaseNumber = "", GovernanceModelId = modelId, Title = body.Title, Summary = body.Summary, InterestCode = body.Interest,
                CouncilDecisionRequired = body.CouncilDecisionRequired, InitiatorOrganisationId = InitiatorOrganisation(body),
                InitiatorBodyId = body.Initiator?.BodyId, InitiatorName = body.Initiator?.Name, KleJournalNumber = body.KleJournalNumber,
                KleActionFacet = body.KleActionFacet?.ToUpperInvariant(), SourceSystem = body.SourceSystem, ExternalReference = body.ExternalReference,
                OwnerOrganisationId = user.OrganisationScope, RoutingRuleId = plan.Rule!.Id, RuleCode = plan.Rule.Code, RuleName = plan.Rule.Name,
                RouteExplanation = explanation, RouteExplanationText = explanationText, Version = 1, CreatedAt = at, ModifiedAt = at,
            };
            var answer = CasesStore.Compose(row, steps,
                parties.OrderBy(p => p.LocalCaseNumber, StringComparer.Ordinal).ThenBy(p => p.OrganisationId).ToList(),
                related.OrderBy(r => r.CaseNumber, StringComparer.Ordinal).ToList(),
                (body.Documents ?? []).Select(d => new DocumentReference(d.Url, d.Title, d.Sha256?.ToLowerInvariant())).ToList(),
                today);
            return new Planned(steps, explanation, explanationText, answer);
        }

        /// <summary>A case system bound to an organisation that names no initiator initiated the case itself.</summary>
        private Guid? InitiatorOrganisation(Body body) => body.Initiator is null ? user.OrganisationScope : body.Initiator.OrganisationId;

        /// <summary>Keys are unique per caller (organisation and name); a long name is hashed to keep the key within index limits.</summary>
        private static string Caller(ICurrentUser user)
        {
            var caller = $"{user.OrganisationScope?.ToString() ?? "-"}|{user.Name}";
            return caller.Length <= 200 ? caller : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(caller)));
        }

        private async Task<Result> ReplayAsync(DbConnection connection, string caller, Command command, string hash, CancellationToken cancellationToken)
        {
            var record = await connection.QuerySingleOrDefaultAsync<IdempotencyRow>(new CommandDefinition(
                "SELECT request_hash, response_body FROM idempotency_record WHERE caller = @Caller AND idempotency_key = @Key",
                new { Caller = caller, Key = command.IdempotencyKey }, cancellationToken: cancellationToken));
            if (record is null)
            {
                // The key was free, so the unique violation came from the (source system, external reference) pair.
                throw new ConflictException("Case.ExternalReferenceTaken", command.Case.SourceSystem, command.Case.ExternalReference);
            }
            if (!string.Equals(record.RequestHash, hash, StringComparison.Ordinal))
            {
                throw new UnprocessableException("Case.IdempotencyKeyReused");
            }
            var original = JsonSerializer.Deserialize<CaseResponse>(record.ResponseBody!, json.Value.SerializerOptions)!;
            return new Result(original, true);
        }

        /// <param name="Inputs">The routing inputs the plan was made from (the step names are kept with them: CasesStore.PlanStepRowsAsync).</param>
        private sealed record Route(Guid ModelId, RoutePlan Plan, IReadOnlyList<RelatedCase> Related, object Inputs);

        private async Task<Route> RouteAsync(DbConnection connection, Body body, DateOnly today, CancellationToken cancellationToken)
        {
            var modelId = await GovernanceModels.GovernanceModelsStore.ResolveAsync(connection, body.GovernanceModelId, user, null, cancellationToken);
            // The model's rules, bodies, parties and interests, cached until any of them changes (RoutingInputs).
            var model = await RoutingStore.LoadCurrentAsync(connection, modelId, cancellationToken);
            model.EnsureInterest(body.Interest);
            var related = await EnsureReferencesAsync(connection, body, cancellationToken);
            // Partnerships kept apart: the initiating body is one of the case's own model.
            if (body.Initiator?.BodyId is { } initiatorBody && await connection.ExecuteScalarAsync<Guid>(new CommandDefinition(
                    "SELECT governance_model_id FROM body WHERE id = @Id", new { Id = initiatorBody }, cancellationToken: cancellationToken)) != modelId)
            {
                throw new RuleViolationException("same-governance-model", new Text("Case.InitiatorInOtherModel"), "initiator.bodyId");
            }

            var plan = RoutingEngine.Route(model.Input(body.Interest, body.CouncilDecisionRequired, today), model.Rules, model.Bodies, model.Parties);
            if (!plan.Matched)
            {
                throw new RuleViolationException("routing-rule-matches", plan.Explanation, "interest");
            }
            RoutingStore.RefuseViolations(plan.Violations, plan.Rule!.Code, "interest");
            return new Route(modelId, plan, related, model);
        }

        /// <summary>Writes the case, its references, its steps and its events; answers its number.</summary>
        private async Task<string> InsertAsync(DbConnection connection, DbTransaction transaction, Guid id, Body body, Route route, Planned planned,
            DateTimeOffset now, CancellationToken cancellationToken)
        {
            var (modelId, plan, _, _) = route;
            var number = await NextCaseNumberAsync(connection, transaction, now.Year, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO case_file (id, case_number, governance_model_id, title, summary, interest_code, council_decision_required,
                    initiator_organisation_id, initiator_body_id, initiator_name, kle_journal_number, kle_action_facet, source_system,
                    external_reference, owner_organisation_id, routing_rule_id, route_explanation, route_explanation_text, created_by, version, created_at, modified_at)
                VALUES (@Id, @Number, @ModelId, @Title, @Summary, @Interest, @CouncilDecisionRequired, @InitiatorOrganisationId, @InitiatorBodyId,
                    @InitiatorName, @KleJournalNumber, @KleActionFacet, @SourceSystem, @ExternalReference, @Owner, @RuleId, @Explanation, @ExplanationText, @CreatedBy, 1, @Now, @Now)
                """, new
            {
                Id = id, Number = number, ModelId = modelId, body.Title, body.Summary, body.Interest, body.CouncilDecisionRequired,
                InitiatorOrganisationId = InitiatorOrganisation(body), InitiatorBodyId = body.Initiator?.BodyId, InitiatorName = body.Initiator?.Name,
                body.KleJournalNumber, KleActionFacet = body.KleActionFacet?.ToUpperInvariant(), body.SourceSystem, body.ExternalReference,
                Owner = user.OrganisationScope, RuleId = plan.Rule!.Id, Explanation = planned.Explanation,
                ExplanationText = planned.ExplanationText, CreatedBy = user.Name, Now = now,
            }, transaction, cancellationToken: cancellationToken));

            var parties = body.PartyReferences ?? [];
            foreach (var party in parties)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO case_party_reference (case_id, organisation_id, local_case_number) VALUES (@Id, @OrganisationId, @LocalCaseNumber)",
                    new { Id = id, party.OrganisationId, party.LocalCaseNumber }, transaction, cancellationToken: cancellationToken));
            }
            foreach (var related in (body.RelatedCaseIds ?? []).Distinct())
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO case_relation (case_id, related_case_id) VALUES (@Id, @Related)",
                    new { Id = id, Related = related }, transaction, cancellationToken: cancellationToken));
            }
            var ordinal = 0;
            foreach (var document in body.Documents ?? [])
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO case_document (id, case_id, ordinal, url, title, sha256) VALUES (@DocumentId, @Id, @Ordinal, @Url, @Title, @Sha256)",
                    new { DocumentId = Guid.CreateVersion7(now), Id = id, Ordinal = ++ordinal, document.Url, document.Title, Sha256 = document.Sha256?.ToLowerInvariant() },
                    transaction, cancellationToken: cancellationToken));
            }
            await CasesStore.InsertStepsAsync(db.Dialect, connection, transaction, planned.Steps, now, cancellationToken);

            await CaseFeedStore.AppendAsync(connection, transaction, user.OrganisationScope, user.Name, now,
            [
                new NewCaseEvent(CaseEventTypes.CaseCreated, id, null, new { caseNumber = number, title = body.Title, interest = body.Interest, body.SourceSystem, body.ExternalReference }),
                new NewCaseEvent(CaseEventTypes.CaseRouted, id, null, new { ruleCode = plan.Rule!.Code, explanation = planned.Explanation, steps = planned.Steps.Count }),
            ], cancellationToken);
            return number;
        }

        /// <summary>
        /// (source system, external reference) is unique per owning organisation (the index), so another organisation's
        /// case is never revealed by a 409. Staff cases have no owner, and SQLite's unique index treats NULLs as distinct,
        /// so for them the check is made here, inside the write transaction.
        /// </summary>
        private async Task EnsureExternalReferenceFreeAsync(DbConnection connection, DbTransaction transaction, Body body, CancellationToken cancellationToken)
        {
            if (user.OrganisationScope is null && body.SourceSystem is not null && body.ExternalReference is not null
                && await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
                    SELECT COUNT(*) FROM case_file
                    WHERE owner_organisation_id IS NULL AND source_system = @SourceSystem AND external_reference = @ExternalReference
                    """, new { body.SourceSystem, body.ExternalReference }, transaction, cancellationToken: cancellationToken)) > 0)
            {
                throw new ConflictException("Case.ExternalReferenceTaken", body.SourceSystem, body.ExternalReference);
            }
        }

        /// <summary>Refuses dangling references (422 naming the field); answers the related cases as the created case will show them.</summary>
        private async Task<List<RelatedCase>> EnsureReferencesAsync(DbConnection connection, Body body, CancellationToken cancellationToken)
        {
            // Only URLs a browser may safely open are kept and published (https; http in Development).
            for (var i = 0; i < (body.Documents?.Count ?? 0); i++)
            {
                Klima.Api.Features.Documents.DocumentUrlPolicy.Require(body.Documents![i].Url, environment.IsDevelopment(), $"documents[{i}].url");
            }
            var organisations = (body.PartyReferences ?? []).Select(p => p.OrganisationId).ToList();
            if (body.Initiator?.OrganisationId is { } initiator)
            {
                organisations.Add(initiator);
            }
            foreach (var organisation in organisations.Distinct())
            {
                var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT COUNT(*) FROM organisation WHERE id = @Id AND deleted_at IS NULL", new { Id = organisation }, cancellationToken: cancellationToken));
                if (exists == 0)
                {
                    throw new RuleViolationException("organisation-exists", new Text("Case.NoOrganisation", organisation), "partyReferences");
                }
            }
            if (body.Initiator?.BodyId is { } bodyId && await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT COUNT(*) FROM body WHERE id = @Id AND deleted_at IS NULL", new { Id = bodyId }, cancellationToken: cancellationToken)) == 0)
            {
                throw new RuleViolationException("body-exists", new Text("Case.NoBody", bodyId), "initiator.bodyId");
            }
            var found = new List<RelatedCase>();
            foreach (var related in (body.RelatedCaseIds ?? []).Distinct())
            {
                var sql = "SELECT id AS case_id, case_number, title FROM case_file WHERE id = @Id AND deleted_at IS NULL" + (user.OrganisationScope is null ? "" : " AND owner_organisation_id = @Scope");
                found.Add(await connection.QuerySingleOrDefaultAsync<RelatedCase>(new CommandDefinition(sql, new { Id = related, Scope = user.OrganisationScope }, cancellationToken: cancellationToken))
                          ?? throw new RuleViolationException("related-case-exists", new Text("Case.NoRelatedCase", related), "relatedCaseIds"));
            }
            return found;
        }

        /// <summary>KLIMA-2026-0001: a counter per year, incremented inside the creating transaction (the row lock serialises writers).</summary>
        private async Task<string> NextCaseNumberAsync(DbConnection connection, DbTransaction transaction, int year, CancellationToken cancellationToken)
        {
            for (var attempt = 0; ; attempt++)
            {
                var changed = await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE case_number_counter SET last_value = last_value + 1 WHERE year = @Year", new { Year = year }, transaction, cancellationToken: cancellationToken));
                if (changed == 0)
                {
                    try
                    {
                        await connection.ExecuteAsync(new CommandDefinition(
                            "INSERT INTO case_number_counter (year, last_value) VALUES (@Year, 1)", new { Year = year }, transaction, cancellationToken: cancellationToken));
                    }
                    catch (DbException ex) when (db.Dialect.IsUniqueViolation(ex) && attempt == 0)
                    {
                        // Another transaction opened the year first (SQL Server); take the next number from its row.
                        continue;
                    }
                }
                var value = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT last_value FROM case_number_counter WHERE year = @Year", new { Year = year }, transaction, cancellationToken: cancellationToken));
                return string.Create(CultureInfo.InvariantCulture, $"KLIMA-{year}-{value:0000}");
            }
        }

        private sealed class IdempotencyRow
        {
            public string RequestHash { get; init; } = "";
            public string? ResponseBody { get; init; }
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/cases", async (Body body, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IMediator mediator, HttpContext http) =>
                {
                    var result = await mediator.Send(new Command(body, string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey), http.RequestAborted);
                    if (result.Replayed)
                    {
                        http.Response.Headers["Idempotent-Replayed"] = "true";
                    }
                    ETags.Set(http, result.Case.Version);
                    return TypedResults.Created($"/api/cases/{result.Case.Id}", result.Case);
                })
                .WithName("createCase")
                .WithSummary("Opret en sag / Create a case")
                .WithDescription("Kræver cases:write (sekretariat og administrator; eller en API-nøgle med det scope). Registrerer en sag fra et " +
                                 "sagssystem eller sekretariatet og fastlægger dens forløb efter modellens regler (med forklaring). Send en " +
                                 "Idempotency-Key for sikre gentagelser: samme nøgle med samme body giver det oprindelige 201-svar (med " +
                                 "Idempotent-Replayed: true); samme nøgle med en anden body afvises med 422. 409 ved en kildereference, der allerede findes." +
                                 "\n\nNeeds cases:write (secretariat and administrator; or an API key with that scope). Registers a case from a case system or " +
                                 "staff and routes it by the model's rules (with the explanation). Send an Idempotency-Key header to make retries safe: " +
                                 "the same key with the same body returns the original 201 response (with Idempotent-Replayed: true); the same key with " +
                                 "another body is refused with 422. 409 for a source reference that exists.")
                .WithTags("Cases")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>
/// Shape rules for a case. KLE numbers are checked for format only (the KLE taxonomy is licensed and not shipped):
/// a journal number is <c>^\d{2}\.\d{2}(\.\d{2})?$</c> (main group, group, topic: "00.01.00"), an action facet
/// <c>^[A-Za-z][0-9]{2}$</c> ("A00", "G01"; stored upper-case).
/// </summary>
internal sealed class CaseBodyRules : AbstractValidator<CreateCase.Body>
{
    public const string KleJournalNumberPattern = @"^\d{2}\.\d{2}(\.\d{2})?$";
    public const string KleActionFacetPattern = "^[A-Za-z][0-9]{2}$";

    public CaseBodyRules()
    {
        RuleFor(b => b.Title).NotEmpty().MaximumLength(400);
        RuleFor(b => b.Summary).MaximumLength(4000);
        RuleFor(b => b.Interest).NotEmpty().MaximumLength(40);
        RuleFor(b => b.KleJournalNumber).Matches(KleJournalNumberPattern)
            .WithMessage(_ => Messages.Get("Case.KleJournalNumber"));
        RuleFor(b => b.KleActionFacet).Matches(KleActionFacetPattern).WithMessage(_ => Messages.Get("Case.KleActionFacet"));
        RuleFor(b => b.KleActionFacet).Null().When(b => b.KleJournalNumber is null).WithMessage(_ => Messages.Get("Case.FacetNeedsJournalNumber"));
        RuleFor(b => b.SourceSystem).MaximumLength(100);
        RuleFor(b => b.ExternalReference).MaximumLength(200);
        RuleFor(b => b.ExternalReference).NotEmpty().When(b => b.SourceSystem is not null).WithMessage(_ => Messages.Get("Case.SourceSystemNeedsReference"));
        RuleFor(b => b.SourceSystem).NotEmpty().When(b => b.ExternalReference is not null).WithMessage(_ => Messages.Get("Case.ReferenceNeedsSourceSystem"));
        RuleFor(b => b.Initiator!.Name).MaximumLength(200).When(b => b.Initiator is not null).OverridePropertyName("initiator.name");
        RuleFor(b => b.PartyReferences).Must(p => p is null || p.Select(x => x.OrganisationId).Distinct().Count() == p.Count)
            .WithMessage(_ => Messages.Get("Case.OneLocalNumberPerOrganisation"));
        RuleForEach(b => b.PartyReferences).ChildRules(p =>
        {
            p.RuleFor(x => x.LocalCaseNumber).NotEmpty().MaximumLength(100);
        });
        RuleFor(b => b.Documents).Must(d => d is null || d.Count <= 100).WithMessage(_ => Messages.Get("Case.AtMost100Documents"));
        RuleForEach(b => b.Documents).ChildRules(d =>
        {
            d.RuleFor(x => x.Url).NotEmpty().MaximumLength(2000)
                .Must(u => Uri.TryCreate(u, UriKind.Absolute, out _)).WithMessage(_ => Messages.Get("Case.DocumentUrlAbsolute"));
            d.RuleFor(x => x.Title).NotEmpty().MaximumLength(400);
            d.RuleFor(x => x.Sha256).Matches("^[0-9a-fA-F]{64}$").WithMessage(_ => Messages.Get("Document.Sha256"));
        });
        RuleFor(b => b.RelatedCaseIds).Must(r => r is null || r.Count <= 100).WithMessage(_ => Messages.Get("Case.AtMost100Related"));
    }
}
