using System.Diagnostics;
using System.Runtime.InteropServices;
using Dapper;
using Klima.Api.Infrastructure.Caching;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Infrastructure.Caching;

/// <summary>
/// The data version read of the read-model cache: on SQLite in WAL mode it is answered from the WAL index header while no
/// commit has changed it, and any commit (on another connection, by another process, or one that leaves the version as
/// it was) makes the next read step the statement again.
/// </summary>
public sealed class DataVersionReaderTests(DatabaseLane lane) : ApiTest(lane)
{
    private DataVersionReader Reader => Factory.Services.GetRequiredService<DataVersionReader>();

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await Factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql);
    }

    /// <summary>SQLite-only text on a connection of its own, outside the API's (recorded) factory.</summary>
    private async Task ExecuteOnSqliteAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(Database.ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    private async Task<long> StoredVersionAsync()
    {
        await using var connection = await Factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return await DataVersion.ReadAsync(connection, CancellationToken.None);
    }

    [Test]
    public async Task Every_read_answers_the_stored_version_after_each_write()
    {
        var reader = Reader;
        (await reader.ReadAsync(CancellationToken.None)).ShouldBe(await StoredVersionAsync());
        (await reader.ReadAsync(CancellationToken.None)).ShouldBe(await StoredVersionAsync());
        for (var i = 0; i < 3; i++)
        {
            var before = await reader.ReadAsync(CancellationToken.None);
            await ExecuteAsync(DataVersion.BumpSql);
            (await reader.ReadAsync(CancellationToken.None)).ShouldBe(before + 1);
            (await reader.ReadAsync(CancellationToken.None)).ShouldBe(before + 1);
        }
    }

    [Test]
    public async Task On_SQLite_the_version_is_answered_from_the_WAL_index_header_until_any_commit_changes_it()
    {
        if (Lane != DatabaseLane.Sqlite || !OperatingSystem.IsLinux())
        {
            Assert.Ignore("The WAL index header is read on SQLite on Linux only.");
        }
        var reader = Reader;
        // The first read opens the kept connections and finds the header; the second reads it, then steps.
        await reader.ReadAsync(CancellationToken.None);
        var version = await reader.ReadAsync(CancellationToken.None);
        reader.UsesWalIndex.ShouldBeTrue();
        var steps = reader.Steps;
        (await reader.ReadAsync(CancellationToken.None)).ShouldBe(version);
        (await reader.ReadAsync(CancellationToken.None)).ShouldBe(version);
        reader.Steps.ShouldBe(steps);

        // A write on another connection of this process.
        await ExecuteAsync(DataVersion.BumpSql);
        (await reader.ReadAsync(CancellationToken.None)).ShouldBe(version + 1);
        reader.Steps.ShouldBe(steps + 1);
        (await reader.ReadAsync(CancellationToken.None)).ShouldBe(version + 1);
        reader.Steps.ShouldBe(steps + 1);

        // A commit that leaves the version as it was still changes the header: the next read steps (and reads the same).
        // (An UPDATE that writes the same row is not a change to SQLite: it writes no page, and nothing is committed.)
        await ExecuteOnSqliteAsync("BEGIN; UPDATE data_version SET version = version + 1 WHERE id = 1; UPDATE data_version SET version = version - 1 WHERE id = 1; COMMIT;");
        (await reader.ReadAsync(CancellationToken.None)).ShouldBe(version + 1);
        reader.Steps.ShouldBe(steps + 2);
    }

    [Test]
    public async Task On_SQLite_a_write_by_another_process_is_read_at_once()
    {
        if (Lane != DatabaseLane.Sqlite)
        {
            Assert.Ignore("Another process writes the SQLite file only.");
        }
        var sqlite3 = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "sqlite3")).FirstOrDefault(File.Exists);
        if (sqlite3 is null)
        {
            Assert.Ignore("No sqlite3 shell on the PATH.");
        }
        var reader = Reader;
        await reader.ReadAsync(CancellationToken.None);
        var version = await reader.ReadAsync(CancellationToken.None);
        (await reader.ReadAsync(CancellationToken.None)).ShouldBe(version);

        var file = Database.ConnectionString["Data Source=".Length..];
        using (var shell = Process.Start(new ProcessStartInfo(sqlite3, [file, DataVersion.BumpSql]) { RedirectStandardError = true })!)
        {
            await shell.WaitForExitAsync();
            shell.ExitCode.ShouldBe(0, await shell.StandardError.ReadToEndAsync());
        }

        (await reader.ReadAsync(CancellationToken.None)).ShouldBe(version + 1);
    }
}

/// <summary>The header comparison itself, over memory of the header's size.</summary>
public sealed class WalIndexHeaderTests
{
    [Test]
    public void A_change_of_any_word_of_either_copy_is_seen()
    {
        var size = WalIndexHeader.Words * sizeof(long);
        var memory = Marshal.AllocHGlobal(size);
        try
        {
            for (var i = 0; i < WalIndexHeader.Words; i++)
            {
                Marshal.WriteInt64(memory, i * sizeof(long), 1000 + i);
            }
            var header = new WalIndexHeader(memory);
            var earlier = header.Read();
            earlier.ShouldBe(Enumerable.Range(0, WalIndexHeader.Words).Select(i => 1000L + i).ToArray());
            header.Matches(earlier).ShouldBeTrue();
            for (var i = 0; i < WalIndexHeader.Words; i++)
            {
                Marshal.WriteInt64(memory, i * sizeof(long), 1 << 20);
                header.Matches(earlier).ShouldBeFalse($"word {i}");
                Marshal.WriteInt64(memory, i * sizeof(long), 1000 + i);
                header.Matches(earlier).ShouldBeTrue();
            }
        }
        finally
        {
            Marshal.FreeHGlobal(memory);
        }
    }

    [Test]
    public void No_header_is_found_for_a_file_this_process_has_not_mapped()
    {
        WalIndexHeader.Find(Path.Combine(Path.GetTempPath(), $"klima-no-such-{Guid.NewGuid():N}.db")).ShouldBeNull();
        WalIndexHeader.Find(null).ShouldBeNull();
    }
}
