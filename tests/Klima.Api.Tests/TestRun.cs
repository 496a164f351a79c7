using Klima.Api.Tests.Infrastructure;
using Klima.Api.Tests.Infrastructure.Data;

/// <summary>
/// Runs once around the whole test run (outside any namespace, so it wraps every fixture): says where the SQL Server
/// lane runs or why it is skipped, and afterwards stops the run's SQL Server container and checks, with the T-SQL
/// parser, every SQL text the SQLite integration fixtures sent (see <see cref="SqlCommandLog"/>).
/// </summary>
#pragma warning disable CA1050 // NUnit applies a SetUpFixture to its namespace: outside any, it wraps the whole assembly.
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeSetUp]
    public void Announce()
    {
        var line = TestDatabases.SqlServerLaneSkipReason is { } reason
            ? $"SQL Server lane: SKIPPED ({reason}); its fixtures are reported as skipped"
            : $"SQL Server lane: running on {TestDatabases.SqlServerLaneDescription}";
        TestContext.Progress.WriteLine(line);
        // `./klima test` prints this file after the run (the console logger does not show progress lines).
        if (Environment.GetEnvironmentVariable(SqlCommandLog.ReportVariable) is { Length: > 0 } report)
        {
            File.WriteAllText(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(report))!, "sqlserver-lane.txt"), line + "\n");
        }
    }

    [OneTimeTearDown]
    public async Task Finish()
    {
        await TestDatabases.StopAsync();
        SqlCommandLog.VerifyAndReport();
    }
}
#pragma warning restore CA1050
