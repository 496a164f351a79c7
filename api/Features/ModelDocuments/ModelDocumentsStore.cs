using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Klima.Api.Infrastructure.Data;

namespace Klima.Api.Features.ModelDocuments;

/// <summary>
/// Reads a governance model out of the database as the rows a model document is made of (<see cref="Snapshot"/>) and
/// turns them into a <see cref="ModelDocument"/>: the export, and the "before" side of an import's comparison.
/// </summary>
internal static class ModelDocumentsStore
{
    internal sealed record ModelRow
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Description { get; init; }
        public DateOnly? ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
    }

    internal sealed record OrganisationRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string Name { get; init; } = "";
        public string? ShortName { get; init; }
        public string? MunicipalityCode { get; init; }
        public string? RegionCode { get; init; }
        public string? Cvr { get; init; }
    }

    internal sealed record PartyRow
    {
        public Guid OrganisationId { get; init; }
        public string Role { get; init; } = "";
    }

    internal sealed record BodyRow
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string? NameEn { get; init; }
        public string Kind { get; init; } = "";
        public string? Mandate { get; init; }
        public bool CanDecide { get; init; }
        public Guid? HostOrganisationId { get; init; }
        public Guid? ServedByBodyId { get; init; }
        public Guid? ServedByOrganisationId { get; init; }
        public DateOnly? EstablishedOn { get; init; }
        public string? EstablishedByCaseRef { get; init; }
        public DateOnly? DissolvedOn { get; init; }
        public string? DissolvedByCaseRef { get; init; }
    }

    internal sealed record SeatRow
    {
        public Guid Id { get; init; }
        public Guid BodyId { get; init; }
        public int Ordinal { get; init; }
        public string Label { get; init; } = "";
        public string? Category { get; init; }
        public string Role { get; init; } = "";
        public bool Voting { get; init; }
        public Guid? RepresentsOrganisationId { get; init; }
        public Guid? AppointedByOrganisationId { get; init; }
        public Guid? AppointedByBodyId { get; init; }
    }

    internal sealed record CompositionRuleRow
    {
        public Guid Id { get; init; }
        public Guid BodyId { get; init; }
        public string Code { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Severity { get; init; } = "";
        public int? IntValue { get; init; }
        public string? Category { get; init; }
        public Guid? RefBodyId { get; init; }
        public string Description { get; init; } = "";
    }

    internal sealed record StaffRow
    {
        public Guid Id { get; init; }
        public Guid BodyId { get; init; }
        public string Title { get; init; } = "";
        public Guid EmployerOrganisationId { get; init; }
        public Guid? PlacementBodyId { get; init; }
        public Guid? DailyManagerBodyId { get; init; }
        public string? DailyManagerRole { get; init; }
        public int FteHundredths { get; init; }
        public DateOnly? ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
        public string? Note { get; init; }
        public Guid? FundingProgrammeId { get; init; }
        public long? AnnualCostOre { get; init; }
        public string? AnnualCostNote { get; init; }
    }

    internal sealed record RelationRow
    {
        public Guid Id { get; init; }
        public Guid FromBodyId { get; init; }
        public Guid ToBodyId { get; init; }
        public string Kind { get; init; } = "";
        public string? Note { get; init; }
    }

    internal sealed record InterestRow
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string? NameEn { get; init; }
        public string? Description { get; init; }
        public int Ordinal { get; init; }
    }

    internal sealed record ElectionTermRow
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public DateOnly StartsOn { get; init; }
        public DateOnly EndsOn { get; init; }
    }

    internal sealed record PayerRow
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public Guid? OrganisationId { get; init; }
        public string? Note { get; init; }
    }

    internal sealed record PayerMemberRow
    {
        public Guid PayerId { get; init; }
        public Guid OrganisationId { get; init; }
    }

    internal sealed record ProgrammeRow
    {
        public Guid Id { get; init; }
        public Guid? ParentProgrammeId { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Description { get; init; }
        public DateOnly? ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
    }

    internal sealed record KeyRow
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Method { get; init; } = "";
        public string? Description { get; init; }
        public string? BasisNote { get; init; }
    }

    internal sealed record ShareRow
    {
        public Guid AllocationKeyId { get; init; }
        public Guid PayerId { get; init; }
        public long Weight { get; init; }
    }

    /// <summary>A model's rows, as stored.</summary>
    internal sealed class Snapshot
    {
        public required ModelRow Model { get; init; }
        public required IReadOnlyList<OrganisationRow> Organisations { get; init; }
        public required IReadOnlyList<PartyRow> Parties { get; init; }
        public required IReadOnlyList<BodyRow> Bodies { get; init; }
        public required IReadOnlyList<SeatRow> Seats { get; init; }
        public required IReadOnlyList<CompositionRuleRow> CompositionRules { get; init; }
        public required IReadOnlyList<StaffRow> Staff { get; init; }
        public required IReadOnlyList<RelationRow> Relations { get; init; }
        public required IReadOnlyList<InterestRow> Interests { get; init; }
        public required IReadOnlyList<Routing.RoutingStore.RuleRow> RoutingRules { get; init; }
        public required IReadOnlyList<Routing.RoutingStore.RuleStepRow> Steps { get; init; }
        public required IReadOnlyList<PayerRow> Payers { get; init; }
        public required IReadOnlyList<PayerMemberRow> PayerMembers { get; init; }
        public required IReadOnlyList<ProgrammeRow> Programmes { get; init; }
        public required IReadOnlyList<KeyRow> Keys { get; init; }
        public required IReadOnlyList<ShareRow> Shares { get; init; }
        public required IReadOnlyList<ElectionTermRow> ElectionTerms { get; init; }

        /// <summary>Document keys of the organisations: municipality-851, region-1081, else a slug of the short name (or name).</summary>
        public IReadOnlyDictionary<Guid, string> OrganisationKeys()
        {
            var keys = new Dictionary<Guid, string>();
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var o in Organisations.OrderBy(o => o.Id))
            {
                var basis = o.MunicipalityCode is not null ? $"municipality-{o.MunicipalityCode}"
                    : o.RegionCode is not null ? $"region-{o.RegionCode}"
                    : Slug(o.ShortName ?? o.Name);
                var key = basis;
                for (var n = 2; !used.Add(key); n++)
                {
                    key = $"{basis}-{n}";
                }
                keys[o.Id] = key;
            }
            return keys;
        }

        /// <summary>The document, with organisations named by <paramref name="orgKey"/> (the export's keys, or ids when comparing).</summary>
        public ModelDocument ToDocument(Func<Guid, string> orgKey)
        {
            var bodyCode = Bodies.ToDictionary(b => b.Id, b => b.Code);
            var programmeCode = Programmes.ToDictionary(p => p.Id, p => p.Code);
            var payerCode = Payers.ToDictionary(p => p.Id, p => p.Code);
            string? Org(Guid? id) => id is { } value ? orgKey(value) : null;
            string? Body(Guid? id) => id is { } value && bodyCode.TryGetValue(value, out var code) ? code : null;
            var seats = Seats.ToLookup(s => s.BodyId);
            var rules = CompositionRules.ToLookup(r => r.BodyId);
            var staff = Staff.ToLookup(s => s.BodyId);
            var steps = Steps.ToLookup(s => s.RoutingRuleId);
            var members = PayerMembers.ToLookup(m => m.PayerId);
            var shares = Shares.ToLookup(s => s.AllocationKeyId);
            return new ModelDocument
            {
                FormatVersion = ModelDocument.CurrentFormatVersion,
                Model = new ModelHeader { Code = Model.Code, Name = Model.Name, Description = Model.Description, ValidFrom = Model.ValidFrom, ValidTo = Model.ValidTo },
                Organisations = Organisations.Select(o => new DocOrganisation
                {
                    Key = orgKey(o.Id), Kind = o.Kind, Name = o.Name, ShortName = o.ShortName, MunicipalityCode = o.MunicipalityCode, RegionCode = o.RegionCode, Cvr = o.Cvr,
                }).OrderBy(o => o.Key, StringComparer.Ordinal).ToList(),
                Parties = Parties.Select(p => new DocParty { Organisation = orgKey(p.OrganisationId), Role = p.Role })
                    .OrderBy(p => p.Organisation, StringComparer.Ordinal).ToList(),
                Bodies = Bodies.OrderBy(b => b.Code, StringComparer.Ordinal).Select(b => new DocBody
                {
                    Code = b.Code, Name = b.Name, NameEn = b.NameEn, Kind = b.Kind, Mandate = b.Mandate, CanDecide = b.CanDecide,
                    HostOrganisation = Org(b.HostOrganisationId), ServedByBody = Body(b.ServedByBodyId), ServedByOrganisation = Org(b.ServedByOrganisationId),
                    EstablishedOn = b.EstablishedOn, EstablishedByCaseRef = b.EstablishedByCaseRef, DissolvedOn = b.DissolvedOn, DissolvedByCaseRef = b.DissolvedByCaseRef,
                    Seats = seats[b.Id].OrderBy(s => s.Ordinal).Select(s => new DocSeat
                    {
                        Ordinal = s.Ordinal, Label = s.Label, Category = s.Category, Role = s.Role, Voting = s.Voting, Organisation = Org(s.RepresentsOrganisationId),
                        AppointedByOrganisation = Org(s.AppointedByOrganisationId), AppointedByBody = Body(s.AppointedByBodyId),
                    }).ToList(),
                    CompositionRules = rules[b.Id].OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => new DocCompositionRule
                    {
                        Code = r.Code, Kind = r.Kind, Severity = r.Severity, Value = r.IntValue, Category = r.Category, RefBody = Body(r.RefBodyId), Description = r.Description,
                    }).ToList(),
                    StaffPositions = staff[b.Id].OrderBy(s => s.Title, StringComparer.Ordinal).Select(s => new DocStaffPosition
                    {
                        Title = s.Title, Employer = orgKey(s.EmployerOrganisationId), PlacementBody = Body(s.PlacementBodyId), DailyManagerBody = Body(s.DailyManagerBodyId),
                        DailyManagerRole = s.DailyManagerRole, Fte = Hundredths(s.FteHundredths), ValidFrom = s.ValidFrom, ValidTo = s.ValidTo, Note = s.Note,
                        FundingProgramme = s.FundingProgrammeId is { } p && programmeCode.TryGetValue(p, out var pc) ? pc : null,
                        AnnualCost = s.AnnualCostOre is { } ore ? Hundredths(ore) : null, AnnualCostNote = s.AnnualCostNote,
                    }).ToList(),
                }).ToList(),
                Relations = Relations.Select(r => new DocRelation { From = Body(r.FromBodyId), To = Body(r.ToBodyId), Kind = r.Kind, Note = r.Note })
                    .OrderBy(r => r.From, StringComparer.Ordinal).ThenBy(r => r.To, StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal).ToList(),
                Interests = Interests.OrderBy(i => i.Ordinal).ThenBy(i => i.Code, StringComparer.Ordinal)
                    .Select(i => new DocInterest { Code = i.Code, Name = i.Name, NameEn = i.NameEn, Description = i.Description, Ordinal = i.Ordinal }).ToList(),
                RoutingRules = RoutingRules.OrderBy(r => r.Priority).ThenBy(r => r.Code, StringComparer.Ordinal).Select(r => new DocRoutingRule
                {
                    Code = r.Code, Name = r.Name, Description = r.Description, Interest = r.InterestCode, RequiresCouncilDecision = r.RequiresCouncilDecision,
                    Priority = r.Priority, SourceReference = r.SourceReference,
                    Steps = steps[r.Id].OrderBy(s => s.StageOrdinal).ThenBy(s => s.Ordinal).Select(s => new DocRoutingStep
                    {
                        Stage = s.StageOrdinal, StageName = s.StageName, Ordinal = s.Ordinal, Body = Body(s.BodyId), FanOut = s.FanOut, FanOutPartyKind = s.FanOutPartyKind,
                        Role = s.Role, Authoritative = s.Authoritative, DeadlineDays = s.DeadlineDays, Note = s.Note,
                    }).ToList(),
                }).ToList(),
                Payers = Payers.OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => new DocPayer
                {
                    Code = p.Code, Name = p.Name, Organisation = Org(p.OrganisationId), Note = p.Note,
                    Members = members[p.Id].Any() ? members[p.Id].Select(m => orgKey(m.OrganisationId)).Order(StringComparer.Ordinal).ToList() : null,
                }).ToList(),
                Programmes = Programmes.OrderBy(p => p.Code, StringComparer.Ordinal).Select(p => new DocProgramme
                {
                    Code = p.Code, Parent = p.ParentProgrammeId is { } parent && programmeCode.TryGetValue(parent, out var code) ? code : null, Name = p.Name,
                    Description = p.Description, ValidFrom = p.ValidFrom, ValidTo = p.ValidTo,
                }).ToList(),
                AllocationKeys = Keys.OrderBy(k => k.Code, StringComparer.Ordinal).Select(k => new DocAllocationKey
                {
                    Code = k.Code, Name = k.Name, Method = k.Method, Description = k.Description, BasisNote = k.BasisNote,
                    Shares = shares[k.Id].Select(s => new DocAllocationShare
                    {
                        Payer = payerCode.TryGetValue(s.PayerId, out var pc) ? pc : s.PayerId.ToString(),
                        Weight = k.Method == "equalSplit" ? null : s.Weight,
                    }).ToList(),
                }).ToList(),
                ElectionTerms = ElectionTerms.Count == 0 ? null : ElectionTerms.OrderBy(t => t.StartsOn).ThenBy(t => t.Code, StringComparer.Ordinal)
                    .Select(t => new DocElectionTerm { Code = t.Code, Name = t.Name, StartsOn = t.StartsOn, EndsOn = t.EndsOn }).ToList(),
            };
        }
    }

    /// <summary>An exact two-decimal value from hundredths (FTE, or øre as DKK).</summary>
    public static decimal Hundredths(long value) => TwoDecimals(value / 100m)!.Value;

    /// <summary>The same value with exactly two decimals, so 1 and 1.00 compare equal.</summary>
    public static decimal? TwoDecimals(decimal? value) =>
        value is { } v ? decimal.Parse(v.ToString("F2", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null;

    public static string Slug(string text)
    {
        var folded = text.ToLowerInvariant().Replace("æ", "ae", StringComparison.Ordinal).Replace("ø", "oe", StringComparison.Ordinal)
            .Replace("å", "aa", StringComparison.Ordinal);
        var slug = new StringBuilder();
        foreach (var c in folded.Normalize(NormalizationForm.FormD))
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        return result.Length == 0 ? "organisation" : result.Length > 60 ? result[..60].TrimEnd('-') : result;
    }

    public static async Task<Guid?> FindModelAsync(DbConnection connection, string code, DbTransaction? transaction, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT id FROM governance_model WHERE code = @Code AND deleted_at IS NULL", new { Code = code }, transaction, cancellationToken: cancellationToken));

    public static async Task<Snapshot?> LoadAsync(DbConnection connection, Guid modelId, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        Task<IEnumerable<T>> Query<T>(string sql) =>
            connection.QueryAsync<T>(new CommandDefinition(sql, new { ModelId = modelId }, transaction, cancellationToken: cancellationToken));
        var model = (await Query<ModelRow>("SELECT id, code, name, description, valid_from, valid_to FROM governance_model WHERE id = @ModelId AND deleted_at IS NULL"))
            .SingleOrDefault();
        if (model is null)
        {
            return null;
        }
        var parties = (await Query<PartyRow>("SELECT organisation_id, role FROM governance_model_party WHERE governance_model_id = @ModelId")).ToList();
        var bodies = (await Query<BodyRow>("""
            SELECT id, code, name, name_en, kind, mandate, can_decide, host_organisation_id, served_by_body_id, served_by_organisation_id,
                   established_on, established_by_case_ref, dissolved_on, dissolved_by_case_ref
            FROM body WHERE governance_model_id = @ModelId AND deleted_at IS NULL
            """)).ToList();
        var seats = (await Query<SeatRow>("""
            SELECT s.id, s.body_id, s.ordinal, s.label, s.category, s.role, s.voting, s.represents_organisation_id, s.appointed_by_organisation_id, s.appointed_by_body_id
            FROM seat s JOIN body b ON b.id = s.body_id
            WHERE b.governance_model_id = @ModelId AND b.deleted_at IS NULL AND s.deleted_at IS NULL
            """)).ToList();
        var rules = (await Query<CompositionRuleRow>("""
            SELECT r.id, r.body_id, r.code, r.kind, r.severity, r.int_value, r.category, r.ref_body_id, r.description
            FROM composition_rule r JOIN body b ON b.id = r.body_id
            WHERE b.governance_model_id = @ModelId AND b.deleted_at IS NULL AND r.deleted_at IS NULL
            """)).ToList();
        var staff = (await Query<StaffRow>("""
            SELECT p.id, p.body_id, p.title, p.employer_organisation_id, p.placement_body_id, p.daily_manager_body_id, p.daily_manager_role, p.fte_hundredths,
                   p.valid_from, p.valid_to, p.note, p.funding_programme_id, p.annual_cost_ore, p.annual_cost_note
            FROM staff_position p JOIN body b ON b.id = p.body_id
            WHERE b.governance_model_id = @ModelId AND b.deleted_at IS NULL AND p.deleted_at IS NULL
            """)).ToList();
        var relations = (await Query<RelationRow>(
            "SELECT id, from_body_id, to_body_id, kind, note FROM body_relation WHERE governance_model_id = @ModelId AND deleted_at IS NULL")).ToList();
        var interests = (await Query<InterestRow>("SELECT code, name, name_en, description, ordinal FROM case_interest WHERE governance_model_id = @ModelId")).ToList();
        var routingRules = (await Query<Routing.RoutingStore.RuleRow>("""
            SELECT id, code, name, description, interest_code, requires_council_decision, priority, source_reference
            FROM routing_rule WHERE governance_model_id = @ModelId AND deleted_at IS NULL
            """)).ToList();
        var steps = (await Query<Routing.RoutingStore.RuleStepRow>("""
            SELECT s.routing_rule_id, s.stage_ordinal, s.stage_name, s.ordinal, s.body_id, s.fan_out, s.fan_out_party_kind, s.role, s.authoritative, s.deadline_days, s.note
            FROM routing_rule_step s JOIN routing_rule r ON r.id = s.routing_rule_id
            WHERE r.governance_model_id = @ModelId AND r.deleted_at IS NULL
            """)).ToList();
        var payers = (await Query<PayerRow>("SELECT id, code, name, organisation_id, note FROM funding_payer WHERE governance_model_id = @ModelId AND deleted_at IS NULL")).ToList();
        var members = (await Query<PayerMemberRow>("""
            SELECT m.payer_id, m.organisation_id FROM funding_payer_member m JOIN funding_payer p ON p.id = m.payer_id
            WHERE p.governance_model_id = @ModelId AND p.deleted_at IS NULL
            """)).ToList();
        var programmes = (await Query<ProgrammeRow>("""
            SELECT id, parent_programme_id, code, name, description, valid_from, valid_to
            FROM funding_programme WHERE governance_model_id = @ModelId AND deleted_at IS NULL
            """)).ToList();
        var keys = (await Query<KeyRow>("SELECT id, code, name, method, description, basis_note FROM allocation_key WHERE governance_model_id = @ModelId AND deleted_at IS NULL"))
            .ToList();
        var shares = (await Query<ShareRow>("""
            SELECT s.allocation_key_id, s.payer_id, s.weight FROM allocation_key_share s JOIN allocation_key k ON k.id = s.allocation_key_id
            WHERE k.governance_model_id = @ModelId AND k.deleted_at IS NULL ORDER BY s.allocation_key_id, s.ordinal
            """)).ToList();

        var terms = (await Query<ElectionTermRow>("SELECT id, code, name, starts_on, ends_on FROM election_term WHERE governance_model_id = @ModelId")).ToList();

        var used = new HashSet<Guid>(parties.Select(p => p.OrganisationId));
        foreach (var id in bodies.SelectMany(b => new[] { b.HostOrganisationId, b.ServedByOrganisationId })
                     .Concat(seats.SelectMany(s => new[] { s.RepresentsOrganisationId, s.AppointedByOrganisationId }))
                     .Concat(staff.Select(s => (Guid?)s.EmployerOrganisationId))
                     .Concat(payers.Select(p => p.OrganisationId))
                     .Concat(members.Select(m => (Guid?)m.OrganisationId)))
        {
            if (id is { } value)
            {
                used.Add(value);
            }
        }
        var parameters = new DynamicParameters();
        var organisations = used.Count == 0 ? [] : (await connection.QueryAsync<OrganisationRow>(new CommandDefinition(
            "SELECT id, kind, name, short_name, municipality_code, region_code, cvr FROM organisation WHERE id IN " + SqlIn.Guids(parameters, "Org", used),
            parameters, transaction, cancellationToken: cancellationToken))).ToList();
        return new Snapshot
        {
            Model = model, Organisations = organisations, Parties = parties, Bodies = bodies, Seats = seats, CompositionRules = rules, Staff = staff,
            Relations = relations, Interests = interests, RoutingRules = routingRules, Steps = steps, Payers = payers, PayerMembers = members,
            Programmes = programmes, Keys = keys, Shares = shares, ElectionTerms = terms,
        };
    }
}
