using DotNet.Testcontainers.Builders;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace Klima.Api.Tests.Infrastructure;

public enum DatabaseLane
{
    Sqlite,
    SqlServer,
}

/// <summary>
/// Every integration fixture runs once per database lane. SQLite always runs (a fresh file per fixture).
/// SQL Server runs against the server in KLIMA_TEST_SQLSERVER when it is set; otherwise, where a Docker engine is
/// reachable, against one SQL Server 2022 container started through Testcontainers for the whole test run; otherwise
/// its fixtures are reported as skipped with the reason. Either way each fixture gets a fresh database, dropped after.
/// </summary>
public static class TestDatabases
{
    public const string SqlServerVariable = "KLIMA_TEST_SQLSERVER";
    public const string SqlServerImage = "mcr.microsoft.com/mssql/server:2022-latest";

    public static IEnumerable<DatabaseLane> Lanes => [DatabaseLane.Sqlite, DatabaseLane.SqlServer];

    public static string? SqlServerConnectionString => Environment.GetEnvironmentVariable(SqlServerVariable) is { Length: > 0 } value ? value : null;

    private static readonly Lazy<SqlServerSource> Server = new(ResolveServer, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string?> Unavailable = new(WhySkipped, LazyThreadSafetyMode.ExecutionAndPublication);

    public static TestDatabase Create(DatabaseLane lane)
    {
        if (lane == DatabaseLane.SqlServer)
        {
            if (Unavailable.Value is { } reason)
            {
                Assert.Ignore($"SQL Server lane skipped: {reason}");
            }
            return SqlServerTestDatabase.Create(Server.Value.ConnectionString);
        }
        return new SqliteTestDatabase();
    }

    /// <summary>Why the SQL Server lane cannot run here, or null when it can. Starts nothing.</summary>
    public static string? SqlServerLaneSkipReason => Unavailable.Value;

    /// <summary>Where the SQL Server lane runs, without starting anything.</summary>
    public static string SqlServerLaneDescription => SqlServerConnectionString is not null
        ? $"the server in {SqlServerVariable}"
        : $"SQL Server 2022 in one Testcontainers container for the run ({SqlServerImage})";

    private static string? WhySkipped()
    {
        if (SqlServerConnectionString is not null)
        {
            return null;
        }
        try
        {
            // Building the container definition asks Testcontainers for a Docker endpoint; it starts nothing.
            _ = new MsSqlBuilder(SqlServerImage).Build();
            return null;
        }
        catch (DockerUnavailableException ex)
        {
            return $"{SqlServerVariable} is not set and no Docker engine is reachable for Testcontainers ({ex.Message.Split('\n')[0].Trim()})";
        }
    }

    /// <summary>Resolved once: an existing server, or one container for the whole test run (a database per fixture).</summary>
    private static SqlServerSource ResolveServer()
    {
        if (SqlServerConnectionString is { } configured)
        {
            return new SqlServerSource(configured, null);
        }
        var container = new MsSqlBuilder(SqlServerImage).Build();
        // Docker is there: a container that cannot start fails the lane's fixtures; it is not a skip.
        container.StartAsync().GetAwaiter().GetResult();
        return new SqlServerSource(container.GetConnectionString(), container);
    }

    /// <summary>Stops the run's container, if one was started (called once after the whole run).</summary>
    public static async Task StopAsync()
    {
        if (Server.IsValueCreated && Server.Value.Container is { } container)
        {
            await container.DisposeAsync();
        }
    }
}

/// <summary>The SQL Server lane's server: its connection string, and the container when the run started one.</summary>
public sealed record SqlServerSource(string ConnectionString, MsSqlContainer? Container);

public abstract class TestDatabase : IDisposable
{
    public abstract string Provider { get; }
    public abstract string ConnectionString { get; }
    public abstract void Dispose();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder = Directory.CreateTempSubdirectory("klima-test-").FullName;

    public override string Provider => "Sqlite";
    public override string ConnectionString => $"Data Source={Path.Combine(_folder, "klima.db")}";

    public override void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown is left for the OS temp cleaner.
        }
    }
}

public sealed class SqlServerTestDatabase : TestDatabase
{
    private readonly string _server;
    private readonly string _name;

    private SqlServerTestDatabase(string server, string name)
    {
        _server = server;
        _name = name;
    }

    public static SqlServerTestDatabase Create(string server)
    {
        var name = $"klima_test_{Guid.NewGuid():N}";
        using var connection = new SqlConnection(server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE [{name}]";
        command.ExecuteNonQuery();
        return new SqlServerTestDatabase(server, name);
    }

    public override string Provider => "SqlServer";
    public override string ConnectionString => new SqlConnectionStringBuilder(_server) { InitialCatalog = _name }.ConnectionString;

    public override void Dispose()
    {
        SqlConnection.ClearAllPools();
        using var connection = new SqlConnection(_server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"ALTER DATABASE [{_name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_name}]";
        command.ExecuteNonQuery();
    }
}
