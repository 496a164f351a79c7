using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Documents;

/// <summary>
/// The rule for what of a case is public (docs/OPARL.md, "What is public"): its owner decides. <c>public</c> and
/// <c>notPublic</c> are the owner's choice; <c>whenDecided</c> (the default) keeps a case out of the public view until a
/// body that can decide has recorded a decision on it, since a decision of a public body is public. A case the owner
/// takes out of the public view appears there as deleted from that moment.
/// </summary>
public enum CaseVisibility
{
    WhenDecided,
    Public,
    NotPublic,
}

public sealed record CaseVisibilityResponse(Guid CaseId, CaseVisibility Visibility, bool IsPublic, DateTimeOffset? UnpublishedAt, int Version);

/// <summary>The SQL form of the rule, shared with the OParl view.</summary>
public static class CasePublication
{
    /// <summary>1 when the case (alias c by default) is in the public view now, else 0.</summary>
    public static string IsPublic(string c = "c") => $"""
        (CASE WHEN {c}.deleted_at IS NULL AND ({c}.visibility = 'public' OR ({c}.visibility IS NULL AND EXISTS (
            SELECT 1 FROM case_step pub_s JOIN body pub_b ON pub_b.id = pub_s.body_id
            WHERE pub_s.case_id = {c}.id AND pub_s.superseded_at IS NULL AND pub_s.outcome IS NOT NULL AND pub_b.can_decide = 1)))
         THEN 1 ELSE 0 END)
        """;

    /// <summary>When the case (alias c) left the public view, if it did and is not back: deleted, or taken out by its owner.</summary>
    public static string GoneAt(string c = "c") => $"COALESCE({c}.deleted_at, CASE WHEN {IsPublic(c)} = 0 THEN {c}.unpublished_at END)";

    /// <summary>A case the public view shows (live or as deleted): public now, or once public and gone since.</summary>
    public static string Shown(string c = "c") => $"({IsPublic(c)} = 1 OR {c}.deleted_at IS NOT NULL OR {c}.unpublished_at IS NOT NULL)";
}

public static class GetCaseVisibility
{
    public sealed record Query(Guid CaseId) : IRequest<CaseVisibilityResponse>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, CaseVisibilityResponse>
    {
        public async Task<CaseVisibilityResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await DocumentStore.RequireCaseAsync(connection, query.CaseId, user, null, cancellationToken);
            return await VisibilityStore.LoadAsync(connection, query.CaseId, null, cancellationToken);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/cases/{caseId:guid}/visibility", async (Guid caseId, IMediator mediator, HttpContext http) =>
                {
                    var found = await mediator.Send(new Query(caseId), http.RequestAborted);
                    return ETags.OkWithETag(http, found, found.Version);
                })
                .WithName("getCaseVisibility")
                .WithSummary("Hent en sags offentlighed / Get a case's visibility")
                .WithDescription("Kræver cases:read (alle roller; eller en API-nøgle med det scope). Hvad af sagen der er offentligt (også via OParl): " +
                                 "public, notPublic eller whenDecided, og om den er offentlig nu. Med ETag." +
                                 "\n\nNeeds cases:read (every role; or an API key with that scope). What of the case is public (also through OParl): public, " +
                                 "notPublic or whenDecided, and whether it is public now. With its ETag.")
                .WithTags("Documents")
                .RequirePermission(Permissions.CasesRead)
                .Produces<CaseVisibilityResponse>()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>The owner (the owning organisation's systems, or staff) sets whether the case is public; If-Match the case's version.</summary>
public static class SetCaseVisibility
{
    public sealed record Body(CaseVisibility? Visibility);

    public sealed record Command(Guid CaseId, CaseVisibility? Visibility, int ExpectedVersion) : IRequest<CaseVisibilityResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Visibility).NotNull().IsInEnum().OverridePropertyName("visibility");
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, CaseVisibilityResponse>
    {
        public async Task<CaseVisibilityResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await DocumentStore.RequireCaseAsync(connection, command.CaseId, user, transaction, cancellationToken);
            var before = await VisibilityStore.LoadAsync(connection, command.CaseId, transaction, cancellationToken);
            var stored = command.Visibility switch
            {
                CaseVisibility.Public => "public",
                CaseVisibility.NotPublic => "notPublic",
                _ => null,
            };
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE case_file SET visibility = @Stored, version = version + 1, modified_at = @Now
                WHERE id = @CaseId AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new { Stored = stored, Now = now, command.CaseId, command.ExpectedVersion }, transaction, cancellationToken: cancellationToken));
            await connection.EnsureChangedAsync(changed, "case_file", "Case", command.CaseId, transaction, cancellationToken);
            var after = await VisibilityStore.LoadAsync(connection, command.CaseId, transaction, cancellationToken);
            if (before.IsPublic && !after.IsPublic)
            {
                // It left the public view now: from here on it is a deleted object there.
                await connection.ExecuteAsync(new CommandDefinition("UPDATE case_file SET unpublished_at = @Now WHERE id = @CaseId",
                    new { Now = now, command.CaseId }, transaction, cancellationToken: cancellationToken));
            }
            await transaction.CommitAsync(cancellationToken);
            return await VisibilityStore.LoadAsync(connection, command.CaseId, null, cancellationToken);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/cases/{caseId:guid}/visibility", async (Guid caseId, Body body, IMediator mediator, HttpContext http) =>
                {
                    var changed = await mediator.Send(new Command(caseId, body.Visibility, ETags.RequiredVersion(http)), http.RequestAborted);
                    return ETags.OkWithETag(http, changed, changed.Version);
                })
                .WithName("setCaseVisibility")
                .WithSummary("Sæt en sags offentlighed / Set a case's visibility")
                .WithDescription("Kræver cases:write (sekretariat og administrator; eller en API-nøgle med det scope). Sætter hvad af sagen der er " +
                                 "offentligt: 'public', 'notPublic' eller 'whenDecided' (standard: offentlig, når et organ, der kan træffe afgørelse, har " +
                                 "registreret en afgørelse). En sag, der tages ud af offentligheden, vises der som slettet. Kræver If-Match." +
                                 "\n\nNeeds cases:write (secretariat and administrator; or an API key with that scope). Sets what of the case is public: " +
                                 "'public', 'notPublic', or 'whenDecided' (the default: public once a body that can decide has recorded a decision). A " +
                                 "case taken out of the public view appears there as deleted. Needs If-Match.")
                .WithTags("Documents")
                .RequirePermission(Permissions.CasesWrite)
                .Produces<CaseVisibilityResponse>()
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}

internal static class VisibilityStore
{
    private sealed record Row
    {
        public string? Visibility { get; init; }
        public int IsPublic { get; init; }
        public DateTimeOffset? UnpublishedAt { get; init; }
        public int Version { get; init; }
    }

    public static async Task<CaseVisibilityResponse> LoadAsync(System.Data.Common.DbConnection connection, Guid caseId, System.Data.Common.DbTransaction? transaction,
        CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(
            $"SELECT c.visibility, {CasePublication.IsPublic()} AS is_public, c.unpublished_at, c.version FROM case_file c WHERE c.id = @CaseId",
            new { CaseId = caseId }, transaction, cancellationToken: cancellationToken));
        var visibility = row.Visibility switch
        {
            "public" => CaseVisibility.Public,
            "notPublic" => CaseVisibility.NotPublic,
            _ => CaseVisibility.WhenDecided,
        };
        return new CaseVisibilityResponse(caseId, visibility, row.IsPublic == 1, row.IsPublic == 1 ? null : row.UnpublishedAt, row.Version);
    }
}
