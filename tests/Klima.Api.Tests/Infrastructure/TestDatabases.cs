using Microsoft.Data.SqlClient;

namespace Klima.Api.Tests.Infrastructure;

public enum DatabaseLane
{
    Sqlite,
    SqlServer,
}

/// <summary>
/// Every integration fixture runs once per database lane. SQLite always runs (a fresh file per fixture);
/// SQL Server runs when KLIMA_TEST_SQLSERVER holds a connection string (a fresh database per fixture, dropped after).
/// </summary>
public static class TestDatabases
{
    public const string SqlServerVariable = "KLIMA_TEST_SQLSERVER";

    public static IEnumerable<DatabaseLane> Lanes => [DatabaseLane.Sqlite, DatabaseLane.SqlServer];

    public static string? SqlServerConnectionString => Environment.GetEnvironmentVariable(SqlServerVariable) is { Length: > 0 } value ? value : null;

    public static TestDatabase Create(DatabaseLane lane)
    {
        if (lane == DatabaseLane.SqlServer)
        {
            var server = SqlServerConnectionString;
            if (server is null)
            {
                Assert.Ignore($"SQL Server lane skipped: {SqlServerVariable} is not set.");
            }
            return SqlServerTestDatabase.Create(server!);
        }
        return new SqliteTestDatabase();
    }
}

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
