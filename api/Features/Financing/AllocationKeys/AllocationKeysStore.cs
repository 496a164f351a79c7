using Klima.Api.Domain;
using System.Data.Common;
using Dapper;
using FluentValidation;
using FluentValidation.Results;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.Financing.AllocationKeys;

internal sealed record AllocationKeyRow
{
    public Guid Id { get; init; }
    public Guid GovernanceModelId { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string Method { get; init; } = "";
    public string? Description { get; init; }
    public string? BasisNote { get; init; }
    public int Version { get; init; }
    public DateTimeOffset ModifiedAt { get; init; }
}

internal sealed record AllocationShareRow
{
    public Guid AllocationKeyId { get; init; }
    public Guid PayerId { get; init; }
    public string PayerCode { get; init; } = "";
    public string PayerName { get; init; } = "";
    public long Weight { get; init; }
}

/// <summary>The SQL the allocation key use cases share.</summary>
internal static class AllocationKeysStore
{
    public const string Columns = "id, governance_model_id, code, name, method, description, basis_note, version, modified_at";

    public static AllocationMethod ParseMethod(string text) => Enum.Parse<AllocationMethod>(text, ignoreCase: true);

    /// <summary>Weights by method: basis points summing to 10000, inhabitants (one positive at least), or none / 1 for an equal split.</summary>
    [AreaApi]
    public static IEnumerable<ValidationFailure> CheckWeights(AllocationMethod method, IReadOnlyList<AllocationShareInput> shares, string prefix = "shares")
    {
        for (var i = 0; i < shares.Count; i++)
        {
            var weight = shares[i].Weight;
            if (shares[i].PayerId == Guid.Empty)
            {
                yield return new($"{prefix}[{i}].payerId", "'Payer Id' must not be empty.");
            }
            if (method != AllocationMethod.EqualSplit && weight is null)
            {
                yield return new($"{prefix}[{i}].weight", method == AllocationMethod.FixedShares ? "A fixed share needs its basis points." : "A population key needs the number of inhabitants.");
            }
            if (weight is < 0 or > 1_000_000_000_000)
            {
                yield return new($"{prefix}[{i}].weight", "A weight is between 0 and 1,000,000,000,000.");
            }
            if (method == AllocationMethod.EqualSplit && weight is not null and not 1)
            {
                yield return new($"{prefix}[{i}].weight", "An equal split weighs every payer 1: leave weight out.");
            }
        }
        if (method == AllocationMethod.FixedShares && shares.All(s => s.Weight is >= 0) && shares.Sum(s => s.Weight ?? 0) != Allocation.WholeInBasisPoints)
        {
            yield return new(prefix, "Fixed shares must sum to 10000 basis points (100%).");
        }
        if (method == AllocationMethod.Population && shares.All(s => s.Weight is not null) && shares.All(s => s.Weight <= 0))
        {
            yield return new(prefix, "At least one weight must be positive.");
        }
    }

    public static long WeightOf(AllocationMethod method, AllocationShareInput share) => method == AllocationMethod.EqualSplit ? 1 : share.Weight!.Value;

    public static async Task<AllocationKeyResponse?> LoadAsync(DbConnection connection, Guid id, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<AllocationKeyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM allocation_key WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }
        return (await WithSharesAsync(connection, [row], transaction, cancellationToken))[0];
    }

    public static async Task<IReadOnlyList<AllocationKeyResponse>> WithSharesAsync(DbConnection connection, IReadOnlyList<AllocationKeyRow> rows, DbTransaction? transaction,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var parameters = new DynamicParameters();
        var shares = (await connection.QueryAsync<AllocationShareRow>(new CommandDefinition("""
            SELECT s.allocation_key_id, s.payer_id, p.code AS payer_code, p.name AS payer_name, s.weight
            FROM allocation_key_share s JOIN funding_payer p ON p.id = s.payer_id
            WHERE s.allocation_key_id IN
            """ + SqlIn.Guids(parameters, "Key", rows.Select(r => r.Id)) + " ORDER BY s.allocation_key_id, s.ordinal", parameters, transaction, cancellationToken: cancellationToken)))
            .ToLookup(s => s.AllocationKeyId);
        return rows.Select(r =>
        {
            var own = shares[r.Id].Select(s => new AllocationShareResponse { PayerId = s.PayerId, PayerCode = s.PayerCode, PayerName = s.PayerName, Weight = s.Weight }).ToList();
            return new AllocationKeyResponse
            {
                Id = r.Id, GovernanceModelId = r.GovernanceModelId, Code = r.Code, Name = r.Name, Method = ParseMethod(r.Method), Description = r.Description,
                BasisNote = r.BasisNote, Shares = own, TotalWeight = own.Sum(s => s.Weight), Version = r.Version, ModifiedAt = r.ModifiedAt,
            };
        }).ToList();
    }

    /// <summary>Every share's payer must be a live payer of the key's own model (422 naming the share otherwise).</summary>
    public static async Task CheckPayersAsync(DbConnection connection, Guid modelId, IReadOnlyList<AllocationShareInput> shares, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var found = (await connection.QueryAsync<(Guid Id, Guid ModelId)>(new CommandDefinition(
            "SELECT id, governance_model_id FROM funding_payer WHERE deleted_at IS NULL AND id IN " + SqlIn.Guids(parameters, "Payer", shares.Select(s => s.PayerId)),
            parameters, transaction, cancellationToken: cancellationToken))).ToDictionary(p => p.Id, p => p.ModelId);
        var failures = new List<(string Field, Text Message)>();
        for (var i = 0; i < shares.Count; i++)
        {
            if (!found.TryGetValue(shares[i].PayerId, out var payerModel))
            {
                failures.Add(($"shares[{i}].payerId", new Text("AllocationKey.NoPayer")));
            }
            else if (payerModel != modelId)
            {
                failures.Add(($"shares[{i}].payerId", new Text("AllocationKey.PayerInOtherModel")));
            }
        }
        if (failures.Count > 0)
        {
            throw References.Missing(failures);
        }
    }

    public static async Task ReplaceSharesAsync(DbConnection connection, Guid keyId, AllocationMethod method, IReadOnlyList<AllocationShareInput> shares, DbTransaction transaction,
        CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM allocation_key_share WHERE allocation_key_id = @Id", new { Id = keyId }, transaction, cancellationToken: cancellationToken));
        for (var i = 0; i < shares.Count; i++)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO allocation_key_share (allocation_key_id, payer_id, ordinal, weight) VALUES (@KeyId, @PayerId, @Ordinal, @Weight)
                """, new { KeyId = keyId, shares[i].PayerId, Ordinal = i + 1, Weight = WeightOf(method, shares[i]) }, transaction, cancellationToken: cancellationToken));
        }
    }
}
