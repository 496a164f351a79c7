using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;

namespace Klima.Api.Infrastructure.Auth;

/// <summary>
/// ASP.NET Core Data Protection (session cookies, CSRF tokens, webhook secrets at rest) with its key ring where it is
/// configured instead of the default (on Linux: unencrypted in the user's home folder).
/// <c>DataProtection:KeyRing</c> = <c>Folder</c> (default on SQLite) or <c>Database</c> (default on SQL Server: every
/// instance behind a load balancer reads the one ring in table <c>data_protection_key</c>; protect it with a certificate,
/// since the database then holds both the keys and the secrets they encrypt).
/// <c>DataProtection:KeysFolder</c> (default: <c>keys</c> beside the SQLite database, else <c>data/keys</c>) is created
/// readable by the server's user only. <c>DataProtection:CertificatePath</c> (+ <c>CertificatePassword</c>) encrypts the
/// keys at rest with that certificate; on Windows <c>DataProtection:DpapiNgRule</c> (e.g. "SID=S-1-5-...") uses DPAPI-NG.
/// Every instance behind a load balancer must share the folder (and certificate). See docs/SECURITY.md.
/// </summary>
internal static class DataProtectionSetup
{
    public const string ApplicationName = "Klima";

    public static IServiceCollection AddKlimaDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection().SetApplicationName(ApplicationName);
        // Resolved when the options are built, so that configuration added by hosts and tests is seen (what
        // PersistKeysToFileSystem does, with the folder chosen late).
        services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, ILoggerFactory, IServiceProvider>((o, config, loggers, provider) =>
        {
            if (UsesDatabase(config))
            {
                o.XmlRepository = new Data.DatabaseKeyRing(provider.GetRequiredService<Data.IDbConnectionFactory>(), provider.GetRequiredService<TimeProvider>());
                return;
            }
            var folder = KeysFolder(config);
            CreatePrivateFolder(folder);
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder), loggers);
        });
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } certificatePath)
        {
            builder.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificatePath, configuration["DataProtection:CertificatePassword"]));
        }
        else if (configuration["DataProtection:DpapiNgRule"] is { Length: > 0 } rule && OperatingSystem.IsWindows())
        {
            builder.ProtectKeysWithDpapiNG(rule, Microsoft.AspNetCore.DataProtection.XmlEncryption.DpapiNGProtectionDescriptorFlags.None);
        }
        return services;
    }

    /// <summary><c>DataProtection:KeyRing</c>, else <c>Database</c> on SQL Server and <c>Folder</c> on SQLite.</summary>
    public static bool UsesDatabase(IConfiguration configuration) => configuration["DataProtection:KeyRing"] is { Length: > 0 } ring
        ? ring.Equals("Database", StringComparison.OrdinalIgnoreCase)
          || (ring.Equals("Folder", StringComparison.OrdinalIgnoreCase)
              ? false
              : throw new InvalidOperationException($"Unknown DataProtection:KeyRing '{ring}' (Folder or Database)."))
        : string.Equals(configuration["Database:Provider"], "SqlServer", StringComparison.OrdinalIgnoreCase);

    /// <summary>The configured key folder, else <c>keys</c> in the SQLite database's folder, else <c>data/keys</c>.</summary>
    public static string KeysFolder(IConfiguration configuration)
    {
        if (configuration["DataProtection:KeysFolder"] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }
        var provider = configuration["Database:Provider"];
        if (provider is null || string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var connection = configuration.GetConnectionString("Klima");
            var source = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connection) ? "Data Source=data/klima.db" : connection).DataSource;
            if (source.Length > 0 && source != ":memory:" && !source.StartsWith("file:", StringComparison.Ordinal))
            {
                return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source))!, "keys");
            }
        }
        return Path.GetFullPath(Path.Combine("data", "keys"));
    }

    /// <summary>Creates the folder (0700 on Unix) and tightens an existing one; key files inherit its protection.</summary>
    public static void CreatePrivateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }
        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var key in Directory.EnumerateFiles(folder))
        {
            File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
