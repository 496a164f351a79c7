using System.Text.RegularExpressions;
using Dapper;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Features.Localization;

/// <summary>
/// Issue 20: the audit log's screen says every kind of entry by its name, never by its table ("case_step"). Every table
/// with an audit trigger has a name under codes.auditEntityTypes in the web app's Danish and English message files.
/// </summary>
public sealed partial class AuditEntityNamesTests(DatabaseLane lane) : ApiTest(lane)
{
    [GeneratedRegex(@"auditEntityTypes: \{(?<body>[^}]*)\}", RegexOptions.Singleline)]
    private static partial Regex Block();

    [GeneratedRegex(@"^\s*(?<key>[a-z_]+):", RegexOptions.Multiline)]
    private static partial Regex Key();

    private static HashSet<string> Names(string language)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "web", "src", "lib", "i18n", $"{language}.ts"));
        var block = Block().Match(text);
        block.Success.ShouldBeTrue($"codes.auditEntityTypes in {language}.ts");
        return Key().Matches(block.Groups["body"].Value).Select(m => m.Groups["key"].Value).ToHashSet(StringComparer.Ordinal);
    }

    [Test]
    public async Task Every_audited_table_has_a_name_in_Danish_and_in_English_on_the_audit_screen()
    {
        var db = Factory.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        var sqlite = Lane == DatabaseLane.Sqlite;
        var audited = (await connection.QueryAsync<string>(sqlite
            ? "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_' || tbl_name || '_insert'"
            : "SELECT DISTINCT OBJECT_NAME(parent_id) FROM sys.triggers WHERE name = 'audit_' + OBJECT_NAME(parent_id)")).ToList();
        audited.ShouldContain("case_step");
        audited.ShouldContain("budget_actual_total");
        foreach (var language in new[] { "da", "en" })
        {
            var names = Names(language);
            audited.Where(t => !names.Contains(t)).ShouldBeEmpty($"audited tables without a name in {language}.ts");
        }
    }
}
