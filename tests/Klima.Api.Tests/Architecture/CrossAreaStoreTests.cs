using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Architecture;

/// <summary>
/// "No file under api/Features/X is imported for its SQL by api/Features/Y" (docs/CONVENTIONS.md): another area reaches
/// an area's tables only through the methods its <c>&lt;Area&gt;Store</c> publishes with <see cref="AreaApiAttribute"/>.
/// An area is the first folder under api/Features (Financing's sub-areas are one area). Read from the source files, with
/// the stores' members taken from the compiled API so that renaming a member cannot hide a use.
/// </summary>
public sealed partial class CrossAreaStoreTests
{
    internal sealed record Store(string Area, string Namespace, string Name, IReadOnlySet<string> Published, IReadOnlySet<string> Methods,
        IReadOnlySet<string> UnpublishedExtensions, IReadOnlySet<string> Types);

    [Test]
    public void No_area_uses_another_areas_store_except_through_the_methods_it_publishes()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "api", "Features"), "*.cs", SearchOption.AllDirectories)
            .Select(p => (Path.GetRelativePath(RepositoryRoot.Path, p).Replace('\\', '/'), File.ReadAllText(p)));
        Violations(sources, Stores()).ShouldBeEmpty();
    }

    [Test]
    public void The_scan_finds_sql_texts_unpublished_methods_extension_calls_and_static_imports_of_another_area()
    {
        var stores = Stores();
        const string reports = """
            using Klima.Api.Features.Cases;
            var sql = $"SELECT x FROM case_step s WHERE {CasesStore.HasStepAtBody}";
            var cases = await CasesStore.ModelCasesAsync(connection, model, user, ct);
            Routing.RoutingStore.RuleRow? row = null;
            """;
        const string memberships = """
            using Klima.Api.Features.Bodies;
            var body = await connection.LockBodyAsync(id, transaction, ct);
            var rules = await grid.ReadRulesAsync();
            """;
        const string staticImport = "using static Klima.Api.Features.CaseFeed.CaseFeedStore;";
        var found = Violations([("api/Features/Reports/X.cs", reports), ("api/Features/Memberships/Y.cs", memberships),
            ("api/Features/Meetings/Z.cs", staticImport)], stores);
        found.ShouldBe([
            "api/Features/Reports/X.cs uses CasesStore.HasStepAtBody, which the Cases area does not publish",
            "api/Features/Memberships/Y.cs calls BodiesStore.ReadRulesAsync, which the Bodies area does not publish",
            "api/Features/Meetings/Z.cs imports all of CaseFeedStore (using static)",
        ], ignoreOrder: true);
        // Inside their own area the same lines are the area's business.
        Violations([("api/Features/Cases/X.cs", reports), ("api/Features/Bodies/Y.cs", memberships)], stores).ShouldBeEmpty();
    }

    [Test]
    public void Only_store_methods_are_published()
    {
        var misplaced = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<AreaApiAttribute>() is not null)
            .Where(m => m.DeclaringType is not { IsNested: false } t || !t.Name.EndsWith("Store", StringComparison.Ordinal)
                        || t.Namespace?.StartsWith("Klima.Api.Features.", StringComparison.Ordinal) != true)
            .Select(m => $"{m.DeclaringType?.FullName}.{m.Name}");
        misplaced.ShouldBeEmpty();
        Stores().SelectMany(s => s.Published).ShouldNotBeEmpty();
    }

    internal static IReadOnlyList<Store> Stores() =>
        typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: true, IsSealed: true, IsNested: false } && t.Name.EndsWith("Store", StringComparison.Ordinal)
                        && t.Namespace?.StartsWith("Klima.Api.Features.", StringComparison.Ordinal) == true)
            .Select(t =>
            {
                var methods = t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Where(m => !m.IsSpecialName && !m.Name.Contains('<', StringComparison.Ordinal)).ToList();
                var published = methods.Where(m => m.GetCustomAttribute<AreaApiAttribute>() is not null).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
                return new Store(t.Namespace!.Split('.')[3], t.Namespace!, t.Name, published,
                    methods.Select(m => m.Name).ToHashSet(StringComparer.Ordinal),
                    methods.Where(m => m.IsDefined(typeof(ExtensionAttribute)) && !published.Contains(m.Name)).Select(m => m.Name).ToHashSet(StringComparer.Ordinal),
                    t.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).Select(n => n.Name).ToHashSet(StringComparer.Ordinal));
            })
            .ToList();

    internal static List<string> Violations(IEnumerable<(string Path, string Text)> sources, IReadOnlyList<Store> stores)
    {
        var found = new List<string>();
        foreach (var (path, raw) in sources)
        {
            var area = path.Split('/')[2];
            var text = LineComment().Replace(raw, "");
            foreach (var store in stores.Where(s => s.Area != area))
            {
                if (text.Contains($"using static {store.Namespace}.{store.Name};", StringComparison.Ordinal))
                {
                    found.Add($"{path} imports all of {store.Name} (using static)");
                }
                foreach (var member in Regex.Matches(text, $@"\b{store.Name}\.(\w+)").Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal))
                {
                    if (!store.Types.Contains(member) && !store.Published.Contains(member))
                    {
                        found.Add($"{path} uses {store.Name}.{member}, which the {store.Area} area does not publish");
                    }
                }
                if (Regex.IsMatch(text, $@"^\s*using {Regex.Escape(store.Namespace)};", RegexOptions.Multiline))
                {
                    found.AddRange(store.UnpublishedExtensions.Where(e => Regex.IsMatch(text, $@"\.{e}\s*(<[^>]*>)?\("))
                        .Select(e => $"{path} calls {store.Name}.{e}, which the {store.Area} area does not publish"));
                }
            }
        }
        return found;
    }

    [GeneratedRegex(@"//.*$", RegexOptions.Multiline)]
    private static partial Regex LineComment();
}
