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
            VALUES (@Id, 'admin', 'Administrator', @Hash, 'administrator', 1, @Now, @Now)
            """, new { Id = id, Hash = hash, Now = now }, transaction, cancellationToken: cancellationToken));
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
            logger.LogWarning("Created the first administrator 'admin'. Its one-time password is in {File}: sign in, then change it or create personal accounts.", file);
        }
        else
        {
            logger.LogInformation("Created the first administrator 'admin' with the password from Auth:BootstrapAdminPassword.");
        }
    }
}
