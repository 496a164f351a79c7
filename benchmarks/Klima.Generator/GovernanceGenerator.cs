using Klima.Api.Features.Organisations;

namespace Klima.Generator;

/// <summary>
/// The national governance register: 5 regions and 98 municipalities (created through the API's CreateOrganisation
/// command and its validator), one governance model per region (North Jutland's comes from the seed), the model's
/// joint bodies, a council, a climate committee and a climate network per municipality, their seats, people, and
/// membership histories over the 2018, 2022 and 2026 election terms with mid-term replacements.
/// </summary>
internal sealed class GovernanceGenerator(GenerationContext context)
{
    private static readonly DateTimeOffset Stamp = new(2023, 4, 13, 0, 0, 0, TimeSpan.Zero);
    private static readonly (string Code, DateOnly From, DateOnly To)[] Terms =
    [
        ("2018-2022", new(2018, 1, 1), new(2022, 1, 1)),
        ("2022-2026", new(2022, 1, 1), new(2026, 1, 1)),
        ("2026-2030", new(2026, 1, 1), new(2030, 1, 1)),
    ];

    public sealed record ModelInfo(Guid Id, string Code, Guid RegionId, IReadOnlyList<(Guid Id, string Code, string Name)> Municipalities,
        Dictionary<string, Guid> Bodies);

    public List<ModelInfo> Models { get; } = [];

    private sealed record SeatPlan(Guid Id, Guid BodyId, Guid OrganisationId, bool Political);

    public async Task RunAsync(Manifest manifest)
    {
        var organisations = await OrganisationsAsync();
        var seats = new List<SeatPlan>();
        await ModelsAndBodiesAsync(organisations, seats);
        await PeopleAndMembershipsAsync(organisations, seats);
        GenerationState.Governance = this;
        var north = Models[0];
        manifest.Samples["governanceModelId"] = north.Id.ToString();
        manifest.Samples["bodyId"] = north.Bodies["kkr"].ToString();
        manifest.Samples["organisationId"] = north.Municipalities[0].Id.ToString();
        manifest.Samples["largestModelId"] = Models.OrderByDescending(m => m.Municipalities.Count).First().Id.ToString();
    }

    private async Task<Dictionary<string, Guid>> OrganisationsAsync()
    {
        var existing = (await context.QueryAsync<(string? Municipality, string? Region, Guid Id)>(
                "SELECT municipality_code, region_code, id FROM organisation WHERE deleted_at IS NULL"))
            .ToDictionary(o => o.Municipality ?? o.Region ?? o.Id.ToString(), o => o.Id, StringComparer.Ordinal);
        using var phase = context.Progress.Start("organisations (CreateOrganisation)", 103);
        context.Clock.Now = Stamp;
        foreach (var region in Denmark.Regions)
        {
            if (!existing.ContainsKey(region.Code))
            {
                var created = await context.SendAsync(new CreateOrganisation.Command(OrganisationKind.Region, region.Name, region.ShortName, null, region.Code, null));
                existing[region.Code] = created.Id;
            }
            phase.Add();
            foreach (var (code, name) in region.Municipalities.Select(Denmark.Split))
            {
                if (!existing.ContainsKey(code))
                {
                    var created = await context.SendAsync(new CreateOrganisation.Command(OrganisationKind.Municipality, $"{name} Kommune", name, code, null, null));
                    existing[code] = created.Id;
                }
                phase.Add();
            }
        }
        return existing;
    }

    private async Task ModelsAndBodiesAsync(Dictionary<string, Guid> organisations, List<SeatPlan> seats)
    {
        var existingModels = (await context.QueryAsync<(string Code, Guid Id)>("SELECT code, id FROM governance_model"))
            .ToDictionary(m => m.Code, m => m.Id, StringComparer.Ordinal);
        var existingBodies = (await context.QueryAsync<(Guid Model, string Code, Guid Id)>("SELECT governance_model_id, code, id FROM body"))
            .ToDictionary(b => (b.Model, b.Code), b => b.Id);
        var modelRows = new List<object>();
        var partyRows = new List<object>();
        var bodyRows = new List<object>();
        var relationRows = new List<object>();
        var seatRows = new List<object>();
        var dice = context.Dice;

        foreach (var region in Denmark.Regions)
        {
            var regionId = organisations[region.Code];
            var municipalities = region.Municipalities.Select(Denmark.Split).Select(m => (organisations[m.Code], m.Code, m.Name)).ToList();
            var isNew = !existingModels.TryGetValue(region.ModelCode, out var modelId);
            if (isNew)
            {
                modelId = dice.Id(Stamp);
                modelRows.Add(new
                {
                    Id = modelId, Code = region.ModelCode, Name = $"Klimaalliancen i {region.Name[7..]}",
                    Description = $"Den geografiske organisering af Klimaalliancen i {region.Name}: {municipalities.Count} kommuner og regionen.",
                    ValidFrom = new DateOnly(2023, 1, 1), ValidTo = new DateOnly(2028, 1, 1), Version = 1, CreatedAt = Stamp, ModifiedAt = Stamp,
                });
                partyRows.Add(new { GovernanceModelId = modelId, OrganisationId = regionId, Role = "member" });
                partyRows.AddRange(municipalities.Select(m => new { GovernanceModelId = modelId, OrganisationId = m.Item1, Role = "member" }));
            }
            var bodies = existingBodies.Where(b => b.Key.Model == modelId).ToDictionary(b => b.Key.Code, b => b.Value, StringComparer.Ordinal);
            Guid Body(string code, string name, string kind, bool decides, Guid? host)
            {
                if (existingBodies.TryGetValue((modelId, code), out var id))
                {
                    bodies[code] = id;
                    return id;
                }
                id = dice.Id(Stamp);
                bodies[code] = id;
                bodyRows.Add(new
                {
                    Id = id, GovernanceModelId = modelId, Code = code, Name = name, NameEn = (string?)null, Kind = kind, Mandate = $"{name} ({region.Name}).",
                    CanDecide = decides, HostOrganisationId = host, Version = 1, CreatedAt = Stamp, ModifiedAt = Stamp,
                });
                return id;
            }
            void Relation(string from, string to, string kind) => relationRows.Add(new
            {
                Id = dice.Id(Stamp), GovernanceModelId = modelId, FromBodyId = bodies[from], ToBodyId = bodies[to], Kind = kind, Note = (string?)null,
                Version = 1, CreatedAt = Stamp, ModifiedAt = Stamp,
            });
            var ordinals = new Dictionary<Guid, int>();
            void Seat(Guid body, string label, Guid organisation, bool voting, bool political, string role = "member")
            {
                var ordinal = ordinals[body] = ordinals.GetValueOrDefault(body) + 1;
                var id = dice.Id(Stamp);
                seats.Add(new SeatPlan(id, body, organisation, political));
                seatRows.Add(new
                {
                    Id = id, BodyId = body, Ordinal = ordinal, Label = label, Category = (string?)null, Role = role, Voting = voting,
                    RepresentsOrganisationId = organisation, AppointedByOrganisationId = organisation, AppointedByBodyId = (Guid?)null,
                    Version = 1, CreatedAt = Stamp, ModifiedAt = Stamp,
                });
            }

            if (isNew)
            {
                var board = Body("political-board", "Politisk styregruppe", "politicalBoard", true, regionId);
                var kkr = Body("kkr", $"KKR {region.Name[7..]}", "politicalForum", true, null);
                var council = Body("regional-council", "Regionsrådet", "council", true, regionId);
                var dialogue = Body("dialogue-forum", "Klimapolitisk Dialogforum", "dialogueForum", false, null);
                var directors = Body("technical-directors", "Tekniske direktører", "administrativeSteeringGroup", true, null);
                Body("project-steering-group", "Projektstyregruppen", "projectSteeringGroup", true, null);
                Body("climate-secretariat", "Klimasekretariatet", "secretariat", false, regionId);
                Relation("climate-secretariat", "political-board", "serves");
                Relation("climate-secretariat", "technical-directors", "serves");
                Relation("political-board", "climate-secretariat", "steers");
                Relation("technical-directors", "political-board", "preparesCasesFor");
                Relation("technical-directors", "kkr", "preparesCasesFor");
                Relation("project-steering-group", "technical-directors", "reportsTo");
                for (var i = 1; i <= 41; i++)
                {
                    Seat(council, $"Regionsrådsmedlem {i}", regionId, true, true, i == 1 ? "chair" : "member");
                }
                Seat(board, $"Regionsrådsformand, {region.Name}", regionId, true, true);
                foreach (var (id, _, name) in municipalities)
                {
                    Seat(board, $"Borgmester, {name} Kommune", id, true, true);
                    Seat(kkr, $"Politisk repræsentant 1, {name} Kommune", id, true, true);
                    Seat(kkr, $"Politisk repræsentant 2, {name} Kommune", id, true, true);
                    Seat(directors, $"Teknisk direktør, {name} Kommune", id, true, false);
                    for (var i = 1; i <= 4; i++)
                    {
                        Seat(dialogue, $"Politisk repræsentant {i}, {name} Kommune", id, false, true);
                    }
                }
            }
            foreach (var (id, code, name) in municipalities)
            {
                // North Jutland's councils come from the routing seed (the fan-out targets); the rest are generated.
                if (!existingBodies.ContainsKey((modelId, $"council-{code}")))
                {
                    var council = Body($"council-{code}", $"Kommunalbestyrelsen, {name} Kommune", "council", true, id);
                    for (var i = 1; i <= 25; i++)
                    {
                        Seat(council, $"Kommunalbestyrelsesmedlem {i}", id, true, true, i == 1 ? "chair" : "member");
                    }
                }
                if (existingBodies.ContainsKey((modelId, $"climate-committee-{code}")))
                {
                    continue;
                }
                var committee = Body($"climate-committee-{code}", $"Klimaudvalget, {name} Kommune", "workingGroup", false, id);
                var network = Body($"climate-network-{code}", $"Klimanetværket, {name} Kommune", "workingGroup", false, id);
                for (var i = 1; i <= 9; i++)
                {
                    Seat(committee, $"Udvalgsmedlem {i}", id, true, true, i == 1 ? "chair" : "member");
                }
                for (var i = 1; i <= 40; i++)
                {
                    Seat(network, $"Netværksdeltager {i}", id, false, false);
                }
                Relation($"climate-committee-{code}", $"council-{code}", "preparesCasesFor");
                Relation($"climate-network-{code}", $"climate-committee-{code}", "reportsTo");
            }
            Models.Add(new ModelInfo(modelId, region.ModelCode, regionId, municipalities, bodies));
        }

        using var phase = context.Progress.Start("models, bodies, relations, seats", modelRows.Count + bodyRows.Count + relationRows.Count + seatRows.Count);
        await context.InBatchesAsync(new[] { 0 }, 1, async (connection, transaction, _) =>
        {
            await Bulk.InsertAsync(connection, transaction, "governance_model", modelRows);
            await Bulk.InsertAsync(connection, transaction, "governance_model_party", partyRows);
            await Bulk.InsertAsync(connection, transaction, "body", bodyRows);
            await Bulk.InsertAsync(connection, transaction, "body_relation", relationRows);
            await Bulk.InsertAsync(connection, transaction, "seat", seatRows);
        }, phase);
        phase.Add(modelRows.Count + bodyRows.Count + relationRows.Count + seatRows.Count - 1);
    }

    private async Task PeopleAndMembershipsAsync(Dictionary<string, Guid> organisations, List<SeatPlan> seats)
    {
        var dice = context.Dice;
        var peopleCount = context.Options.Scaled(20_000, 50);
        if ((await context.QueryAsync<long>("SELECT COUNT(*) FROM person"))[0] >= peopleCount)
        {
            Console.Error.WriteLine("  people and memberships: already generated");
            return;
        }
        var people = new List<object>(peopleCount);
        var ids = new Guid[peopleCount];
        var homes = organisations.Values.ToList();
        for (var i = 0; i < peopleCount; i++)
        {
            ids[i] = dice.Id(Stamp);
            var first = dice.Pick(Denmark.FirstNames);
            var last = dice.Pick(Denmark.LastNames);
            people.Add(new
            {
                Id = ids[i], Name = $"{first} {last}", Title = dice.Chance(0.5) ? "Byrådsmedlem" : "Specialkonsulent",
                OrganisationId = dice.Pick(homes), Email = $"person{i}@example.invalid", Phone = (string?)null, Notes = (string?)null,
                Version = 1, CreatedAt = Stamp, ModifiedAt = Stamp,
            });
        }
        // Seats over three election terms: half of the holders continue into the next term, a fifth are replaced
        // mid-term; new holders are drawn from the pool in order so that every person gets a history.
        var next = 0;
        Guid NewPerson() => ids[next < ids.Length ? next++ : dice.Next(ids.Length)];
        var memberships = new List<object>();
        foreach (var seat in seats)
        {
            Guid? holder = null;
            foreach (var (index, term) in Terms.Index())
            {
                holder = holder is not null && dice.Chance(0.5) ? holder : NewPerson();
                var current = index == Terms.Length - 1;
                var to = current ? (DateOnly?)null : term.To;
                if (dice.Chance(0.2))
                {
                    var change = term.From.AddDays(dice.Next(200, 1200));
                    if (!current || change < new DateOnly(2026, 11, 1))
                    {
                        memberships.Add(Membership(seat, holder.Value, term.From, change, $"Udtrådt {change:yyyy-MM-dd}"));
                        holder = NewPerson();
                        memberships.Add(Membership(seat, holder.Value, change, to, null));
                        continue;
                    }
                }
                memberships.Add(Membership(seat, holder.Value, term.From, to, null));
            }
        }

        object Membership(SeatPlan seat, Guid person, DateOnly from, DateOnly? to, string? endReason)
        {
            var at = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return new
            {
                Id = dice.Id(at), SeatId = seat.Id, PersonId = person, ValidFrom = from, ValidTo = to,
                AppointedByDecisionRef = $"KB-{from.Year}-{dice.Next(1, 999):000}", SubstitutePersonId = (Guid?)null,
                TiedToElectionTerm = seat.Political, EndReason = endReason, Version = 1, CreatedAt = at, ModifiedAt = at,
            };
        }

        using (var phase = context.Progress.Start("people", people.Count))
        {
            await context.InBatchesAsync(people, 5000, (c, t, rows) => Bulk.InsertAsync(c, t, "person", rows), phase);
        }
        using (var phase = context.Progress.Start("memberships (3 election terms)", memberships.Count))
        {
            await context.InBatchesAsync(memberships, 5000, (c, t, rows) => Bulk.InsertAsync(c, t, "membership", rows), phase);
        }
    }
}

/// <summary>What later parts (cases, financing) need from the governance part.</summary>
internal static class GenerationState
{
    public static GovernanceGenerator? Governance { get; set; }
}
