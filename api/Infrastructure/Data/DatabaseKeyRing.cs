using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Klima.Api.Infrastructure.Data;

/// <summary>
/// Keeps the data-protection key ring (session cookies, CSRF tokens) in the shared database, so that every API instance
/// behind a load balancer reads what any other wrote, and a restart or a new container does not sign everyone out.
/// The keys are stored as ASP.NET Core writes them; protect them at rest with the database's encryption (Azure SQL: TDE,
/// on by default) and its permissions. Data protection calls this rarely (start-up, then about once a day and at key
/// rotation), and synchronously. Chosen by <c>DataProtection:KeyRing</c> (see <c>DataProtectionSetup</c>).
/// </summary>
internal sealed class DatabaseKeyRing(IDbConnectionFactory db, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = db.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        return connection.Query<string>("SELECT xml FROM data_protection_key ORDER BY created_at, name")
            .Select(x => XElement.Parse(x))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = db.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var transaction = connection.BeginTransaction();
        connection.Execute(
            "INSERT INTO data_protection_key (name, xml, created_at) VALUES (@Name, @Xml, @Now)",
            new { Name = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting), Now = clock.GetUtcNow() }, transaction);
        transaction.Commit();
    }
}
