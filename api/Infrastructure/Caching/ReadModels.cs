using System.Data.Common;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Klima.Api.Infrastructure.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
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
/// with the version query prepared once as a statement of SQLite's own (stepped, read and reset straight through
/// SQLitePCL: Microsoft.Data.Sqlite's command would add a data reader, a stopwatch and its disposal to every read, which
/// cost about a third of the read), so a cached answer costs one step of a prepared statement instead of a pooled open,
/// a prepare and a close (Microsoft.Data.Sqlite keeps no statements across pooled opens). Each step runs in its own
/// autocommit read, ended by the reset, so it sees every write committed before it, by this process or another one on
/// the same file, exactly as a freshly opened connection would. A step that does not give a row (SQLite busy, an error)
/// closes that connection and reads through a pooled connection as before. Beyond <see cref="MaxOpen"/> concurrent
/// reads, and on SQL Server, it opens a pooled connection as before.
/// <para>
/// In WAL mode it first looks at the WAL index's header (<see cref="WalIndexHeader"/>), which every commit rewrites, by
/// this process or any other on the file: while the header is the very one read just before the last step, no write has
/// committed since that step began, so the version it read is still the newest and is answered without a step (and
/// without the two file-lock calls of a read transaction). Any change of the header, a torn read of it included, takes
/// the step as before.
/// </para>
/// </summary>
internal sealed class DataVersionReader(IDbConnectionFactory db) : IAsyncDisposable
{
    /// <summary>At most this many connections are kept open for the version read.</summary>
    public const int MaxOpen = 4;

    /// <summary>A kept-open connection and its prepared version statement (finalised before the connection is closed).</summary>
    private sealed class OpenRead(DbConnection connection, SQLitePCL.sqlite3_stmt statement)
    {
        public DbConnection Connection { get; } = connection;

        public SQLitePCL.sqlite3_stmt Statement { get; } = statement;
    }

    /// <summary>The version read by a step, and the WAL index header read just before that step began.</summary>
    private sealed class Known(long[] header, long version)
    {
        public long[] Header { get; } = header;

        public long Version { get; } = version;
    }

    // A queue, not a bag: a bag's take from another thread's list locks, and on a hit every request takes and returns one.
    private readonly System.Collections.Concurrent.ConcurrentQueue<OpenRead> _idle = new();
    private int _open;
    private int _disposed;

    // The WAL index header and the connection that keeps SQLite's mapping of it (and the file) in place while it is read.
    private readonly Lock _indexLock = new();
    private bool _indexTried;
    private WalIndexHeader? _index;
    private DbConnection? _anchor;
    private Known? _known;
    private int _readingIndex;

    /// <summary>Whether the WAL index header is being used to skip the step (tests).</summary>
    internal bool UsesWalIndex => Volatile.Read(ref _index) is not null;

    /// <summary>How many steps of the version statement this reader has run (tests).</summary>
    internal long Steps => Interlocked.Read(ref _steps);

    private long _steps;

    public async ValueTask<long> ReadAsync(CancellationToken cancellationToken)
    {
        if (db.Dialect.Provider != DatabaseProvider.Sqlite)
        {
            return await DataVersion.ReadAsync(db, cancellationToken).ConfigureAwait(false);
        }
        long[]? header = null;
        var index = Volatile.Read(ref _index);
        if (index is not null)
        {
            Interlocked.Increment(ref _readingIndex);
            try
            {
                if (Volatile.Read(ref _disposed) == 0)
                {
                    if (Volatile.Read(ref _known) is { } known && index.Matches(known.Header))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        return known.Version;
                    }
                    header = index.Read();
                }
            }
            finally
            {
                Interlocked.Decrement(ref _readingIndex);
            }
        }
        if (!_idle.TryDequeue(out var read))
        {
            if (Interlocked.Increment(ref _open) > MaxOpen)
            {
                Interlocked.Decrement(ref _open);
                return await DataVersion.ReadAsync(db, cancellationToken).ConfigureAwait(false);
            }
            read = await OpenAsync(cancellationToken).ConfigureAwait(false);
            if (read is null)
            {
                Interlocked.Decrement(ref _open);
                return await DataVersion.ReadAsync(db, cancellationToken).ConfigureAwait(false);
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        long? version = null;
        try
        {
            Interlocked.Increment(ref _steps);
            if (SQLitePCL.raw.sqlite3_step(read.Statement) == SQLitePCL.raw.SQLITE_ROW)
            {
                version = SQLitePCL.raw.sqlite3_column_int64(read.Statement, 0);
            }
        }
        finally
        {
            // Ends the statement's read transaction, so the next step reads the newest committed version.
            SQLitePCL.raw.sqlite3_reset(read.Statement);
        }
        if (version is null || Volatile.Read(ref _disposed) != 0)
        {
            await CloseAsync(read).ConfigureAwait(false);
        }
        else
        {
            _idle.Enqueue(read);
            if (header is not null)
            {
                // The step began after the header was read, so it saw at least every commit that header names.
                Volatile.Write(ref _known, new Known(header, version.Value));
            }
        }
        return version ?? await DataVersion.ReadAsync(db, cancellationToken).ConfigureAwait(false);
    }

    private async Task<OpenRead?> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IWrappedConnection.Unwrap(connection) is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle }
                && SQLitePCL.raw.sqlite3_prepare_v2(handle, DataVersion.Sql, out var statement) == SQLitePCL.raw.SQLITE_OK)
            {
                await FindWalIndexAsync(cancellationToken).ConfigureAwait(false);
                return new OpenRead(connection, statement);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Once: opens the anchor connection, reads through it (which maps the WAL index), and finds SQLite's mapping of the
    /// index's header. The anchor stays open until this reader is disposed: while it is, SQLite keeps the mapping, and no
    /// other process can delete the index file (closing the last connection to a file needs every other one closed).
    /// </summary>
    private async Task FindWalIndexAsync(CancellationToken cancellationToken)
    {
        lock (_indexLock)
        {
            if (_indexTried)
            {
                return;
            }
            _indexTried = true;
        }
        var anchor = await db.OpenAsync(cancellationToken).ConfigureAwait(false);
        WalIndexHeader? index = null;
        try
        {
            // The file's own connection (not a decorator's): these statements are SQLite's alone.
            await using (var command = IWrappedConnection.Unwrap(anchor).CreateCommand())
            {
                command.CommandText = "PRAGMA journal_mode";
                var mode = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
                command.CommandText = DataVersion.Sql;
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                if (string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase)
                    && IWrappedConnection.Unwrap(anchor) is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle })
                {
                    index = WalIndexHeader.Find(SQLitePCL.raw.sqlite3_db_filename(handle, "main").utf8_to_string());
                }
            }
        }
        catch
        {
            await anchor.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        if (index is null || Volatile.Read(ref _disposed) != 0)
        {
            await anchor.DisposeAsync().ConfigureAwait(false);
            return;
        }
        _anchor = anchor;
        Volatile.Write(ref _index, index);
    }

    private async Task CloseAsync(OpenRead read)
    {
        Interlocked.Decrement(ref _open);
        read.Statement.Dispose();
        await read.Connection.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _disposed, 1);
        while (_idle.TryDequeue(out var read))
        {
            await CloseAsync(read).ConfigureAwait(false);
        }
        // No read looks at the header after this (each checks _disposed after announcing itself), so the anchor can go.
        var spin = new SpinWait();
        while (Volatile.Read(ref _readingIndex) != 0)
        {
            spin.SpinOnce();
        }
        Volatile.Write(ref _index, null);
        if (Interlocked.Exchange(ref _anchor, null) is { } anchor)
        {
            await anchor.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>
/// The header of a SQLite database's WAL index (the <c>-shm</c> file, which every connection to the file maps): two copies
/// of 48 bytes at its start, holding among others a counter every commit moves, the log's last frame and its salts. Every
/// commit rewrites both copies before it returns, so an unchanged header means nothing has committed since it was read.
/// Read here through SQLite's own mapping of the index in this process (found in <c>/proc/self/maps</c>, Linux only),
/// never through a file descriptor of our own: closing another descriptor of the file would drop every POSIX lock this
/// process holds on it, SQLite's included.
/// </summary>
internal sealed class WalIndexHeader(IntPtr address)
{
    /// <summary>The two copies of the header, as 64-bit words.</summary>
    public const int Words = 12;

    /// <summary>SQLite's mapping of the start of <paramref name="databasePath"/>'s WAL index in this process, or null.</summary>
    public static WalIndexHeader? Find(string? databasePath)
    {
        if (!OperatingSystem.IsLinux() || string.IsNullOrEmpty(databasePath))
        {
            return null;
        }
        var index = databasePath + "-shm";
        try
        {
            foreach (var line in File.ReadLines("/proc/self/maps"))
            {
                // start-end perms offset device inode path
                if (!line.EndsWith(index, StringComparison.Ordinal))
                {
                    continue;
                }
                var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length == 6 && fields[5] == index && fields[1].StartsWith('r')
                    && long.Parse(fields[2], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    var range = fields[0].Split('-');
                    var start = long.Parse(range[0], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
                    var end = long.Parse(range[1], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
                    return end - start >= Words * sizeof(long) ? new WalIndexHeader(new IntPtr(start)) : null;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return null;
    }

    /// <summary>The header as it is now.</summary>
    public long[] Read()
    {
        var header = new long[Words];
        Interlocked.MemoryBarrier();
        for (var i = 0; i < Words; i++)
        {
            header[i] = System.Runtime.InteropServices.Marshal.ReadInt64(address, i * sizeof(long));
        }
        return header;
    }

    /// <summary>Whether the header is still <paramref name="earlier"/>, word for word (a torn read only ever differs).</summary>
    public bool Matches(long[] earlier)
    {
        Interlocked.MemoryBarrier();
        for (var i = 0; i < Words; i++)
        {
            if (System.Runtime.InteropServices.Marshal.ReadInt64(address, i * sizeof(long)) != earlier[i])
            {
                return false;
            }
        }
        return true;
    }
}

/// <summary><c>ReadModels:Enabled</c> (default true): false answers every read model from its handler (for comparisons).</summary>
internal sealed class ReadModelOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How long an entry may stay unused in memory; a newer data version makes it unreachable at once.</summary>
    public TimeSpan Expiration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// <c>ReadModels:SizeLimitBytes</c> (default 100 MB, as the output cache had): the most the process's memory cache holds.
    /// Every write makes the entries of the old data version unreachable but not gone, and every new query string is a
    /// new key, so without a limit a busy or hostile caller could fill memory until the entries expire. Over the limit a
    /// new entry is not kept (its request is still answered) and the cache compacts.
    /// </summary>
    public long SizeLimitBytes { get; set; } = 100L * 1024 * 1024;
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

    /// <summary>A state of these values (tests of the key).</summary>
    internal static ReadModelState For(long version, int day, string caller, HttpRequest request) => new(version, day, caller, request);

    public long Version { get; }

    public int Day { get; }

    public string Caller { get; }

    /// <summary>
    /// Ends every ETag of a read model: the client's copy is current while the data version and the day still hold. The
    /// variant (a hash of the caller's key, the path and query, Accept and Accept-Language) is part of it, so a tag learnt
    /// by one caller, or for another representation (CSV rather than JSON), never opens a 304. Computed on first use: a
    /// hit served from the cache never needs it (only an If-None-Match and the ETag filter of a miss do).
    /// </summary>
    public string TagSuffix => _tagSuffix ??= $"{Version}.{Day}.{Variant(Caller, _request)}\"";

    internal static string Variant(string caller, HttpRequest request) =>
        ReadModelCachePolicy.Hash(string.Join('\n', caller, request.Path.Value, request.QueryString.Value, request.Headers.Accept.ToString(), request.Headers.AcceptLanguage.ToString()))[..12];

    /// <summary>The state of this request: read once (by the cache middleware) and kept for the endpoint's ETag filter.</summary>
    public static async ValueTask<ReadModelState> GetAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(Key, out var existing) && existing is ReadModelState state)
        {
            return state;
        }
        state = await ReadAsync(http).ConfigureAwait(false);
        state.Remember(http);
        return state;
    }

    /// <summary>Reads the data version and the day for this request, without keeping the state in the request's items.</summary>
    public static async ValueTask<ReadModelState> ReadAsync(HttpContext http)
    {
        var version = await http.RequestServices.GetRequiredService<DataVersionReader>().ReadAsync(http.RequestAborted).ConfigureAwait(false);
        var today = http.RequestServices.GetRequiredService<TimeProvider>().Today();
        return new ReadModelState(version, today.DayNumber, ReadModelCachePolicy.CallerKey(http.User), http.Request);
    }

    /// <summary>Keeps this state for the rest of the request (the ETag filter of a handler that runs reads it).</summary>
    public void Remember(HttpContext http) => http.Items[Key] = this;

    /// <summary>
    /// The entity tag of <paramref name="ifNoneMatch"/> that names this state (the current data version, day and variant),
    /// or null: such a tag is answered 304 without running the handler, since nothing the response depends on has changed.
    /// </summary>
    public string? Matching(string ifNoneMatch)
    {
        foreach (var candidate in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate;
            if (tag == "\"" + TagSuffix || (tag.StartsWith('"') && tag.EndsWith("." + TagSuffix, StringComparison.Ordinal)))
            {
                return tag;
            }
        }
        return null;
    }
}

/// <summary>
/// How a read model's cache entry is keyed: the path and query, the data version, the day, the caller and the
/// representation asked for (Accept, Accept-Language). The entries live in the framework's <see cref="HybridCache"/>
/// (<see cref="ReadModelCacheMiddleware"/>).
/// </summary>
internal static class ReadModelCachePolicy
{
    /// <summary>
    /// The data version, the day, the caller key and the Accept and Accept-Language headers in one string. Each header is
    /// preceded by its length, so no two different pairs of headers give the same text; the caller key is URL-safe base64
    /// (or "anonymous") and the numbers hold no separator.
    /// </summary>
    internal static string VaryValue(long version, int day, string caller, string accept, string language) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{version}.{day}.{caller}.{accept.Length}:{accept}{language.Length}:{language}");

    /// <summary>
    /// The cache key of a request: its host, path and query (as sent: the path is case-sensitive here, which can only split an
    /// entry in two, never join two), then, after a space (which neither holds: it ends the target in the request line),
    /// <see cref="VaryValue"/>. (The cache refuses keys with control characters, a line break among them; such a key is
    /// answered by the handler every time.)
    /// </summary>
    internal static string Key(HttpRequest request, ReadModelState state) =>
        string.Concat(request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value, " ",
            VaryValue(state.Version, state.Day, state.Caller, request.Headers.Accept.ToString(), request.Headers.AcceptLanguage.ToString()));

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
    internal class KeyedIdentity(IEnumerable<Claim> claims, string authenticationType, string key, int count)
        : ClaimsIdentity(claims, authenticationType)
    {
        public string Key { get; } = key;

        public int Count { get; } = count;
    }

    /// <summary>
    /// An identity shared by every request of one credential (an API key's cached record): no claim can be added or removed,
    /// so its key needs no recount of its claims, and no request can change what another one sees.
    /// </summary>
    internal sealed class SharedIdentity(IReadOnlyCollection<Claim> claims, string authenticationType, string key)
        : KeyedIdentity(claims, authenticationType, key, claims.Count)
    {
        public override void AddClaim(Claim claim) => throw new NotSupportedException();

        public override void AddClaims(IEnumerable<Claim?> claims) => throw new NotSupportedException();

        public override void RemoveClaim(Claim? claim) => throw new NotSupportedException();

        public override bool TryRemoveClaim(Claim? claim) => false;
    }

    /// <summary>
    /// A frozen identity of these claims carrying their caller key (computed here, once): for an authentication handler
    /// that builds the identity once per cached record and gives each request a principal around it.
    /// </summary>
    public static ClaimsIdentity FrozenIdentity(IReadOnlyCollection<Claim> claims, string authenticationType) =>
        new SharedIdentity(claims, authenticationType,
            ReadModelCachePolicy.ComputeCallerKey(new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType))));

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
        return single && (identity is SharedIdentity || identity.Claims.Count() == identity.Count) ? identity.Key : null;
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
        if (state.Matching(http.Request.Headers.IfNoneMatch.ToString()) is { } tag)
        {
            http.Response.Headers.ETag = tag;
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
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

/// <summary>Marks an endpoint whose GET answers are kept by the read-model cache (<see cref="ReadModels.CacheReadModel"/>).</summary>
internal sealed class ReadModelCacheMetadata
{
    public static readonly ReadModelCacheMetadata Instance = new();

    private ReadModelCacheMetadata()
    {
    }
}

/// <summary>
/// A read model's answer as kept in the cache: the serialised body, its content type and the headers its handler set
/// (the ETag above all). Never changed once made, so the memory cache hands out this very instance on a hit, without a
/// copy. <see cref="NotCacheable"/> marks a miss whose answer is not kept (not a 200, or it set a cookie); it is removed
/// as soon as the request that ran the handler sees it, and a request that meets it meanwhile runs its own handler.
/// </summary>
[System.ComponentModel.ImmutableObject(true)]
internal sealed class ReadModelEntry
{
    public static readonly ReadModelEntry NotCacheable = new([], null, []);

    public ReadModelEntry(byte[] body, string? contentType, KeyValuePair<string, StringValues>[] headers)
    {
        Body = body;
        ContentType = contentType;
        Headers = headers;
    }

    public bool Cacheable => !ReferenceEquals(this, NotCacheable);

    public byte[] Body { get; }

    public string? ContentType { get; }

    public KeyValuePair<string, StringValues>[] Headers { get; }
}

/// <summary>
/// Serves the read models (endpoints marked by <see cref="ReadModels.CacheReadModel"/>) from the framework's
/// <see cref="HybridCache"/>, in memory: one data-version read per request, then an If-None-Match naming the current
/// version answers 304, an entry for the request's key (<see cref="ReadModelCachePolicy.Key"/>) is sent with its
/// Content-Length in one write, and a miss runs the handler with its body buffered, keeps a 200 without cookies and sends
/// it. Concurrent misses of one key run the handler once (the cache's stampede protection); a request that joined a miss
/// that failed runs its own handler. Sits after authorisation, so a cached answer is only served to a caller allowed to
/// read it, and the key holds every claim of the caller, so one caller's view is never served to another whose view may
/// differ. A write anywhere moves the data version, so the next request has another key and misses.
/// </summary>
internal sealed class ReadModelCacheMiddleware
{
    private static readonly HashSet<string> NotKept = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.ContentLength, HeaderNames.ContentType, HeaderNames.TransferEncoding, HeaderNames.Date, HeaderNames.Server, HeaderNames.SetCookie,
    };

    private readonly RequestDelegate _next;
    private readonly HybridCache _cache;
    private readonly bool _enabled;
    private readonly HybridCacheEntryOptions _entryOptions;

    public ReadModelCacheMiddleware(RequestDelegate next, HybridCache cache, IOptions<ReadModelOptions> options)
    {
        _next = next;
        _cache = cache;
        _enabled = options.Value.Enabled;
        _entryOptions = new HybridCacheEntryOptions
        {
            Expiration = options.Value.Expiration,
            LocalCacheExpiration = options.Value.Expiration,
            // In this process only: the answers are kept as objects (the cache serialises each once, with
            // ReadModelEntrySerializer, only to learn its size for the memory cache's limit), never compressed or sent elsewhere.
            Flags = HybridCacheEntryFlags.DisableDistributedCache | HybridCacheEntryFlags.DisableCompression,
        };
    }

    public Task InvokeAsync(HttpContext http)
    {
        if (!_enabled || !HttpMethods.IsGet(http.Request.Method) || http.GetEndpoint()?.Metadata.GetMetadata<ReadModelCacheMetadata>() is null)
        {
            return _next(http);
        }
        return ServeAsync(http);
    }

    private async Task ServeAsync(HttpContext http)
    {
        var state = await ReadModelState.ReadAsync(http).ConfigureAwait(false);
        var ifNoneMatch = http.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0 && state.Matching(ifNoneMatch.ToString()) is { } tag)
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            http.Response.Headers.ETag = tag;
            return;
        }
        var miss = new Miss(this, http, state);
        var key = ReadModelCachePolicy.Key(http.Request, state);
        ReadModelEntry entry;
        try
        {
            entry = await _cache.GetOrCreateAsync(key, miss, static (miss, _) => miss.RunAsync(),
                _entryOptions, cancellationToken: http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception) when (!miss.Ran && !http.RequestAborted.IsCancellationRequested)
        {
            // Joined another request's miss, whose handler failed: this request runs its own.
            state.Remember(http);
            await _next(http).ConfigureAwait(false);
            return;
        }
        if (miss.Ran && !entry.Cacheable)
        {
            // This request ran its handler and the answer is not to be kept (another status, perhaps the handler's own 304 to a
            // conditional request, or a cookie): the cache cannot be told not to store, so the marker is removed at once and
            // the next request of the key runs its handler and keeps a 200. The answer is sent as it was made.
            await _cache.RemoveAsync(key, CancellationToken.None).ConfigureAwait(false);
            await miss.SendBufferedAsync().ConfigureAwait(false);
            return;
        }
        if (!entry.Cacheable)
        {
            state.Remember(http);
            await _next(http).ConfigureAwait(false);
            return;
        }
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var header in entry.Headers)
        {
            response.Headers[header.Key] = header.Value;
        }
        response.ContentType = entry.ContentType;
        response.ContentLength = entry.Body.Length;
        await SendAsync(response, entry.Body, http.RequestAborted).ConfigureAwait(false);
    }

    // Answers being sent now (from before the body is copied until the flush returns, i.e. the socket took most of it).
    private static int _sending;

    /// <summary>
    /// Up to this many answers in flight, one is sent as one buffer; beyond, in Kestrel's 4 KB blocks. Half of what the
    /// shared array pool keeps of one size (32 arrays per core).
    /// </summary>
    internal static int OneBufferLimit { get; } = 16 * Environment.ProcessorCount;

    /// <summary>
    /// The size to ask Kestrel's output pipe for: the whole rest of the body while at most <see cref="OneBufferLimit"/>
    /// answers are being sent, else 0 (a block of its memory pool). Asked for more than a block, the pipe rents one buffer
    /// from the shared array pool (fewer copies and pipe locks than one per 4 KB: cheaper a hit under a closed loop of 32
    /// connections); but that pool keeps only a few dozen arrays of each size, and a 75-81 KB answer rents from its 128 KB
    /// bucket, so with hundreds of connections waiting on their send (an open-loop client that fell behind) every further
    /// answer allocated a new array on the large-object heap and the gen2 collections that followed made each answer
    /// several times dearer (docs/benchmarks.md, seventh round). Kestrel's blocks are pooled without such a bound.
    /// </summary>
    internal static int SizeHint(int remaining, int sending) => sending <= OneBufferLimit ? remaining : 0;

    /// <summary>Sends the headers, then the body (see <see cref="SizeHint"/> for the buffers it is copied into).</summary>
    internal static async Task SendAsync(HttpResponse response, byte[] body, CancellationToken cancellationToken)
    {
        await response.StartAsync(cancellationToken).ConfigureAwait(false);
        var writer = response.BodyWriter;
        var sending = Interlocked.Increment(ref _sending);
        try
        {
            var sent = 0;
            while (sent < body.Length)
            {
                var memory = writer.GetMemory(SizeHint(body.Length - sent, sending));
                var length = Math.Min(memory.Length, body.Length - sent);
                body.AsSpan(sent, length).CopyTo(memory.Span);
                writer.Advance(length);
                sent += length;
            }
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _sending);
        }
    }

    /// <summary>A miss run by this request: its handler's answer, buffered.</summary>
    private sealed class Miss(ReadModelCacheMiddleware owner, HttpContext http, ReadModelState state)
    {
        private ReadOnlyMemory<byte> _body;

        // The request's own execution context (its culture, the caller's limits and the audit actor live in async locals):
        // the cache runs a miss on a thread-pool item of its own that does not carry it.
        private readonly ExecutionContext? _context = ExecutionContext.Capture();
        private Task<ReadModelEntry>? _running;

        public bool Ran { get; private set; }

        public ValueTask<ReadModelEntry> RunAsync()
        {
            if (_context is null)
            {
                return new(RunHereAsync());
            }
            ExecutionContext.Run(_context, static state => ((Miss)state!)._running = ((Miss)state!).RunHereAsync(), this);
            return new(_running!);
        }

        private async Task<ReadModelEntry> RunHereAsync()
        {
            Ran = true;
            state.Remember(http);
            var response = http.Response;
            var before = new Dictionary<string, StringValues>(response.Headers, StringComparer.OrdinalIgnoreCase);
            var original = http.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            using (var buffer = new MemoryStream())
            {
                http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(buffer, original));
                try
                {
                    await owner._next(http).ConfigureAwait(false);
                }
                finally
                {
                    http.Features.Set(original);
                }
                // The array outlives the stream (disposing a MemoryStream frees nothing).
                _body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            }
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0 || response.HasStarted)
            {
                return ReadModelEntry.NotCacheable;
            }
            var headers = new List<KeyValuePair<string, StringValues>>();
            foreach (var header in response.Headers)
            {
                if (!NotKept.Contains(header.Key) && !(before.TryGetValue(header.Key, out var earlier) && earlier == header.Value))
                {
                    headers.Add(header);
                }
            }
            return new ReadModelEntry(_body.ToArray(), response.ContentType, [.. headers]);
        }

        public async Task SendBufferedAsync()
        {
            if (_body.Length > 0)
            {
                if (!http.Response.HasStarted && http.Response.ContentLength is null)
                {
                    http.Response.ContentLength = _body.Length;
                }
                await http.Response.Body.WriteAsync(_body, http.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}

internal static class ReadModels
{
    /// <summary>Serves this GET from the read-model cache (one line per endpoint).</summary>
    public static RouteHandlerBuilder CacheReadModel(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ReadModelETagFilter>().WithMetadata(ReadModelCacheMetadata.Instance)
            .Produces(StatusCodes.Status304NotModified);

    /// <summary>The read-model cache, after authorisation (see <see cref="ReadModelCacheMiddleware"/>).</summary>
    public static IApplicationBuilder UseReadModelCache(this IApplicationBuilder app) => app.UseMiddleware<ReadModelCacheMiddleware>();

    public static IServiceCollection AddKlimaReadModels(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReadModelOptions>(configuration.GetSection("ReadModels"));
        // HybridCache keeps its entries in the process's IMemoryCache and gives each its serialised size, so a size limit
        // there bounds the read models; the cache's other users (API keys, signing keys) give their entries a size too.
        services.AddOptions<MemoryCacheOptions>().Configure<IOptions<ReadModelOptions>>((options, readModels) => options.SizeLimit = readModels.Value.SizeLimitBytes);
        services.AddHybridCache(options =>
        {
            // A governance model's graph or a body with every member can be large.
            options.MaximumPayloadBytes = 64 * 1024 * 1024;
            options.MaximumKeyLength = 4096;
        }).AddSerializer<ReadModelEntry, ReadModelEntrySerializer>();
        services.AddSingleton<DataVersionReader>();
        return services;
    }
}

/// <summary>
/// An entry as bytes: the body as it is, then the content type and headers as length-prefixed UTF-8. The cache serialises
/// an entry once when it is made, to give the memory cache its size (its default, JSON, would write the body in base64
/// through reflection); it is read back only if the entry ever left this process, which the entry options forbid.
/// </summary>
internal sealed class ReadModelEntrySerializer : IHybridCacheSerializer<ReadModelEntry>
{
    public void Serialize(ReadModelEntry value, System.Buffers.IBufferWriter<byte> target)
    {
        using var stream = new MemoryStream(value.Body.Length + 256);
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(value.Body.Length);
            writer.Write(value.Body);
            writer.Write(value.ContentType is not null);
            writer.Write(value.ContentType ?? "");
            writer.Write(value.Headers.Length);
            foreach (var (name, values) in value.Headers)
            {
                writer.Write(name);
                writer.Write(values.Count);
                foreach (var text in values)
                {
                    writer.Write(text ?? "");
                }
            }
        }
        System.Buffers.BuffersExtensions.Write(target, stream.GetBuffer().AsSpan(0, (int)stream.Length));
    }

    public ReadModelEntry Deserialize(System.Buffers.ReadOnlySequence<byte> source)
    {
        using var reader = new BinaryReader(new MemoryStream(System.Buffers.BuffersExtensions.ToArray(source)), Encoding.UTF8);
        var body = reader.ReadBytes(reader.ReadInt32());
        var hasContentType = reader.ReadBoolean();
        var contentType = reader.ReadString();
        var headers = new KeyValuePair<string, StringValues>[reader.ReadInt32()];
        for (var i = 0; i < headers.Length; i++)
        {
            var name = reader.ReadString();
            var values = new string[reader.ReadInt32()];
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = reader.ReadString();
            }
            headers[i] = new(name, new StringValues(values));
        }
        return new ReadModelEntry(body, hasContentType ? contentType : null, headers);
    }
}

/// <summary>Registers the read-model cache with the other feature services (discovered, so Program.cs only adds the middleware).</summary>
internal sealed class ReadModelsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddKlimaReadModels(configuration);
}
