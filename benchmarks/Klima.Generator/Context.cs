using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Dapper;

namespace Klima.Generator;

/// <summary>A clock the generator moves through the simulated years, so that handlers stamp rows with historical times.</summary>
internal sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Seeded randomness and identifiers: the same seed and scale give the same data set.</summary>
internal sealed class Dice(int seed)
{
    private readonly Random _random = new(seed);

    public int Next(int maxExclusive) => _random.Next(maxExclusive);
    public int Next(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);
    public double NextDouble() => _random.NextDouble();
    public bool Chance(double p) => _random.NextDouble() < p;
    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A version-7-shaped GUID whose timestamp is the simulated time and whose other bits come from the seed.</summary>
    public Guid Id(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        var ms = at.ToUnixTimeMilliseconds();
        bytes[0] = (byte)(ms >> 40); bytes[1] = (byte)(ms >> 32); bytes[2] = (byte)(ms >> 24);
        bytes[3] = (byte)(ms >> 16); bytes[4] = (byte)(ms >> 8); bytes[5] = (byte)ms;
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}

/// <summary>Progress on stderr (a line per phase, a counter while it runs) and the phase timings for the manifest.</summary>
internal sealed class Progress
{
    private readonly Stopwatch _total = Stopwatch.StartNew();
    public List<(string Phase, long Rows, double Seconds)> Phases { get; } = [];
    public TimeSpan Elapsed => _total.Elapsed;

    public Phase Start(string name, long expected) => new(this, name, expected);

    internal sealed class Phase(Progress owner, string name, long expected) : IDisposable
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private long _done;
        private long _lastPrint;

        public void Add(long rows = 1)
        {
            _done += rows;
            var ms = _watch.ElapsedMilliseconds;
            // A live counter on a terminal; a line every 10 seconds in a log.
            if (ms - _lastPrint >= (Console.IsErrorRedirected ? 10_000 : 1000))
            {
                _lastPrint = ms;
                var pct = expected > 0 ? $" {100.0 * _done / expected,5:0.0}%" : "";
                var line = $"  {name}: {_done:N0}/{expected:N0}{pct}  {_done / Math.Max(0.001, _watch.Elapsed.TotalSeconds):N0}/s";
                if (Console.IsErrorRedirected)
                {
                    Console.Error.WriteLine(line);
                }
                else
                {
                    Console.Error.Write("\r" + line + "   ");
                }
            }
        }

        public void Dispose()
        {
            var seconds = _watch.Elapsed.TotalSeconds;
            owner.Phases.Add((name, _done, seconds));
            if (!Console.IsErrorRedirected)
            {
                Console.Error.Write("\r" + new string(' ', 100) + "\r");
            }
            Console.Error.WriteLine($"  {name,-34} {_done,10:N0} rows {seconds,8:0.0} s {_done / Math.Max(0.001, seconds),10:N0}/s");
        }
    }
}

/// <summary>
/// Multi-row inserts of plain rows: one prepared statement per table, reused for every row, in transactions of a few
/// thousand rows. The audit triggers fire exactly as they do for the API's own inserts.
/// </summary>
internal static class Bulk
{
    private static readonly ConcurrentDictionary<(Type, string), string> Sql = new();

    public static async Task InsertAsync<T>(DbConnection connection, DbTransaction transaction, string table, IEnumerable<T> rows)
    {
        var list = rows as IReadOnlyList<T> ?? rows.ToList();
        if (list.Count == 0)
        {
            return;
        }
        // Rows are anonymous objects: the columns are the properties of the runtime type.
        var sql = Sql.GetOrAdd((list[0]!.GetType(), table), key =>
        {
            var columns = key.Item1.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToList();
            return $"INSERT INTO {key.Item2} ({string.Join(", ", columns.Select(Snake))}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";
        });
        await connection.ExecuteAsync(new CommandDefinition(sql, list, transaction));
    }

    public static string Snake(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
