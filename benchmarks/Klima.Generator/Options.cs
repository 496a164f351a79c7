using System.Globalization;
using Klima.Api.Infrastructure.Data;

namespace Klima.Generator;

internal sealed record GeneratorOptions(DatabaseProvider Provider, string Database, string? Connection, double Scale, int Seed, bool Force,
    IReadOnlySet<string>? Skip = null)
{
    public string ManifestPath => Provider == DatabaseProvider.Sqlite ? Database + ".manifest.json" : "generator-manifest.json";

    public int Scaled(int national, int minimum = 1) => Math.Max(minimum, (int)Math.Round(national * Scale));

    public static GeneratorOptions? Parse(string[] args)
    {
        var provider = DatabaseProvider.Sqlite;
        string? database = null, connection = null;
        var scale = 1.0;
        var seed = 20261122;
        var force = false;
        var skip = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--db": database = Value(); break;
                case "--provider": provider = Enum.Parse<DatabaseProvider>(Value(), ignoreCase: true); break;
                case "--connection": connection = Value(); break;
                case "--scale": scale = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--force": force = true; break;
                case "--skip": skip.UnionWith(Value().Split(',')); break;
                default: return null;
            }
        }
        if (scale <= 0 || scale > 10 || (provider == DatabaseProvider.Sqlite && database is null) || (provider == DatabaseProvider.SqlServer && connection is null))
        {
            return null;
        }
        return new GeneratorOptions(provider, database is null ? "" : Path.GetFullPath(database), connection, scale, seed, force, skip);
    }
}
