using System.Security.Cryptography;
using Dapper;
using Klima.Api.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;

namespace Klima.Api.Features.Accounts;

/// <summary>
/// On first start (no accounts yet) creates the administrator "admin". Its password comes from
/// Auth:BootstrapAdminPassword when set (deployments); otherwise a random one is generated and written to a file
/// readable only by the server's user (Auth:BootstrapPasswordFile, default data/initial-admin-password.txt).
/// The password is never logged and never in the code.
/// </summary>
internal static class FirstAdministrator
{
    public static async Task EnsureFirstAdministratorAsync(this IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IDbConnectionFactory>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Klima.FirstAdministrator");
        await using var connection = await db.OpenAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM user_account", cancellationToken: cancellationToken)) > 0)
        {
            await ForgetUsedBootstrapPasswordAsync(services, configuration, connection, logger, cancellationToken);
            return;
        }
        var configured = configuration["Auth:BootstrapAdminPassword"];
        var password = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 20) : configured;
        var hasher = services.GetRequiredService<IPasswordHasher<Login.Account>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var hash = hasher.HashPassword(null!, password);
        AuditActor.Current = "system:first-start";
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO user_account (id, username, display_name, password_hash, role, version, created_at, modified_at)
            VALUES (@Id, @Username, 'Administrator', @Hash, 'administrator', 1, @Now, @Now)
            """, new { Id = id, Username, Hash = hash, Now = now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        AuditActor.Current = null;

        if (string.IsNullOrEmpty(configured))
        {
            var file = Path.GetFullPath(configuration["Auth:BootstrapPasswordFile"] ?? Path.Combine("data", "initial-admin-password.txt"));
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, password + Environment.NewLine, cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            logger.LogWarning("Created the first administrator 'admin'. Its one-time password is in {File}: sign in and change it (POST /api/auth/password); the file is then deleted.", file);
        }
        else
        {
            logger.LogInformation("Created the first administrator 'admin' with the password from Auth:BootstrapAdminPassword.");
        }
    }

    /// <summary>The first administrator's username.</summary>
    public const string Username = "admin";

    private static string BootstrapPasswordFile(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Auth:BootstrapPasswordFile"] ?? Path.Combine("data", "initial-admin-password.txt"));

    /// <summary>Once the first administrator has changed the one-time password, its file goes (and the log says so).</summary>
    public static void ForgetBootstrapPassword(IConfiguration configuration, string username, ILogger logger)
    {
        if (!string.Equals(username, Username, StringComparison.Ordinal))
        {
            return;
        }
        var file = BootstrapPasswordFile(configuration);
        if (File.Exists(file))
        {
            File.Delete(file);
            logger.LogWarning("The first administrator changed the one-time password: deleted {File}.", file);
        }
    }

    /// <summary>
    /// At start-up: a one-time password file whose password no longer signs the administrator in (changed by an earlier
    /// version, or through another instance) is deleted too.
    /// </summary>
    private static async Task ForgetUsedBootstrapPasswordAsync(IServiceProvider services, IConfiguration configuration, System.Data.Common.DbConnection connection,
        ILogger logger, CancellationToken cancellationToken)
    {
        var file = BootstrapPasswordFile(configuration);
        if (!File.Exists(file))
        {
            return;
        }
        var hash = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT password_hash FROM user_account WHERE username = @Username AND deleted_at IS NULL", new { Username }, cancellationToken: cancellationToken));
        var password = (await File.ReadAllTextAsync(file, cancellationToken)).Trim();
        var hasher = services.GetRequiredService<IPasswordHasher<Login.Account>>();
        if (hash is null || hasher.VerifyHashedPassword(null!, hash, password) == PasswordVerificationResult.Failed)
        {
            File.Delete(file);
            logger.LogWarning("The one-time administrator password in {File} is no longer valid (it was changed): deleted the file.", file);
        }
    }
}
