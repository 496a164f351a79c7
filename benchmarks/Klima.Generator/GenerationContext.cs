using Microsoft.Extensions.DependencyInjection;
using System.Data.Common;
using Dapper;
using Klima.Api.Infrastructure.Data;
using MediatR;

namespace Klima.Generator;

/// <summary>What every part of the generator shares: the API's services, the seeded dice, the simulated clock, progress.</summary>
internal sealed class GenerationContext(ServiceProvider services, GeneratorOptions options, SimulatedClock clock, Dice dice, Progress progress)
{
    public GeneratorOptions Options => options;
    public SimulatedClock Clock => clock;
    public Dice Dice => dice;
    public Progress Progress => progress;
    public IDbConnectionFactory Connections { get; } = services.GetRequiredService<IDbConnectionFactory>();

    /// <summary>Sends a command through the API's mediator: the validation behaviour and the handler run as for an HTTP call.</summary>
    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request)
    {
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, commandTimeout: 600));
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, commandTimeout: 600))).ToList();
    }

    public async Task<bool> HasTableAsync(string table)
    {
        var sql = Connections.Dialect.Provider == DatabaseProvider.Sqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @Table"
            : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = @Table";
        return (await QueryAsync<int>(sql, new { Table = table }))[0] > 0;
    }

    /// <summary>Runs <paramref name="write"/> over <paramref name="items"/> in transactions of <paramref name="batch"/> items.</summary>
    public async Task InBatchesAsync<T>(IEnumerable<T> items, int batch, Func<DbConnection, DbTransaction, IReadOnlyList<T>, Task> write, Progress.Phase phase)
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        foreach (var chunk in items.Chunk(batch))
        {
            await using var transaction = await connection.BeginWriteAsync(CancellationToken.None);
            await write(connection, transaction, chunk);
            await transaction.CommitAsync();
            phase.Add(chunk.Length);
        }
    }

    public async Task<SortedDictionary<string, long>> CountsAsync()
    {
        var tables = Connections.Dialect.Provider == DatabaseProvider.Sqlite
            ? await QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            : await QueryAsync<string>("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE'");
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            counts[table] = (await QueryAsync<long>($"SELECT COUNT(*) FROM {table}"))[0];
        }
        return counts;
    }
}

/// <summary>The parts that follow governance; each checks that its tables exist (features arrive on their own branches).</summary>
internal static class Parts
{
    public static readonly List<Func<GenerationContext, Manifest, Task>> All = [];
}
