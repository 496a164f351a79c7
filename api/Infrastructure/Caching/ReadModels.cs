using System.Data.Common;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Klima.Api.Infrastructure.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Klima.Api.Domain;

namespace Klima.Api.Infrastructure.Caching;

/// <summary>
/// The data version: one row (<c>data_version</c>, migration 0170) that every write moves inside its own transaction (the
/// audit log's trigger, and <see cref="DbConnectionExtensions.BeginWriteAsync"/>). Reading it is one primary-key lookup;
/// a response computed after reading version N reflects at least every write that produced N, so a cache keyed by it is
/// never answered stale after a write has committed, on this API instance or another one on the same database.
/// </summary>
internal static class DataVersion
{
    public const string Sql = "SELECT version FROM data_version WHERE id = 1";

    public const string BumpSql = "UPDATE data_version SET version = version + 1 WHERE id = 1";

    public static async Task<long> ReadAsync(IDbConnectionFactory db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<long> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Reads the data version for the read-model cache, once per request. On SQLite it keeps a few connections open, each
/// with the version query prepared once, so a cached answer costs one execution of a prepared statement instead of a
/// pooled open, a prepare and a close (Microsoft.Data.Sqlite keeps no statements across pooled opens). Each execution
/// runs in its own autocommit read, so it sees every write committed before it, by this process or another one on the
/// same file, exactly as a freshly opened connection would. Beyond <see cref="MaxOpen"/> concurrent reads, and on SQL
/// Server, it opens a pooled connection as before.
/// </summary>
internal sealed class DataVersionReader(IDbConnectionFactory db) : IAsyncDisposable
{
    /// <summary>At most this many connections are kept open for the version read.</summary>
    public const int MaxOpen = 4;

    // A queue, not a bag: a bag's take from another thread's list locks, and on a hit every request takes and returns one.
    private readonly System.Collections.Concurrent.ConcurrentQueue<DbCommand> _idle = new();
    private int _open;
    private bool _disposed;

    public async Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        if (db.Dialect is not SqliteDialect)
        {
            return await DataVersion.ReadAsync(db, cancellationToken).ConfigureAwait(false);
        }
        if (!_idle.TryDequeue(out var command))
        {
            if (Interlocked.Increment(ref _open) > MaxOpen)
            {
                Interlocked.Decrement(ref _open);
                return await DataVersion.ReadAsync(db, cancellationToken).ConfigureAwait(false);
            }
            try
            {
                var connection = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
                command = connection.CreateCommand();
                command.CommandText = DataVersion.Sql;
                command.Prepare();
            }
            catch
            {
                Interlocked.Decrement(ref _open);
                throw;
            }
        }
        try
        {
            var version = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            if (Volatile.Read(ref _disposed))
            {
                await CloseAsync(command).ConfigureAwait(false);
            }
            else
            {
                _idle.Enqueue(command);
            }
            return version;
        }
        catch
        {
            await CloseAsync(command).ConfigureAwait(false);
            throw;
        }
    }

    private async Task CloseAsync(DbCommand command)
    {
        Interlocked.Decrement(ref _open);
        var connection = command.Connection;
        await command.DisposeAsync().ConfigureAwait(false);
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Volatile.Write(ref _disposed, true);
        while (_idle.TryDequeue(out var command))
        {
            await CloseAsync(command).ConfigureAwait(false);
        }
    }
}

/// <summary><c>ReadModels:Enabled</c> (default true): false answers every read model from its handler (for comparisons).</summary>
internal sealed class ReadModelOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How long an entry may stay unused in memory; a newer data version makes it unreachable at once.</summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>What a cached read model of this request is keyed by: the data version, the day its "today" falls on, the caller.</summary>
internal sealed class ReadModelState
{
    private static readonly object Key = new();

    private readonly HttpRequest _request;
    private string? _tagSuffix;

    private ReadModelState(long version, int day, string caller, HttpRequest request)
    {
        Version = version;
        Day = day;
        Caller = caller;
        _request = request;
    }

    public long Version { get; }

    public int Day { get; }

    public string Caller { get; }

    /// <summary>
    /// Ends every ETag of a read model: the client's copy is current while the data version and the day still hold. The
    /// variant (a hash of the caller's key, the path and query, Accept and Accept-Language) is part of it, so a tag learnt
    /// by one caller, or for another representation (CSV rather than JSON), never opens a 304. Computed on first use: a
    /// hit served by the output cache never needs it (only the ETag filter does, on a miss or an If-None-Match).
    /// </summary>
    public string TagSuffix => _tagSuffix ??= $"{Version}.{Day}.{Variant(Caller, _request)}\"";

    internal static string Variant(string caller, HttpRequest request) =>
        ReadModelCachePolicy.Hash(string.Join('\n', caller, request.Path.Value, request.QueryString.Value, request.Headers.Accept.ToString(), request.Headers.AcceptLanguage.ToString()))[..12];

    public static async ValueTask<ReadModelState> GetAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(Key, out var existing) && existing is ReadModelState state)
        {
            return state;
        }
        var version = await http.RequestServices.GetRequiredService<DataVersionReader>().ReadAsync(http.RequestAborted).ConfigureAwait(false);
        var today = http.RequestServices.GetRequiredService<TimeProvider>().Today();
        state = new ReadModelState(version, today.DayNumber, ReadModelCachePolicy.CallerKey(http.User), http.Request);
        http.Items[Key] = state;
        return state;
    }
}

/// <summary>
/// Read models for what rarely changes (a body, the graph, a case with its route, an organisation, a rollup): the
/// serialized response is kept by ASP.NET Core's output cache, keyed by path and query, the data version, the day, the
/// caller and the language asked for. One cheap version read per request; a write anywhere moves the version, so the next
/// request misses and runs the handler. Authorisation runs before the cache (the middleware sits after
/// UseAuthorization), and the key holds every claim of the caller, so one caller's view is never served to another
/// whose view may differ. Only 200 answers without cookies are stored.
/// </summary>
internal sealed class ReadModelCachePolicy : IOutputCachePolicy
{
    public const string Tag = "read-models";

    public static readonly ReadModelCachePolicy Instance = new();

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<ReadModelOptions>>().Value;
        if (!options.Enabled || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
        {
            return;
        }
        var state = await ReadModelState.GetAsync(http).ConfigureAwait(false);
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = options.Expiration;
        context.Tags.Add(Tag);
        context.CacheVaryByRules.QueryKeys = "*";
        // One value for everything else the key holds (the output cache turns each value into its own key part, and each
        // header name into a copied, sorted array per request): the data version, the day, the caller, and the Accept (a
        // rollup answers CSV or JSON by it) and Accept-Language headers as sent.
        context.CacheVaryByRules.VaryByValues[VaryKey] =
            VaryValue(state.Version, state.Day, state.Caller, http.Request.Headers.Accept.ToString(), http.Request.Headers.AcceptLanguage.ToString());
    }

    private const string VaryKey = "read-model";

    /// <summary>
    /// The data version, the day, the caller key and the Accept and Accept-Language headers in one string. Each header is
    /// preceded by its length, so no two different pairs of headers give the same text; the caller key is URL-safe base64
    /// (or "anonymous") and the numbers hold no separator.
    /// </summary>
    internal static string VaryValue(long version, int day, string caller, string accept, string language) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{version}.{day}.{caller}.{accept.Length}:{accept}{language.Length}:{language}");

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Every claim of the caller (who, role, permissions, organisation), hashed; anonymous callers share one key. A key
    /// remembered for this very principal (<see cref="CallerKeys"/>: the authentication handler built it from the same
    /// claims a moment ago) is used while the principal still holds exactly the identity and claims it was remembered with.
    /// </summary>
    internal static string CallerKey(ClaimsPrincipal user) => CallerKeys.Remembered(user) ?? ComputeCallerKey(user);

    /// <summary>The caller key from the claims themselves, without the memo (an anonymous caller has no remembered key).</summary>
    internal static string ComputeCallerKey(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return "anonymous";
        }
        var claims = user.Claims.Select(c => c.Type + "=" + c.Value).Order(StringComparer.Ordinal);
        var text = (user.Identity.AuthenticationType ?? "") + "\n" + string.Join('\n', claims);
        return Hash(text);
    }

    /// <summary>SHA-256 in URL-safe base64 (no '.', which separates the parts of a read model's ETag).</summary>
    internal static string Hash(string text) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text))).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}

/// <summary>
/// Caller keys remembered per principal, so that a cached read costs no hash of every claim. An authentication handler
/// that builds its principal from a cached record (an API key) computes the key once per record
/// (<see cref="ForRecord"/>) and builds each principal from that record with <see cref="Identity"/>, which carries the
/// key. The key is used only while the principal still has that one identity, holding as many claims as when it was
/// built: a principal replaced after authentication, or given another identity or claim, is hashed afresh. Two callers
/// with different claims therefore never share a key. (Carried by the identity itself, not a table per principal: a
/// weak table entry per request cost more than the hash it saved.)
/// </summary>
internal static class CallerKeys
{
    /// <summary>An identity that knows the caller key of the claims it was built with.</summary>
    internal sealed class KeyedIdentity(IEnumerable<Claim> claims, string authenticationType, string key, int count)
        : ClaimsIdentity(claims, authenticationType)
    {
        public string Key { get; } = key;

        public int Count { get; } = count;
    }

    private sealed record RecordKey(string AuthenticationType, string Key);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, RecordKey> Records = [];

    /// <summary>
    /// The caller key of the claims built from <paramref name="record"/> alone (the same record instance always yields
    /// the same claims): computed on the first call for the record, reused after.
    /// </summary>
    public static string ForRecord(object record, IReadOnlyCollection<Claim> claims, string authenticationType)
    {
        if (Records.TryGetValue(record, out var known) && known.AuthenticationType == authenticationType)
        {
            return known.Key;
        }
        var key = ReadModelCachePolicy.ComputeCallerKey(new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType)));
        Records.AddOrUpdate(record, new RecordKey(authenticationType, key));
        return key;
    }

    /// <summary>An identity of exactly these claims that carries <paramref name="key"/>, computed from them.</summary>
    public static ClaimsIdentity Identity(IReadOnlyCollection<Claim> claims, string authenticationType, string key) =>
        new KeyedIdentity(claims, authenticationType, key, claims.Count);

    /// <summary>The key carried by this principal's identity, or null when there is none or the principal has changed since.</summary>
    public static string? Remembered(ClaimsPrincipal principal)
    {
        if (principal.Identity is not KeyedIdentity identity)
        {
            return null;
        }
        var identities = principal.Identities;
        var single = identities is ICollection<ClaimsIdentity> collection ? collection.Count == 1 : identities.Count() == 1;
        return single && identity.Claims.Count() == identity.Count ? identity.Key : null;
    }
}

/// <summary>
/// The ETag of a read model carries the data version, the day and the variant: <c>"3.812.20427.Xb4_k2PqA1c9"</c> for a
/// resource at version 3 (If-Match on updates reads the leading version, see ETags.RequiredVersion),
/// <c>"812.20427.Xb4_k2PqA1c9"</c> where the response has no version of its own. An If-None-Match naming the current data version and day is answered 304 without running the
/// handler: nothing the response depends on has changed since the client got it.
/// </summary>
internal sealed class ReadModelETagFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.RequestServices.GetRequiredService<IOptions<ReadModelOptions>>().Value.Enabled)
        {
            return await next(context).ConfigureAwait(false);
        }
        var state = await ReadModelState.GetAsync(http).ConfigureAwait(false);
        foreach (var candidate in http.Request.Headers.IfNoneMatch.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
            if (tag == "\"" + state.TagSuffix || (tag.StartsWith('"') && tag.EndsWith("." + state.TagSuffix, StringComparison.Ordinal)))
            {
                http.Response.Headers.ETag = tag;
                return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            }
        }
        var result = await next(context).ConfigureAwait(false);
        if (result is IStatusCodeHttpResult { StatusCode: not (null or StatusCodes.Status200OK) })
        {
            return result;
        }
        var own = http.Response.Headers.ETag.ToString();
        http.Response.Headers.ETag = own.Length > 2 && own[0] == '"' && own[^1] == '"' && !own.Contains('.', StringComparison.Ordinal)
            ? own[..^1] + "." + state.TagSuffix
            : "\"" + state.TagSuffix;
        return result;
    }
}

internal static class ReadModels
{
    /// <summary>Serves this GET from the read-model cache (one line per endpoint).</summary>
    public static RouteHandlerBuilder CacheReadModel(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ReadModelETagFilter>().CacheOutput(ReadModelCachePolicy.Instance)
            .Produces(StatusCodes.Status304NotModified);

    public static IServiceCollection AddKlimaReadModels(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReadModelOptions>(configuration.GetSection("ReadModels"));
        services.AddOutputCache();
        services.AddSingleton<DataVersionReader>();
        return services;
    }
}

/// <summary>Registers the read-model cache with the other feature services (discovered, so Program.cs only adds the middleware).</summary>
internal sealed class ReadModelsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddKlimaReadModels(configuration);
}
