using Dapper;
using Klima.Api.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Klima.Api.Features.CaseFeed;

/// <summary>
/// Webhook signing secrets at rest: encrypted with ASP.NET Core Data Protection (key ring: DataProtectionSetup) and
/// stored as <c>dp1:&lt;ciphertext&gt;</c>. A value without the prefix is a clear-text secret written by an earlier
/// version: it still signs, and <see cref="WebhookSecretEncryption"/> encrypts it at start-up.
/// </summary>
internal sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private const string Prefix = "dp1:";
    private readonly IDataProtector _protector = provider.CreateProtector("Klima.CaseFeed.WebhookSecret.v1");

    public string Protect(string secret) => Prefix + _protector.Protect(secret);

    public static bool IsProtected(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Reveal(string stored) => IsProtected(stored) ? _protector.Unprotect(stored[Prefix.Length..]) : stored;
}

/// <summary>At start-up, encrypts the clear-text secrets that earlier versions stored (once; later starts find none).</summary>
internal sealed class WebhookSecretEncryption(IDbConnectionFactory db, WebhookSecrets secrets, ILogger<WebhookSecretEncryption> logger) : IHostedService
{
    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Secret { get; init; } = "";
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var clear = (await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT id, secret FROM webhook_subscription WHERE secret NOT LIKE 'dp1:%'", cancellationToken: cancellationToken))).ToList();
        if (clear.Count == 0)
        {
            return;
        }
        AuditActor.Current = "system:secret-encryption";
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        foreach (var row in clear)
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE webhook_subscription SET secret = @Secret WHERE id = @Id AND secret = @Clear",
                new { row.Id, Secret = secrets.Protect(row.Secret), Clear = row.Secret }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        AuditActor.Current = null;
        logger.LogInformation("Encrypted {Count} webhook signing secret(s) stored in clear text by an earlier version.", clear.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
