using System.Net;
using System.Net.Http.Json;
using Klima.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Klima.Api.Tests.Security;

/// <summary>
/// Deployment details on the embedded default: the SQLite files and the Data Protection keys are readable by the
/// server's user only, and the one-time administrator password file goes once the password has been changed.
/// </summary>
[TestFixture]
[Platform(Exclude = "Win")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeploymentDefaultsTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Test]
    public async Task The_database_its_wal_and_shm_files_and_the_key_folder_are_private_to_the_server_user()
    {
        using var database = new SqliteTestDatabase();
        await using var factory = new KlimaApiFactory(database);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.RoleHeader, "administrator");
        (await client.PostAsJsonAsync("/api/organisations", new { kind = "other", name = "Skriv noget" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var file = database.ConnectionString["Data Source=".Length..];
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Exists(path).ShouldBeTrue(path);
            File.GetUnixFileMode(path).ShouldBe(OwnerOnly, path);
        }

        // Data Protection keys: beside the database, not in the home folder; the folder is 0700.
        var keys = Path.Combine(Path.GetDirectoryName(file)!, "keys");
        Directory.EnumerateFiles(keys, "key-*.xml").ShouldNotBeEmpty();
        File.GetUnixFileMode(keys).ShouldBe(OwnerOnly | UnixFileMode.UserExecute);
    }

    [Test]
    public void A_database_file_left_world_readable_by_an_earlier_version_is_tightened_at_start()
    {
        var folder = Directory.CreateTempSubdirectory("klima-mode-").FullName;
        try
        {
            var file = Path.Combine(folder, "klima.db");
            File.WriteAllBytes(file, []);
            File.SetUnixFileMode(file, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            Klima.Api.Infrastructure.Data.SqliteConnectionFactory.RestrictToOwner(file);
            File.GetUnixFileMode(file).ShouldBe(OwnerOnly);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task The_one_time_password_file_is_deleted_once_the_first_administrator_changes_the_password()
    {
        using var database = new SqliteTestDatabase();
        var passwordFile = Path.Combine(Path.GetTempPath(), $"klima-bootstrap-{Guid.NewGuid():N}.txt");
        await using var factory = new KlimaApiFactory(database, new Dictionary<string, string?>
        {
            ["Auth:BootstrapAdminPassword"] = "",
            ["Auth:BootstrapPasswordFile"] = passwordFile,
        });
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var password = (await File.ReadAllTextAsync(passwordFile)).Trim();
        File.GetUnixFileMode(passwordFile).ShouldBe(OwnerOnly);

        using var login = await browser.PostAsJsonAsync("/api/auth/login", new { username = "admin", password });
        await login.ShouldHaveStatus(HttpStatusCode.OK);
        var csrf = (await login.ReadJsonAsync())["csrfToken"]!.GetValue<string>();
        File.Exists(passwordFile).ShouldBeTrue("signing in alone keeps the file: the password is still the one in it");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/password") { Content = JsonContent.Create(new { currentPassword = password, newPassword = "a-new-admin-password-1" }) };
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        using var changed = await browser.SendAsync(request);
        await changed.ShouldHaveStatus(HttpStatusCode.OK);

        File.Exists(passwordFile).ShouldBeFalse();
        factory.Logs.Lines.ShouldContain(l => l.Contains("deleted", StringComparison.Ordinal) && l.Contains(passwordFile, StringComparison.Ordinal));
        factory.Logs.Lines.ShouldNotContain(l => l.Contains(password, StringComparison.Ordinal));
    }

    [Test]
    public async Task A_one_time_password_file_that_no_longer_signs_in_is_deleted_at_start()
    {
        using var database = new SqliteTestDatabase();
        var passwordFile = Path.Combine(Path.GetTempPath(), $"klima-bootstrap-{Guid.NewGuid():N}.txt");
        var settings = new Dictionary<string, string?> { ["Auth:BootstrapPasswordFile"] = passwordFile };
        await using (var first = new KlimaApiFactory(database, settings))
        {
            first.CreateClient().Dispose();
        }
        // The administrator was made with the configured password; a stale file from elsewhere holds another.
        await File.WriteAllTextAsync(passwordFile, "a-stale-one-time-password\n");
        await using var second = new KlimaApiFactory(database, settings);
        second.CreateClient().Dispose();
        File.Exists(passwordFile).ShouldBeFalse();
        second.Logs.Lines.ShouldContain(l => l.Contains("no longer valid", StringComparison.Ordinal));
    }
}
