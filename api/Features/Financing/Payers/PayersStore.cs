using Klima.Api.Infrastructure.Localization;
using Klima.Api.Domain;
using System.Data.Common;
using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.Financing.Payers;

internal sealed class PayerRules<T> : AbstractValidator<T>
{
    public PayerRules(Func<T, string> name, Func<T, Guid?> organisation, Func<T, IReadOnlyList<Guid>?> members, Func<T, string?> note)
    {
        RuleFor(x => name(x)).NotEmpty().MaximumLength(200).OverridePropertyName("name");
        RuleFor(x => note(x)).MaximumLength(1000).OverridePropertyName("note");
        RuleFor(x => organisation(x)).Must(o => o != Guid.Empty).When(x => organisation(x) is not null).OverridePropertyName("organisationId");
        RuleFor(x => members(x)).Must(m => m!.Count <= 200 && m.All(id => id != Guid.Empty) && m.Distinct().Count() == m.Count).When(x => members(x) is not null)
            .WithMessage(_ => Messages.Get("Payer.MembersLimit")).OverridePropertyName("memberOrganisationIds");
        RuleFor(x => organisation(x)).Must((x, o) => o is not null ^ (members(x) is { Count: > 0 })).OverridePropertyName("organisationId")
            .WithMessage(_ => Messages.Get("Payer.OneOrGroup"));
    }
}

/// <summary>The SQL the payer use cases share, and the check that keeps partnerships apart.</summary>
internal static class PayersStore
{
    private sealed record PayerRow
    {
        public Guid Id { get; init; }
        public Guid GovernanceModelId { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public Guid? OrganisationId { get; init; }
        public string? Note { get; init; }
        public int Version { get; init; }
        public DateTimeOffset ModifiedAt { get; init; }
    }

    private sealed record MemberRow
    {
        public Guid PayerId { get; init; }
        public Guid OrganisationId { get; init; }
    }

    private sealed record PayerModelRow
    {
        public Guid Id { get; init; }
        public Guid GovernanceModelId { get; init; }
    }

    private const string Columns = "id, governance_model_id, code, name, organisation_id, note, version, modified_at";

    /// <summary>Live payers, of one model or (null) of the models given (null = every model), by code.</summary>
    public static async Task<IReadOnlyList<ListPayers.PayerResponse>> ListAsync(DbConnection connection, Guid? model, IReadOnlySet<Guid>? scope,
        CancellationToken cancellationToken)
    {
        var payers = (await connection.QueryAsync<PayerRow>(new CommandDefinition(
                $"SELECT {Columns} FROM funding_payer WHERE deleted_at IS NULL{(model is null ? "" : " AND governance_model_id = @Model")} ORDER BY code, id",
                new { Model = model }, cancellationToken: cancellationToken)))
            .Where(p => scope is null || scope.Contains(p.GovernanceModelId)).ToList();
        var members = (await connection.QueryAsync<MemberRow>(new CommandDefinition(
            "SELECT payer_id, organisation_id FROM funding_payer_member ORDER BY payer_id, organisation_id", cancellationToken: cancellationToken))).ToLookup(m => m.PayerId);
        return payers.Select(p => ToResponse(p, members[p.Id])).ToList();
    }

    public static async Task<ListPayers.PayerResponse> GetAsync(DbConnection connection, Guid id, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var payer = await connection.QuerySingleOrDefaultAsync<PayerRow>(new CommandDefinition(
                        $"SELECT {Columns} FROM funding_payer WHERE id = @Id AND deleted_at IS NULL", new { Id = id }, transaction, cancellationToken: cancellationToken))
                    ?? throw new NotFoundException("Payer", id);
        var members = await connection.QueryAsync<MemberRow>(new CommandDefinition(
            "SELECT payer_id, organisation_id FROM funding_payer_member WHERE payer_id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
        return ToResponse(payer, members);
    }

    private static ListPayers.PayerResponse ToResponse(PayerRow p, IEnumerable<MemberRow> members) => new()
    {
        Id = p.Id, GovernanceModelId = p.GovernanceModelId, Code = p.Code, Name = p.Name, OrganisationId = p.OrganisationId, Note = p.Note,
        MemberOrganisationIds = members.Select(m => m.OrganisationId).Order().ToList(), Version = p.Version, ModifiedAt = p.ModifiedAt,
    };

    /// <summary>
    /// A payer pays into its own partnership's programmes: its organisation (or every member of a group) must take part in the
    /// model (<c>governance_model_party</c>, any role). An organisation in two models (KL) is one organisation and may pay in both.
    /// </summary>
    public static async Task EnsurePartiesAsync(DbConnection connection, Guid model, Guid? organisation, IReadOnlyList<Guid>? members, DbTransaction transaction,
        CancellationToken cancellationToken)
    {
        var parties = (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT organisation_id FROM governance_model_party WHERE governance_model_id = @Model", new { Model = model }, transaction,
            cancellationToken: cancellationToken))).ToHashSet();
        if (organisation is { } single && !parties.Contains(single))
        {
            throw new RuleViolationException("party-of-model", new Text("Payer.OrganisationNotParty", single), "organisationId");
        }
        for (var i = 0; i < (members?.Count ?? 0); i++)
        {
            if (!parties.Contains(members![i]))
            {
                throw new RuleViolationException("party-of-model", new Text("Payer.OrganisationNotParty", members[i]),
                    $"memberOrganisationIds[{i}]");
            }
        }
    }

    public static async Task WriteMembersAsync(DbConnection connection, Guid payer, IReadOnlyList<Guid>? members, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM funding_payer_member WHERE payer_id = @Payer", new { Payer = payer }, transaction,
            cancellationToken: cancellationToken));
        foreach (var member in members ?? [])
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO funding_payer_member (payer_id, organisation_id) VALUES (@Payer, @Organisation)", new { Payer = payer, Organisation = member }, transaction,
                cancellationToken: cancellationToken));
        }
    }

    /// <summary>
    /// Writes refuse a payer of another partnership: a Midtjylland budget line with North Jutland's BRN as payer is 422 naming
    /// the field. Payers that do not exist stay the caller's 400 as before.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, Guid>> ModelsOfAsync(DbConnection connection, IEnumerable<Guid> payers, DbTransaction? transaction,
        CancellationToken cancellationToken) =>
        (await SqlIn.QueryChunkedAsync<PayerModelRow>(connection,
            "SELECT id, governance_model_id FROM funding_payer WHERE deleted_at IS NULL AND id IN {0}", payers.Distinct(), transaction, cancellationToken))
        .ToDictionary(p => p.Id, p => p.GovernanceModelId);

    public static RuleViolationException OtherModel(string field, string what) =>
        new("same-governance-model", new Text("Reference.InOtherModel", new Term("Resource." + char.ToUpperInvariant(what[0]) + what[1..])), field);
}
