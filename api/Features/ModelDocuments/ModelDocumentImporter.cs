using System.Data.Common;
using System.Text.Json;
using Dapper;
using Klima.Api.Infrastructure.Localization;
using static Klima.Api.Features.ModelDocuments.ModelDocumentsStore;

namespace Klima.Api.Features.ModelDocuments;

/// <summary>
/// Imports a model document inside the caller's transaction: the model is found by its code, and each element by its
/// key inside the model (bodies, interests, rules, payers, programmes and allocation keys by code; seats by body and
/// ordinal; composition rules by body and code; staff positions by body and title; relations by from, to and kind).
/// An element that exists and differs is changed (its version moves); one that is missing is created; one that is in the
/// database but not in the document is left as it is. Organisations are shared between models: one is matched by
/// municipality code, region code, CVR or, failing those, its exact name, and created only when none matches.
/// New rows take their ids from <see cref="IdSource"/> (fresh ids, or the seed's fixed ids).
/// </summary>
internal static class ModelDocumentImporter
{
    /// <summary>Gives the id for a new element named by an identity such as <c>body:kkr</c> or <c>seat:kkr#3</c>.</summary>
    public delegate Guid IdSource(string identity);

    public static IdSource FreshIds(DateTimeOffset now) => _ => Guid.CreateVersion7(now);

    /// <summary>Fixed ids by identity (the seed's, so that its other scripts and existing links keep working), fresh ones for the rest.</summary>
    public static IdSource FixedIds(IReadOnlyDictionary<string, Guid> ids, DateTimeOffset now) =>
        identity => ids.TryGetValue(identity, out var id) ? id : Guid.CreateVersion7(now);

    /// <summary>Refusals found against the database, each by the JSON path of the value.</summary>
    internal sealed class Refused(Dictionary<string, List<string>> errors) : Exception("The model document was refused.")
    {
        public Dictionary<string, List<string>> Errors { get; } = errors;
    }

    private sealed class Tally(bool dryRun, string modelCode, bool createOnly)
    {
        public List<ModelChange> Changes { get; } = [];
        public int Unchanged { get; set; }

        public bool Record(string path, string element, string key, List<string>? diff)
        {
            if (diff is null)
            {
                Changes.Add(new ModelChange("create", path, element, key));
                return true;
            }
            if (diff.Count > 0 && !createOnly)
            {
                Changes.Add(new ModelChange("change", path, element, key, diff));
                return true;
            }
            Unchanged++;
            return false;
        }

        public ModelImportResponse Response(Guid? modelId) => new()
        {
            DryRun = dryRun, ModelCode = modelCode, GovernanceModelId = modelId, Changes = Changes,
            Created = Changes.Count(c => c.Action == "create"), Changed = Changes.Count(c => c.Action == "change"), Unchanged = Unchanged,
        };
    }

    /// <summary>The fields whose values differ (null when there is no existing element: a creation).</summary>
    private static List<string>? Diff<T>(T incoming, T? existing) where T : class
    {
        if (existing is null)
        {
            return null;
        }
        var a = JsonSerializer.SerializeToElement(incoming, ModelDocument.Json);
        var b = JsonSerializer.SerializeToElement(existing, ModelDocument.Json);
        var names = a.EnumerateObject().Select(p => p.Name).Union(b.EnumerateObject().Select(p => p.Name), StringComparer.Ordinal);
        return names.Where(n =>
        {
            var x = a.TryGetProperty(n, out var xv) ? xv.GetRawText() : "null";
            var y = b.TryGetProperty(n, out var yv) ? yv.GetRawText() : "null";
            return !string.Equals(x, y, StringComparison.Ordinal);
        }).ToList();
    }

    private static string Ref(Guid id) => "#" + id.ToString("D");

    private static Guid? Id(string? reference) => reference is null ? null : Guid.Parse(reference[1..]);

    /// <param name="createOnly">Only create what is missing and leave every existing element as it is (the seed, replayed on a database
    /// whose model people may have edited since).</param>
    public static async Task<ModelImportResponse> ImportAsync(DbConnection connection, DbTransaction transaction, ModelDocument doc, IdSource ids, DateTimeOffset now,
        bool dryRun, CancellationToken ct, bool createOnly = false)
    {
        var tally = new Tally(dryRun, doc.Model!.Code!, createOnly);
        CommandDefinition Cmd(string sql, object? args = null) => new(sql, args, transaction, cancellationToken: ct);

        // Organisations: matched across the whole register, never duplicated.
        var allOrganisations = (await connection.QueryAsync<OrganisationRow>(Cmd(
            "SELECT id, kind, name, short_name, municipality_code, region_code, cvr FROM organisation WHERE deleted_at IS NULL ORDER BY id"))).ToList();
        var orgId = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var matchedBy = new Dictionary<Guid, int>();
        var refusals = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var organisations = doc.Organisations ?? [];
        for (var i = 0; i < organisations.Count; i++)
        {
            var o = organisations[i];
            var match = o.MunicipalityCode is not null ? allOrganisations.FirstOrDefault(x => x.MunicipalityCode == o.MunicipalityCode)
                : o.RegionCode is not null ? allOrganisations.FirstOrDefault(x => x.RegionCode == o.RegionCode)
                : o.Cvr is not null ? allOrganisations.FirstOrDefault(x => x.Cvr == o.Cvr)
                : null;
            match ??= allOrganisations.FirstOrDefault(x => string.Equals(x.Name, o.Name, StringComparison.Ordinal)
                                                        && (o.MunicipalityCode is null || x.MunicipalityCode is null) && (o.RegionCode is null || x.RegionCode is null));
            if (match is not null && !matchedBy.TryAdd(match.Id, i))
            {
                refusals[$"$.organisations[{i}]"] = [Messages.Get("ModelDocument.SameOrganisation", matchedBy[match.Id], match.Name)];
                continue;
            }
            var incoming = o with { Key = null };
            var existing = match is null ? null : new DocOrganisation
            {
                Kind = match.Kind, Name = match.Name, ShortName = match.ShortName, MunicipalityCode = match.MunicipalityCode, RegionCode = match.RegionCode, Cvr = match.Cvr,
            };
            var id = match?.Id ?? ids($"organisation:{o.Key}");
            orgId[o.Key!] = id;
            if (!tally.Record($"$.organisations[{i}]", "organisation", o.Key!, Diff(incoming, existing)))
            {
                continue;
            }
            var args = new { Id = id, o.Kind, o.Name, o.ShortName, o.MunicipalityCode, o.RegionCode, o.Cvr, Now = now };
            if (match is null)
            {
                await connection.ExecuteAsync(Cmd("""
                    INSERT INTO organisation (id, kind, name, short_name, municipality_code, region_code, cvr, version, created_at, modified_at)
                    VALUES (@Id, @Kind, @Name, @ShortName, @MunicipalityCode, @RegionCode, @Cvr, 1, @Now, @Now)
                    """, args));
            }
            else
            {
                await connection.ExecuteAsync(Cmd("""
                    UPDATE organisation SET kind = @Kind, name = @Name, short_name = @ShortName, municipality_code = @MunicipalityCode, region_code = @RegionCode,
                        cvr = @Cvr, version = version + 1, modified_at = @Now
                    WHERE id = @Id
                    """, args));
            }
        }
        if (refusals.Count > 0)
        {
            throw new Refused(refusals);
        }

        // The model, by code.
        var header = doc.Model!;
        var modelId = await FindModelAsync(connection, header.Code!, transaction, ct);
        var snapshot = modelId is { } found ? await LoadAsync(connection, found, transaction, ct) : null;
        var before = snapshot?.ToDocument(Ref);
        var model = modelId ?? ids($"model:{header.Code}");
        if (tally.Record("$.model", "model", header.Code!, Diff(header, before?.Model)))
        {
            var args = new { Id = model, header.Code, header.Name, header.Description, header.ValidFrom, header.ValidTo, Now = now };
            await connection.ExecuteAsync(Cmd(modelId is null
                ? """
                  INSERT INTO governance_model (id, code, name, description, valid_from, valid_to, version, created_at, modified_at)
                  VALUES (@Id, @Code, @Name, @Description, @ValidFrom, @ValidTo, 1, @Now, @Now)
                  """
                : "UPDATE governance_model SET name = @Name, description = @Description, valid_from = @ValidFrom, valid_to = @ValidTo, version = version + 1, modified_at = @Now WHERE id = @Id",
                args));
        }

        // The document in the comparison's terms: organisations as ids, amounts with two decimals.
        string? O(string? key) => key is null ? null : Ref(orgId[key]);
        var after = Rekey(doc, O);

        // Parties.
        var parties = after.Parties ?? [];
        for (var i = 0; i < parties.Count; i++)
        {
            var p = parties[i];
            var existing = before?.Parties?.FirstOrDefault(x => x.Organisation == p.Organisation);
            if (tally.Record($"$.parties[{i}]", "party", doc.Parties![i].Organisation!, Diff(p, existing)))
            {
                var args = new { Model = model, Organisation = Id(p.Organisation), p.Role };
                await connection.ExecuteAsync(Cmd(existing is null
                    ? "INSERT INTO governance_model_party (governance_model_id, organisation_id, role) VALUES (@Model, @Organisation, @Role)"
                    : "UPDATE governance_model_party SET role = @Role WHERE governance_model_id = @Model AND organisation_id = @Organisation", args));
            }
        }

        // Bodies: every body's id is known before any is written, so bodies may refer to each other in any order.
        var bodies = after.Bodies ?? [];
        var bodyId = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var oldBodies = snapshot?.Bodies.ToDictionary(b => b.Code, StringComparer.Ordinal) ?? [];
        foreach (var b in bodies)
        {
            bodyId[b.Code!] = oldBodies.TryGetValue(b.Code!, out var old) ? old.Id : ids($"body:{b.Code}");
        }
        Guid? B(string? code) => code is null ? null : bodyId[code];
        for (var i = 0; i < bodies.Count; i++)
        {
            var b = bodies[i];
            var existing = before?.Bodies?.FirstOrDefault(x => x.Code == b.Code);
            var own = b with { Seats = null, CompositionRules = null, StaffPositions = null };
            if (!tally.Record($"$.bodies[{i}]", "body", b.Code!, Diff(own, existing is null ? null : existing with { Seats = null, CompositionRules = null, StaffPositions = null })))
            {
                continue;
            }
            var args = new
            {
                Id = bodyId[b.Code!], Model = model, b.Code, b.Name, b.NameEn, b.Kind, b.Mandate, b.CanDecide, Host = Id(b.HostOrganisation),
                ServedByOrganisation = Id(b.ServedByOrganisation), b.EstablishedOn, b.EstablishedByCaseRef, b.DissolvedOn, b.DissolvedByCaseRef, Now = now,
            };
            await connection.ExecuteAsync(Cmd(existing is null
                ? """
                  INSERT INTO body (id, governance_model_id, code, name, name_en, kind, mandate, can_decide, host_organisation_id, served_by_organisation_id,
                      established_on, established_by_case_ref, dissolved_on, dissolved_by_case_ref, version, created_at, modified_at)
                  VALUES (@Id, @Model, @Code, @Name, @NameEn, @Kind, @Mandate, @CanDecide, @Host, @ServedByOrganisation,
                      @EstablishedOn, @EstablishedByCaseRef, @DissolvedOn, @DissolvedByCaseRef, 1, @Now, @Now)
                  """
                : """
                  UPDATE body SET name = @Name, name_en = @NameEn, kind = @Kind, mandate = @Mandate, can_decide = @CanDecide, host_organisation_id = @Host,
                      served_by_organisation_id = @ServedByOrganisation, established_on = @EstablishedOn, established_by_case_ref = @EstablishedByCaseRef,
                      dissolved_on = @DissolvedOn, dissolved_by_case_ref = @DissolvedByCaseRef, version = version + 1, modified_at = @Now
                  WHERE id = @Id
                  """, args));
        }
        foreach (var b in bodies)
        {
            var current = oldBodies.TryGetValue(b.Code!, out var old) ? old.ServedByBodyId : null;
            if (B(b.ServedByBody) != current && !(createOnly && old is not null))
            {
                await connection.ExecuteAsync(Cmd("UPDATE body SET served_by_body_id = @ServedBy WHERE id = @Id", new { Id = bodyId[b.Code!], ServedBy = B(b.ServedByBody) }));
            }
        }

        // Seats and composition rules of each body.
        var oldSeats = snapshot?.Seats.ToDictionary(s => (s.BodyId, s.Ordinal)) ?? [];
        var oldRules = snapshot?.CompositionRules.ToDictionary(r => (r.BodyId, r.Code)) ?? [];
        for (var i = 0; i < bodies.Count; i++)
        {
            var b = bodies[i];
            var existingBody = before?.Bodies?.FirstOrDefault(x => x.Code == b.Code);
            var seats = b.Seats ?? [];
            for (var s = 0; s < seats.Count; s++)
            {
                var seat = seats[s];
                var existing = existingBody?.Seats?.FirstOrDefault(x => x.Ordinal == seat.Ordinal);
                if (!tally.Record($"$.bodies[{i}].seats[{s}]", "seat", $"{b.Code}#{seat.Ordinal}", Diff(seat, existing)))
                {
                    continue;
                }
                var id = oldSeats.TryGetValue((bodyId[b.Code!], seat.Ordinal!.Value), out var old) ? old.Id : ids($"seat:{b.Code}#{seat.Ordinal}");
                var args = new
                {
                    Id = id, Body = bodyId[b.Code!], seat.Ordinal, seat.Label, seat.Category, seat.Role, seat.Voting, Represents = Id(seat.Organisation),
                    ByOrganisation = Id(seat.AppointedByOrganisation), ByBody = B(seat.AppointedByBody), Now = now,
                };
                await connection.ExecuteAsync(Cmd(existing is null
                    ? """
                      INSERT INTO seat (id, body_id, ordinal, label, category, role, voting, represents_organisation_id, appointed_by_organisation_id, appointed_by_body_id,
                          version, created_at, modified_at)
                      VALUES (@Id, @Body, @Ordinal, @Label, @Category, @Role, @Voting, @Represents, @ByOrganisation, @ByBody, 1, @Now, @Now)
                      """
                    : """
                      UPDATE seat SET label = @Label, category = @Category, role = @Role, voting = @Voting, represents_organisation_id = @Represents,
                          appointed_by_organisation_id = @ByOrganisation, appointed_by_body_id = @ByBody, version = version + 1, modified_at = @Now
                      WHERE id = @Id
                      """, args));
            }
            var rules = b.CompositionRules ?? [];
            for (var r = 0; r < rules.Count; r++)
            {
                var rule = rules[r];
                var existing = existingBody?.CompositionRules?.FirstOrDefault(x => x.Code == rule.Code);
                if (!tally.Record($"$.bodies[{i}].compositionRules[{r}]", "compositionRule", $"{b.Code}/{rule.Code}", Diff(rule, existing)))
                {
                    continue;
                }
                var id = oldRules.TryGetValue((bodyId[b.Code!], rule.Code!), out var old) ? old.Id : ids($"compositionRule:{b.Code}/{rule.Code}");
                var args = new
                {
                    Id = id, Body = bodyId[b.Code!], rule.Code, rule.Kind, rule.Severity, rule.Value, rule.Category, RefBody = B(rule.RefBody), rule.Description, Now = now,
                };
                await connection.ExecuteAsync(Cmd(existing is null
                    ? """
                      INSERT INTO composition_rule (id, body_id, code, kind, severity, int_value, category, ref_body_id, description, version, created_at, modified_at)
                      VALUES (@Id, @Body, @Code, @Kind, @Severity, @Value, @Category, @RefBody, @Description, 1, @Now, @Now)
                      """
                    : """
                      UPDATE composition_rule SET kind = @Kind, severity = @Severity, int_value = @Value, category = @Category, ref_body_id = @RefBody,
                          description = @Description, version = version + 1, modified_at = @Now
                      WHERE id = @Id
                      """, args));
            }
        }

        // Relations, by from, to and kind.
        var oldRelations = snapshot?.Relations.ToDictionary(r => (r.FromBodyId, r.ToBodyId, r.Kind)) ?? [];
        var relations = after.Relations ?? [];
        for (var i = 0; i < relations.Count; i++)
        {
            var r = relations[i];
            var existing = before?.Relations?.FirstOrDefault(x => x.From == r.From && x.To == r.To && x.Kind == r.Kind);
            if (!tally.Record($"$.relations[{i}]", "relation", $"{r.From}>{r.To}:{r.Kind}", Diff(r, existing)))
            {
                continue;
            }
            var id = oldRelations.TryGetValue((bodyId[r.From!], bodyId[r.To!], r.Kind!), out var old) ? old.Id : ids($"relation:{r.From}>{r.To}:{r.Kind}");
            var args = new { Id = id, Model = model, From = bodyId[r.From!], To = bodyId[r.To!], r.Kind, r.Note, Now = now };
            await connection.ExecuteAsync(Cmd(existing is null
                ? """
                  INSERT INTO body_relation (id, governance_model_id, from_body_id, to_body_id, kind, note, version, created_at, modified_at)
                  VALUES (@Id, @Model, @From, @To, @Kind, @Note, 1, @Now, @Now)
                  """
                : "UPDATE body_relation SET note = @Note, version = version + 1, modified_at = @Now WHERE id = @Id", args));
        }

        // Case interests.
        var interests = after.Interests ?? [];
        for (var i = 0; i < interests.Count; i++)
        {
            var interest = interests[i];
            var existing = before?.Interests?.FirstOrDefault(x => x.Code == interest.Code);
            if (tally.Record($"$.interests[{i}]", "interest", interest.Code!, Diff(interest, existing)))
            {
                var args = new { Model = model, interest.Code, interest.Name, interest.NameEn, interest.Description, interest.Ordinal };
                await connection.ExecuteAsync(Cmd(existing is null
                    ? "INSERT INTO case_interest (governance_model_id, code, name, name_en, description, ordinal) VALUES (@Model, @Code, @Name, @NameEn, @Description, @Ordinal)"
                    : "UPDATE case_interest SET name = @Name, name_en = @NameEn, description = @Description, ordinal = @Ordinal, version = version + 1 WHERE governance_model_id = @Model AND code = @Code", args));
            }
        }

        // Routing rules; a changed rule's steps are written anew (cases keep the route they were given).
        var oldRoutingRules = snapshot?.RoutingRules.ToDictionary(r => r.Code, StringComparer.Ordinal) ?? [];
        var routingRules = after.RoutingRules ?? [];
        for (var i = 0; i < routingRules.Count; i++)
        {
            var rule = routingRules[i];
            var existing = before?.RoutingRules?.FirstOrDefault(x => x.Code == rule.Code);
            var diff = Diff(rule, existing);
            if (!tally.Record($"$.routingRules[{i}]", "routingRule", rule.Code!, diff))
            {
                continue;
            }
            var id = oldRoutingRules.TryGetValue(rule.Code!, out var old) ? old.Id : ids($"routingRule:{rule.Code}");
            var args = new
            {
                Id = id, Model = model, rule.Code, rule.Name, rule.Description, InterestCode = rule.Interest, rule.RequiresCouncilDecision, rule.Priority,
                rule.SourceReference, Now = now,
            };
            await connection.ExecuteAsync(Cmd(existing is null
                ? """
                  INSERT INTO routing_rule (id, governance_model_id, code, name, description, interest_code, requires_council_decision, priority, source_reference,
                      version, created_at, modified_at)
                  VALUES (@Id, @Model, @Code, @Name, @Description, @InterestCode, @RequiresCouncilDecision, @Priority, @SourceReference, 1, @Now, @Now)
                  """
                : """
                  UPDATE routing_rule SET name = @Name, description = @Description, interest_code = @InterestCode, requires_council_decision = @RequiresCouncilDecision,
                      priority = @Priority, source_reference = @SourceReference, version = version + 1, modified_at = @Now
                  WHERE id = @Id
                  """, args));
            if (existing is not null && diff!.Contains("steps"))
            {
                await connection.ExecuteAsync(Cmd("DELETE FROM routing_rule_step WHERE routing_rule_id = @Id", new { Id = id }));
            }
            if (existing is null || diff!.Contains("steps"))
            {
                foreach (var step in rule.Steps ?? [])
                {
                    await connection.ExecuteAsync(Cmd("""
                        INSERT INTO routing_rule_step (id, routing_rule_id, stage_ordinal, stage_name, ordinal, body_id, fan_out, fan_out_party_kind, role, authoritative,
                            deadline_days, note)
                        VALUES (@Id, @Rule, @Stage, @StageName, @Ordinal, @Body, @FanOut, @FanOutPartyKind, @Role, @Authoritative, @DeadlineDays, @Note)
                        """, new
                    {
                        Id = ids($"routingStep:{rule.Code}/{step.Stage}.{step.Ordinal}"), Rule = id, step.Stage, step.StageName, step.Ordinal, Body = B(step.Body),
                        step.FanOut, step.FanOutPartyKind, step.Role, step.Authoritative, step.DeadlineDays, step.Note,
                    }));
                }
            }
        }

        // Payers and their members.
        var oldPayers = snapshot?.Payers.ToDictionary(p => p.Code, StringComparer.Ordinal) ?? [];
        var payers = after.Payers ?? [];
        var payerId = new Dictionary<string, Guid>(StringComparer.Ordinal);
        for (var i = 0; i < payers.Count; i++)
        {
            var payer = payers[i];
            var existing = before?.Payers?.FirstOrDefault(x => x.Code == payer.Code);
            var id = oldPayers.TryGetValue(payer.Code!, out var old) ? old.Id : ids($"payer:{payer.Code}");
            payerId[payer.Code!] = id;
            var incoming = payer with { Members = payer.Members is { Count: > 0 } m ? m.Order(StringComparer.Ordinal).ToList() : null };
            var diff = Diff(incoming, existing);
            if (!tally.Record($"$.payers[{i}]", "payer", payer.Code!, diff))
            {
                continue;
            }
            var args = new { Id = id, Model = model, payer.Code, payer.Name, Organisation = Id(payer.Organisation), payer.Note, Now = now };
            await connection.ExecuteAsync(Cmd(existing is null
                ? """
                  INSERT INTO funding_payer (id, governance_model_id, code, name, organisation_id, note, version, created_at, modified_at)
                  VALUES (@Id, @Model, @Code, @Name, @Organisation, @Note, 1, @Now, @Now)
                  """
                : "UPDATE funding_payer SET name = @Name, organisation_id = @Organisation, note = @Note, version = version + 1, modified_at = @Now WHERE id = @Id", args));
            if (existing is null || diff!.Contains("members"))
            {
                await connection.ExecuteAsync(Cmd("DELETE FROM funding_payer_member WHERE payer_id = @Id", new { Id = id }));
                foreach (var member in payer.Members ?? [])
                {
                    await connection.ExecuteAsync(Cmd("INSERT INTO funding_payer_member (payer_id, organisation_id) VALUES (@Id, @Organisation)",
                        new { Id = id, Organisation = Id(member) }));
                }
            }
        }

        // Programmes: written without their parent first, so phases may come before their programme in the document.
        var oldProgrammes = snapshot?.Programmes.ToDictionary(p => p.Code, StringComparer.Ordinal) ?? [];
        var programmes = after.Programmes ?? [];
        var programmeId = programmes.ToDictionary(p => p.Code!, p => oldProgrammes.TryGetValue(p.Code!, out var old) ? old.Id : ids($"programme:{p.Code}"),
            StringComparer.Ordinal);
        for (var i = 0; i < programmes.Count; i++)
        {
            var programme = programmes[i];
            var existing = before?.Programmes?.FirstOrDefault(x => x.Code == programme.Code);
            if (!tally.Record($"$.programmes[{i}]", "programme", programme.Code!, Diff(programme, existing)))
            {
                continue;
            }
            var args = new { Id = programmeId[programme.Code!], Model = model, programme.Code, programme.Name, programme.Description, programme.ValidFrom, programme.ValidTo, Now = now };
            await connection.ExecuteAsync(Cmd(existing is null
                ? """
                  INSERT INTO funding_programme (id, governance_model_id, code, name, description, valid_from, valid_to, version, created_at, modified_at)
                  VALUES (@Id, @Model, @Code, @Name, @Description, @ValidFrom, @ValidTo, 1, @Now, @Now)
                  """
                : """
                  UPDATE funding_programme SET name = @Name, description = @Description, valid_from = @ValidFrom, valid_to = @ValidTo, version = version + 1, modified_at = @Now
                  WHERE id = @Id
                  """, args));
        }
        foreach (var programme in programmes)
        {
            var current = oldProgrammes.TryGetValue(programme.Code!, out var old) ? old.ParentProgrammeId : null;
            Guid? parent = programme.Parent is null ? null : programmeId[programme.Parent];
            if (parent != current && !(createOnly && old is not null))
            {
                await connection.ExecuteAsync(Cmd("UPDATE funding_programme SET parent_programme_id = @Parent WHERE id = @Id", new { Id = programmeId[programme.Code!], Parent = parent }));
            }
        }

        // Allocation keys: a changed key gets its shares anew and its revision moves.
        var oldKeys = snapshot?.Keys.ToDictionary(k => k.Code, StringComparer.Ordinal) ?? [];
        var keys = after.AllocationKeys ?? [];
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var existing = before?.AllocationKeys?.FirstOrDefault(x => x.Code == key.Code);
            var incoming = key with
            {
                Shares = key.Shares!.Select(s => s with { Weight = key.Method == "equalSplit" ? null : s.Weight }).ToList(),
            };
            var diff = Diff(incoming, existing);
            if (!tally.Record($"$.allocationKeys[{i}]", "allocationKey", key.Code!, diff))
            {
                continue;
            }
            var id = oldKeys.TryGetValue(key.Code!, out var old) ? old.Id : ids($"allocationKey:{key.Code}");
            var args = new { Id = id, Model = model, key.Code, key.Name, key.Method, key.Description, key.BasisNote, Now = now };
            await connection.ExecuteAsync(Cmd(existing is null
                ? """
                  INSERT INTO allocation_key (id, governance_model_id, code, name, method, description, basis_note, version, created_at, modified_at)
                  VALUES (@Id, @Model, @Code, @Name, @Method, @Description, @BasisNote, 1, @Now, @Now)
                  """
                : """
                  UPDATE allocation_key SET name = @Name, method = @Method, description = @Description, basis_note = @BasisNote, version = version + 1, modified_at = @Now
                  WHERE id = @Id
                  """, args));
            await connection.ExecuteAsync(Cmd("DELETE FROM allocation_key_share WHERE allocation_key_id = @Id", new { Id = id }));
            for (var s = 0; s < key.Shares!.Count; s++)
            {
                await connection.ExecuteAsync(Cmd("INSERT INTO allocation_key_share (allocation_key_id, payer_id, ordinal, weight) VALUES (@Id, @Payer, @Ordinal, @Weight)",
                    new { Id = id, Payer = payerId.TryGetValue(key.Shares[s].Payer!, out var p) ? p : Guid.Empty, Ordinal = s + 1, Weight = key.Shares[s].Weight ?? 1 }));
            }
        }

        // Staff positions, last: they refer to programmes.
        var oldStaff = snapshot?.Staff.ToDictionary(s => (s.BodyId, s.Title)) ?? [];
        for (var i = 0; i < bodies.Count; i++)
        {
            var b = bodies[i];
            var existingBody = before?.Bodies?.FirstOrDefault(x => x.Code == b.Code);
            var staff = b.StaffPositions ?? [];
            for (var s = 0; s < staff.Count; s++)
            {
                var position = staff[s];
                var existing = existingBody?.StaffPositions?.FirstOrDefault(x => x.Title == position.Title);
                if (!tally.Record($"$.bodies[{i}].staffPositions[{s}]", "staffPosition", $"{b.Code}/{position.Title}", Diff(position, existing)))
                {
                    continue;
                }
                var id = oldStaff.TryGetValue((bodyId[b.Code!], position.Title!), out var old) ? old.Id : ids($"staffPosition:{b.Code}/{position.Title}");
                var args = new
                {
                    Id = id, Body = bodyId[b.Code!], position.Title, Employer = Id(position.Employer), Placement = B(position.PlacementBody), Manager = B(position.DailyManagerBody),
                    position.DailyManagerRole, Fte = (int)(position.Fte!.Value * 100), position.ValidFrom, position.ValidTo, position.Note,
                    Programme = position.FundingProgramme is null ? (Guid?)null : programmeId[position.FundingProgramme],
                    Cost = position.AnnualCost is { } cost ? (long?)(cost * 100) : null, position.AnnualCostNote, Now = now,
                };
                await connection.ExecuteAsync(Cmd(existing is null
                    ? """
                      INSERT INTO staff_position (id, body_id, title, employer_organisation_id, placement_body_id, daily_manager_body_id, daily_manager_role, fte_hundredths,
                          valid_from, valid_to, note, funding_programme_id, annual_cost_ore, annual_cost_note, version, created_at, modified_at)
                      VALUES (@Id, @Body, @Title, @Employer, @Placement, @Manager, @DailyManagerRole, @Fte, @ValidFrom, @ValidTo, @Note, @Programme, @Cost, @AnnualCostNote,
                          1, @Now, @Now)
                      """
                    : """
                      UPDATE staff_position SET employer_organisation_id = @Employer, placement_body_id = @Placement, daily_manager_body_id = @Manager,
                          daily_manager_role = @DailyManagerRole, fte_hundredths = @Fte, valid_from = @ValidFrom, valid_to = @ValidTo, note = @Note,
                          funding_programme_id = @Programme, annual_cost_ore = @Cost, annual_cost_note = @AnnualCostNote, version = version + 1, modified_at = @Now
                      WHERE id = @Id
                      """, args));
            }
        }
        // The model's own election terms, by code; a code is unique in the register, so one held by the national terms or
        // another model is refused by path.
        var terms = after.ElectionTerms ?? [];
        var oldTerms = snapshot?.ElectionTerms.ToDictionary(t => t.Code, StringComparer.Ordinal) ?? [];
        for (var i = 0; i < terms.Count; i++)
        {
            var term = terms[i];
            if (!oldTerms.ContainsKey(term.Code!) && await connection.ExecuteScalarAsync<int>(Cmd(
                    "SELECT COUNT(*) FROM election_term WHERE code = @Code", new { term.Code })) > 0)
            {
                throw new Refused(new Dictionary<string, List<string>> { [$"$.electionTerms[{i}].code"] = [Messages.Get("ModelDocument.TermCodeTaken", term.Code)] });
            }
            var existing = before?.ElectionTerms?.FirstOrDefault(x => x.Code == term.Code);
            if (!tally.Record($"$.electionTerms[{i}]", "electionTerm", term.Code!, Diff(term, existing)))
            {
                continue;
            }
            var args = new { Id = oldTerms.TryGetValue(term.Code!, out var old) ? old.Id : ids($"electionTerm:{term.Code}"), Model = model, term.Code, term.Name, term.StartsOn, term.EndsOn };
            await connection.ExecuteAsync(Cmd(existing is null
                ? "INSERT INTO election_term (id, code, name, starts_on, ends_on, governance_model_id) VALUES (@Id, @Code, @Name, @StartsOn, @EndsOn, @Model)"
                : "UPDATE election_term SET name = @Name, starts_on = @StartsOn, ends_on = @EndsOn WHERE id = @Id", args));
        }
        return tally.Response(modelId is null && dryRun ? null : model);
    }

    /// <summary>The document with every organisation reference passed through <paramref name="org"/> and amounts at two decimals.</summary>
    private static ModelDocument Rekey(ModelDocument doc, Func<string?, string?> org) => doc with
    {
        Parties = doc.Parties?.Select(p => p with { Organisation = org(p.Organisation) }).ToList(),
        Bodies = doc.Bodies?.Select(b => b with
        {
            HostOrganisation = org(b.HostOrganisation),
            ServedByOrganisation = org(b.ServedByOrganisation),
            Seats = b.Seats?.Select(s => s with { Organisation = org(s.Organisation), AppointedByOrganisation = org(s.AppointedByOrganisation) }).ToList(),
            StaffPositions = b.StaffPositions?.Select(s => s with
            {
                Employer = org(s.Employer), Fte = TwoDecimals(s.Fte), AnnualCost = TwoDecimals(s.AnnualCost),
            }).ToList(),
        }).ToList(),
        Payers = doc.Payers?.Select(p => p with { Organisation = org(p.Organisation), Members = p.Members?.Select(m => org(m)!).ToList() }).ToList(),
    };
}
