using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Klima.Api.Infrastructure;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Klima.Api.Features.OParl;

/// <summary>The OParl 1.1 type URLs Klima serves.</summary>
internal static class OParlTypes
{
    public const string Version = "https://schema.oparl.org/1.1/";
    public const string System = Version + "System";
    public const string Body = Version + "Body";
    public const string Organization = Version + "Organization";
    public const string Person = Version + "Person";
    public const string Membership = Version + "Membership";
    public const string LegislativeTerm = Version + "LegislativeTerm";
    public const string Meeting = Version + "Meeting";
    public const string AgendaItem = Version + "AgendaItem";
    public const string Paper = Version + "Paper";
    public const string Consultation = Version + "Consultation";
    public const string File = Version + "File";
    public const string Location = Version + "Location";
}

/// <summary>
/// Canonical object URLs on the configured public origin (Klima:PublicBaseUrl, never the request's Host header), so
/// that every id is absolute and retrievable.
/// Everything but the system lives under its body (a governance model): OParl ties organisations, people and their
/// memberships to one body, and a Klima organisation may take part in several models.
/// </summary>
public sealed record OParlUrls(string Root)
{
    public const string Prefix = "/oparl/v1";

    public static OParlUrls From(HttpRequest request) => new(PublicBaseUrl.Of(request) + Prefix);

    public string System => Root + "/system";
    public string Bodies => Root + "/bodies";
    public string Body(Guid model) => $"{Root}/body/{model:D}";
    public string List(Guid model, string list) => $"{Body(model)}/{list}";

    /// <summary>A Klima body (BRN-bestyrelsen, T11+) as an OParl Organization.</summary>
    public string BodyOrganization(Guid model, Guid body) => $"{Body(model)}/organization/{body:D}";

    /// <summary>The meetings of one Klima body.</summary>
    public string OrganizationMeetings(Guid model, Guid body) => $"{BodyOrganization(model, body)}/meetings";

    /// <summary>A party to the model (a municipality, the region, an association) as an OParl Organization.</summary>
    public string PartyOrganization(Guid model, Guid organisation) => $"{Body(model)}/party/{organisation:D}";

    public string Person(Guid model, Guid person) => $"{Body(model)}/person/{person:D}";
    public string Membership(Guid model, Guid membership) => $"{Body(model)}/membership/{membership:D}";
    public string LegislativeTerm(Guid model, Guid term) => $"{Body(model)}/legislative-term/{term:D}";
    public string Meeting(Guid model, Guid meeting) => $"{Body(model)}/meeting/{meeting:D}";
    public string AgendaItem(Guid model, Guid item) => $"{Body(model)}/agenda-item/{item:D}";
    public string Paper(Guid model, Guid paper) => $"{Body(model)}/paper/{paper:D}";
    public string Consultation(Guid model, Guid step) => $"{Body(model)}/consultation/{step:D}";
    public string File(Guid model, Guid document) => $"{Body(model)}/file/{document:D}";

    /// <summary>The place of a meeting (Klima keeps it as text on the meeting).</summary>
    public string Location(Guid model, Guid meeting) => $"{Body(model)}/location/{meeting:D}";

    /// <summary>An approved (or revised) budget version of one of the model's programmes: public money (klima:BudgetVersion).</summary>
    public string BudgetVersion(Guid model, Guid version) => $"{Body(model)}/klima-budget-version/{version:D}";

    /// <summary>A grant (bevilling) to one of the model's programmes (klima:Grant).</summary>
    public string Grant(Guid model, Guid grant) => $"{Body(model)}/klima-grant/{grant:D}";

    /// <summary>
    /// A page of Klima's web app on the same public origin (OParl's <c>web</c>): the staff screens showing the object,
    /// which ask for sign-in.
    /// </summary>
    public string WebPage(string path) => Root[..^Prefix.Length] + path;

    /// <summary>The bytes of a document uploaded to Klima (accessUrl and downloadUrl of its File).</summary>
    public string FileDownload(Guid model, Guid document) => File(model, document) + "/download";
}

/// <summary>OParl's value formats: date-times without fractions and with an explicit offset, dates as yyyy-mm-dd.</summary>
internal static class OParlFormat
{
    public static string DateTime(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly TimeZoneInfo Danish = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Copenhagen", out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>
    /// A day as OParl date-times: from its midnight to the next midnight in Danish time, with the offset of each moment
    /// (+01:00 in winter, +02:00 in summer). For meetings, whose hours Klima does not record.
    /// </summary>
    public static (string Start, string End) WholeDay(DateOnly day)
    {
        string Midnight(DateOnly d)
        {
            var local = d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, Danish.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        }
        return (Midnight(day), Midnight(day.AddDays(1)));
    }

    /// <summary>Klima periods are half-open [from, to); OParl's endDate is the last day, so it is the day before.</summary>
    public static DateOnly? LastDay(DateOnly? exclusiveEnd) => exclusiveEnd?.AddDays(-1);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Danish letters and the '+' of offsets stay readable. Safe here: the body is always application/json with
        // nosniff, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>
/// Builds one OParl object. Absent values are omitted, never written as null, "" or []: OParl clients read a missing
/// property as "unknown" and an empty one as a value.
/// </summary>
internal sealed class OParlObject
{
    public OParlObject(string id, string type)
    {
        Json["id"] = id;
        Json["type"] = type;
    }

    public JsonObject Json { get; } = [];

    public OParlObject Set(string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) Json[name] = value;
        return this;
    }

    public OParlObject Set(string name, bool? value)
    {
        if (value is not null) Json[name] = value.Value;
        return this;
    }

    public OParlObject Set(string name, int? value)
    {
        if (value is not null) Json[name] = value.Value;
        return this;
    }

    public OParlObject Set(string name, long? value)
    {
        if (value is not null) Json[name] = value.Value;
        return this;
    }

    public OParlObject Set(string name, DateOnly? value)
    {
        if (value is not null) Json[name] = OParlFormat.Date(value.Value);
        return this;
    }

    public OParlObject SetDateTime(string name, DateTimeOffset? value)
    {
        if (value is not null) Json[name] = OParlFormat.DateTime(value.Value);
        return this;
    }

    public OParlObject Set(string name, IEnumerable<string?>? values)
    {
        var array = new JsonArray();
        foreach (var value in values ?? [])
        {
            if (!string.IsNullOrWhiteSpace(value)) array.Add(value);
        }
        if (array.Count > 0) Json[name] = array;
        return this;
    }

    public OParlObject Set(string name, IEnumerable<JsonObject>? values)
    {
        var array = new JsonArray();
        foreach (var value in values ?? [])
        {
            array.Add(value);
        }
        if (array.Count > 0) Json[name] = array;
        return this;
    }

    public OParlObject Set(string name, JsonObject? value)
    {
        if (value is not null && value.Count > 0) Json[name] = value;
        return this;
    }

    /// <summary>Created and modified as OParl date-times.</summary>
    public OParlObject Stamps(DateTimeOffset? created, DateTimeOffset? modified) =>
        SetDateTime("created", created).SetDateTime("modified", modified);

    /// <summary>
    /// A deleted object (or one that left the public view) keeps what OParl 1.1 (2.8) requires and a syncing client
    /// needs to drop its copy: id, type, created, modified and deleted. Its modified stamp is the moment it went.
    /// </summary>
    public static JsonObject Tombstone(string id, string type, OParlRow row)
    {
        var tombstone = new OParlObject(id, type).Stamps(row.CreatedAt ?? row.ModifiedAt, row.ModifiedAt);
        tombstone.Json["deleted"] = true;
        return tombstone.Json;
    }
}

/// <summary>Columns every row behind an OParl list carries: the key, the change stamps and the tombstone marker.</summary>
internal abstract record OParlRow
{
    public Guid Id { get; init; }
    public DateTimeOffset? CreatedAt { get; init; }
    public DateTimeOffset? ModifiedAt { get; init; }
    public DateTimeOffset? DeletedAt { get; init; }
}

/// <summary>
/// The query parameters every OParl list takes. Date-times are read leniently: a '+' offset that arrived unencoded
/// (as a space) is restored, since that is the most common client mistake with these filters.
/// </summary>
public sealed record OParlListParameters
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public int Page { get; init; } = 1;
    public int Limit { get; init; } = DefaultLimit;
    public DateTimeOffset? CreatedSince { get; init; }
    public DateTimeOffset? CreatedUntil { get; init; }
    public DateTimeOffset? ModifiedSince { get; init; }
    public DateTimeOffset? ModifiedUntil { get; init; }

    /// <summary>Deleted objects appear only to clients that sync changes (OParl: when modified_since is given).</summary>
    public bool IncludeTombstones => ModifiedSince is not null;

    /// <summary>The page size when the client asks for none: OParl:PageSize, else 50.</summary>
    private static int DefaultPageSize(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<IConfiguration>().GetValue("OParl:PageSize", DefaultLimit) is var size and >= 1 and <= MaxLimit
            ? size
            : DefaultLimit;

    /// <summary>
    /// OParl leaves the page size to the server: a limit that is not a number is ignored, one below 1 or above the
    /// maximum is clamped (the list's elementsPerPage says what was used), rather than refused.
    /// </summary>
    private static int ClampedLimit(string raw, int fallback) =>
        raw.Length == 0 || !long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? fallback
        : (int)Math.Clamp(value, 1, MaxLimit);

    public static OParlListParameters From(HttpRequest request)
    {
        var errors = new List<FluentValidation.Results.ValidationFailure>();
        var query = request.Query;

        int Number(string name, int fallback, int min, int max)
        {
            var raw = query[name].ToString();
            if (raw.Length == 0) return fallback;
            if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
            errors.Add(new(name, $"'{name}' must be a whole number from {min} to {max}."));
            return fallback;
        }

        DateTimeOffset? Moment(string name)
        {
            var raw = query[name].ToString();
            if (raw.Length == 0) return null;
            var repaired = raw.Length > 19 && raw[^6] == ' ' ? raw[..^6] + "+" + raw[^5..] : raw;
            if (DateTimeOffset.TryParse(repaired, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                // Compared at whole seconds, the precision OParl shows, so a filter agrees with what clients read.
                return new DateTimeOffset(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            }
            errors.Add(new(name, $"'{name}' must be an ISO 8601 date-time such as 2026-01-31T12:00:00+01:00."));
            return null;
        }

        var parameters = new OParlListParameters
        {
            Page = Number("page", 1, 1, 1_000_000),
            Limit = ClampedLimit(query["limit"].ToString(), DefaultPageSize(request)),
            CreatedSince = Moment("created_since"),
            CreatedUntil = Moment("created_until"),
            ModifiedSince = Moment("modified_since"),
            ModifiedUntil = Moment("modified_until"),
        };
        if (errors.Count > 0)
        {
            throw new FluentValidation.ValidationException(errors);
        }
        return parameters;
    }
}

/// <summary>One page of a list as the handler found it: the objects and how many match in all.</summary>
public sealed record OParlSlice(IReadOnlyList<JsonObject> Data, int TotalElements);

internal static class OParlList
{
    /// <summary>
    /// Runs a list over <paramref name="source"/> (a SELECT with id, created_at, modified_at and deleted_at columns):
    /// the date filters, tombstones only when syncing, a count and one page in a stable order (by id).
    /// A row without stamps (election terms have none) cannot be ruled out by a date filter, so it stays in.
    /// </summary>
    public static async Task<(List<TRow> Rows, int Total)> PageAsync<TRow>(
        System.Data.Common.DbConnection connection, Infrastructure.Data.ISqlDialect dialect, string source, object? sourceParameters,
        OParlListParameters list, CancellationToken cancellationToken) where TRow : OParlRow
    {
        var where = new List<string>();
        if (!list.IncludeTombstones) where.Add("x.deleted_at IS NULL");
        if (list.CreatedSince is not null) where.Add("(x.created_at IS NULL OR x.created_at >= @CreatedSince)");
        if (list.CreatedUntil is not null) where.Add("(x.created_at IS NULL OR x.created_at < @CreatedUntilExclusive)");
        if (list.ModifiedSince is not null) where.Add("(x.modified_at IS NULL OR x.modified_at >= @ModifiedSince)");
        if (list.ModifiedUntil is not null) where.Add("(x.modified_at IS NULL OR x.modified_at < @ModifiedUntilExclusive)");
        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);

        var parameters = new Dapper.DynamicParameters(sourceParameters);
        parameters.AddDynamicParams(new
        {
            list.CreatedSince,
            CreatedUntilExclusive = list.CreatedUntil?.AddSeconds(1),
            list.ModifiedSince,
            ModifiedUntilExclusive = list.ModifiedUntil?.AddSeconds(1),
            Take = list.Limit,
            Skip = (list.Page - 1) * list.Limit,
        });
        var total = await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, new Dapper.CommandDefinition(
            $"SELECT COUNT(*) FROM ({source}) x{filter}", parameters, cancellationToken: cancellationToken));
        var rows = (await Dapper.SqlMapper.QueryAsync<TRow>(connection, new Dapper.CommandDefinition(
            $"SELECT * FROM ({source}) x{filter} ORDER BY x.id{dialect.LimitOffset("@Take", "@Skip")}", parameters,
            cancellationToken: cancellationToken))).ToList();
        return (rows, total);
    }

    /// <summary>The list document: data, pagination and links (first, prev, next on every page but the last, last, self).</summary>
    public static JsonObject Document(HttpRequest request, OParlListParameters list, OParlSlice slice)
    {
        var totalPages = Math.Max(1, (slice.TotalElements + list.Limit - 1) / list.Limit);
        var data = new JsonArray();
        foreach (var item in slice.Data)
        {
            data.Add(item);
        }
        var links = new JsonObject
        {
            ["first"] = PageLink(request, 1),
        };
        if (list.Page > 1) links["prev"] = PageLink(request, Math.Min(list.Page - 1, totalPages));
        if (list.Page < totalPages) links["next"] = PageLink(request, list.Page + 1);
        links["last"] = PageLink(request, totalPages);
        links["self"] = PageLink(request, list.Page);
        return new JsonObject
        {
            ["data"] = data,
            ["pagination"] = new JsonObject
            {
                ["totalElements"] = slice.TotalElements,
                ["elementsPerPage"] = list.Limit,
                ["currentPage"] = list.Page,
                ["totalPages"] = totalPages,
            },
            ["links"] = links,
        };
    }

    /// <summary>The same list with the same filters and limit, on another page.</summary>
    private static string PageLink(HttpRequest request, int page)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(kv => !string.Equals(kv.Key, "page", StringComparison.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new KeyValuePair<string, string?>("page", page.ToString(CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString(PublicBaseUrl.OfPath(request), query);
    }
}

/// <summary>Shared endpoint conventions of the OParl view.</summary>
internal static class OParlEndpoints
{
    /// <summary>
    /// Anonymous, read-only and left out of openapi.yaml: the OParl endpoints' contract is the OParl 1.1
    /// specification (and its JSON schemas), which existing clients already implement. Describing them again as
    /// free-form objects in Klima's own document would add nothing and mislead the generated web client types.
    /// </summary>
    public static RouteHandlerBuilder OParl(this RouteHandlerBuilder builder, string name) =>
        builder.WithName(name).WithTags("OParl").PublicRead().ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
        {
            // Partnerships kept apart: a caller limited to some governance models (an API key of one partnership) finds no
            // other model's Body, nor anything under it (404, as for a Body that does not exist). Anonymous callers see all.
            var http = context.HttpContext;
            if (GovernanceModelScope.FromClaims(http.User) is { } scope
                && (http.Request.RouteValues.TryGetValue("model", out var value) || (name == "oparlGetBody" && http.Request.RouteValues.TryGetValue("id", out value)))
                && Guid.TryParse(value?.ToString(), out var model) && !scope.Contains(model))
            {
                throw new NotFoundException("Body", model);
            }
            return await next(context);
        });

    public static IResult Json(JsonNode node) => TypedResults.Json(node, OParlFormat.Json);

    /// <summary>
    /// The answer to <paramref name="request"/>: with <c>omit_internal=true</c> (OParl 1.1) the objects embedded in others
    /// (a meeting's agenda items and location, a paper's consultations and files, a person's memberships, a body's
    /// legislative terms) are left out, since each is also in its own external list; references (URLs) stay.
    /// </summary>
    public static IResult Json(JsonNode node, HttpRequest request)
    {
        if (string.Equals(request.Query["omit_internal"].ToString(), "true", StringComparison.OrdinalIgnoreCase))
        {
            if (node is JsonObject { } document && document["data"] is JsonArray data && document["pagination"] is not null)
            {
                foreach (var item in data.OfType<JsonObject>()) OmitInternal(item);
            }
            else if (node is JsonObject single)
            {
                OmitInternal(single);
            }
        }
        return Json(node);
    }

    private static bool IsOParlObject(JsonNode? node) => node is JsonObject o && o.ContainsKey("id") && o.ContainsKey("type");

    internal static void OmitInternal(JsonObject item)
    {
        var embedded = item.Where(p => IsOParlObject(p.Value) || (p.Value is JsonArray a && a.Count > 0 && a.All(IsOParlObject)))
            .Select(p => p.Key).ToList();
        foreach (var name in embedded) item.Remove(name);
    }

    /// <summary>Maps GET /oparl/v1/body/{model}/{list}: one of a body's object lists.</summary>
    public static void MapBodyList<TQuery>(this IEndpointRouteBuilder app, string list, string name,
        Func<OParlUrls, Guid, OParlListParameters, TQuery> query) where TQuery : MediatR.IRequest<OParlSlice> =>
        app.MapGet($"{OParlUrls.Prefix}/body/{{model:guid}}/{list}", async (Guid model, MediatR.IMediator mediator, HttpContext http) =>
            {
                var parameters = OParlListParameters.From(http.Request);
                var slice = await mediator.Send(query(OParlUrls.From(http.Request), model, parameters), http.RequestAborted);
                return Json(OParlList.Document(http.Request, parameters, slice), http.Request);
            })
            .OParl(name);

    /// <summary>Maps GET /oparl/v1/body/{model}/{segment}/{id}: one object, retrievable at its id.</summary>
    public static void MapBodyObject<TQuery>(this IEndpointRouteBuilder app, string segment, string name,
        Func<OParlUrls, Guid, Guid, TQuery> query) where TQuery : MediatR.IRequest<JsonObject> =>
        app.MapGet($"{OParlUrls.Prefix}/body/{{model:guid}}/{segment}/{{id:guid}}", async (Guid model, Guid id, MediatR.IMediator mediator, HttpContext http) =>
                Json(await mediator.Send(query(OParlUrls.From(http.Request), model, id), http.RequestAborted), http.Request))
            .OParl(name);

    /// <summary>The list of a body that exists (a deleted body has a tombstone, not lists).</summary>
    public static async Task EnsureBodyAsync(System.Data.Common.DbConnection connection, Guid model, CancellationToken cancellationToken)
    {
        var exists = await Dapper.SqlMapper.ExecuteScalarAsync<int>(connection, new Dapper.CommandDefinition(
            "SELECT COUNT(*) FROM governance_model WHERE id = @Model AND deleted_at IS NULL", new { Model = model },
            cancellationToken: cancellationToken));
        if (exists == 0)
        {
            throw new NotFoundException("Body", model);
        }
    }
}

/// <summary>
/// Unknown paths under /oparl answer 404, and writes 405, to anyone (not 401, as the deny-by-default fallback would
/// answer an anonymous caller): the view is read-only and public.
/// </summary>
internal sealed class OParlNotFoundEndpoint : IEndpoint
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(OParlUrls.Prefix + "/{**rest}", (string? rest) =>
                Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                    detail: $"There is no OParl object at '{rest}'. Start from {OParlUrls.Prefix}/system."))
            .OParl("oparlNotFound");
        app.MapMethods(OParlUrls.Prefix + "/{**rest}", [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete], (HttpContext http) =>
                {
                    http.Response.Headers.Allow = "GET";
                    return Results.Problem(statusCode: StatusCodes.Status405MethodNotAllowed, title: "Method not allowed",
                        detail: "The OParl view is read-only.");
                })
            .OParl("oparlReadOnly");
    }
}

/// <summary>
/// OParl clients run in browsers on other origins: every response under /oparl (errors included) carries
/// Access-Control-Allow-Origin: *. The view is anonymous and sets no cookies, so a wildcard exposes nothing a
/// plain request could not read. Registered as a startup filter so it wraps the whole pipeline (also the
/// exception handler and 404s) without touching Program.cs; other paths are left alone.
/// </summary>
internal sealed class OParlCorsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddTransient<IStartupFilter, OParlCorsStartupFilter>();

    /// <summary>
    /// The canonical URL of a GET/HEAD under /oparl/v1 written differently: a trailing slash, upper-case letters in an
    /// id, or a different case of the path; null when the request is canonical. Built on the public base URL.
    /// </summary>
    internal static string? CanonicalLocation(HttpRequest request)
    {
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))) return null;
        var path = request.Path.Value ?? "";
        if (!path.StartsWith(OParlUrls.Prefix + "/", StringComparison.OrdinalIgnoreCase) && !string.Equals(path, OParlUrls.Prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var canonical = path.TrimEnd('/').ToLowerInvariant();
        if (canonical.Length <= OParlUrls.Prefix.Length) canonical = OParlUrls.Prefix + "/system";
        return string.Equals(canonical, path, StringComparison.Ordinal) ? null : PublicBaseUrl.Of(request) + canonical + request.QueryString;
    }

    private sealed class OParlCorsStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                if (!context.Request.Path.StartsWithSegments("/oparl", StringComparison.OrdinalIgnoreCase))
                {
                    await proceed(context);
                    return;
                }
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.AccessControlAllowOrigin = "*";
                    return Task.CompletedTask;
                });
                if (HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.ContainsKey("Access-Control-Request-Method"))
                {
                    // A preflight: the view is read-only, so GET and HEAD with any request headers.
                    context.Response.Headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
                    context.Response.Headers.AccessControlAllowHeaders = context.Request.Headers.AccessControlRequestHeaders.ToString() is { Length: > 0 } h ? h : "*";
                    context.Response.Headers.AccessControlMaxAge = "86400";
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    return;
                }
                if (CanonicalLocation(context.Request) is { } canonical)
                {
                    // One URL per object: ids are compared as strings, so variants redirect to the id.
                    context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                    context.Response.Headers.Location = canonical;
                    return;
                }
                if (HttpMethods.IsHead(context.Request.Method))
                {
                    // HEAD is GET without the body (RFC 9110 9.3.2): same status and headers, never the web app's page.
                    context.Request.Method = HttpMethods.Get;
                    var body = context.Response.Body;
                    context.Response.Body = Stream.Null;
                    try
                    {
                        await proceed(context);
                    }
                    finally
                    {
                        context.Response.Body = body;
                    }
                    return;
                }
                await proceed(context);
            });
            next(app);
        };
    }
}
