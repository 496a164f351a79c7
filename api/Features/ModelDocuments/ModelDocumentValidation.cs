using System.Globalization;
using System.Text.RegularExpressions;
using Klima.Api.Domain.Governance;
using Klima.Api.Domain.Routing;
using Klima.Api.Domain;
using Klima.Api.Features.Bodies;
using Klima.Api.Features.Financing.AllocationKeys;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Features.Organisations;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Localization;

namespace Klima.Api.Features.ModelDocuments;

/// <summary>
/// Every rule a model document must keep before anything is written, each failure keyed by the JSON path of the value
/// (<c>$.bodies[3].seats[0].organisation</c>): shapes, lengths, enum texts, unique keys and every reference inside the
/// document. Rules that need the database (a municipality code taken by another organisation) are found by the import.
/// </summary>
internal static partial class ModelDocumentValidation
{
    public static Dictionary<string, List<string>> Validate(ModelDocument doc)
    {
        var v = new Errors();
        if (doc.FormatVersion is null)
        {
            v.Add("$.formatVersion", new Text("ModelDocument.Required"));
        }
        else if (doc.FormatVersion != ModelDocument.CurrentFormatVersion)
        {
            v.Add("$.formatVersion", new Text("ModelDocument.FormatVersion", ModelDocument.CurrentFormatVersion));
        }
        if (doc.Model is not { } model)
        {
            v.Add("$.model", new Text("ModelDocument.Required"));
        }
        else
        {
            v.Code("$.model.code", model.Code, 50);
            v.Text("$.model.name", model.Name, 200, required: true);
            v.Text("$.model.description", model.Description, 4000);
            v.Period("$.model", model.ValidFrom, model.ValidTo);
        }

        var organisations = v.UniqueKeys("$.organisations", doc.Organisations, o => o.Key, "key", 60);
        for (var i = 0; i < (doc.Organisations?.Count ?? 0); i++)
        {
            var o = doc.Organisations![i];
            var p = $"$.organisations[{i}]";
            v.Enum<OrganisationKind>($"{p}.kind", o.Kind, required: true);
            v.Text($"{p}.name", o.Name, 200, required: true);
            v.Text($"{p}.shortName", o.ShortName, 50);
            v.Pattern($"{p}.municipalityCode", o.MunicipalityCode, Digits3(), new Text("ModelDocument.MunicipalityCode"));
            v.Pattern($"{p}.regionCode", o.RegionCode, Digits4(), new Text("ModelDocument.RegionCode"));
            v.Pattern($"{p}.cvr", o.Cvr, Digits8(), new Text("ModelDocument.Cvr"));
        }
        var bodies = v.UniqueKeys("$.bodies", doc.Bodies, b => b.Code, "code", 50, codePattern: true);
        var interests = v.UniqueKeys("$.interests", doc.Interests, b => b.Code, "code", 40, codePattern: true);
        var payers = v.UniqueKeys("$.payers", doc.Payers, b => b.Code, "code", 50, codePattern: true);
        var programmes = v.UniqueKeys("$.programmes", doc.Programmes, b => b.Code, "code", 50, codePattern: true);
        v.UniqueKeys("$.routingRules", doc.RoutingRules, b => b.Code, "code", 80, codePattern: true);
        v.UniqueKeys("$.allocationKeys", doc.AllocationKeys, b => b.Code, "code", 50, codePattern: true);
        v.UniqueKeys("$.electionTerms", doc.ElectionTerms, t => t.Code, "code", 20);
        for (var i = 0; i < (doc.ElectionTerms?.Count ?? 0); i++)
        {
            var term = doc.ElectionTerms![i];
            var p = $"$.electionTerms[{i}]";
            v.Text($"{p}.name", term.Name, 100, required: true);
            v.Required($"{p}.startsOn", term.StartsOn);
            v.Required($"{p}.endsOn", term.EndsOn);
            if (term.StartsOn is { } from && term.EndsOn is { } to)
            {
                if (to <= from)
                {
                    v.Add($"{p}.endsOn", new Text("ModelDocument.TermEndsAfterStart"));
                }
                var overlapping = doc.ElectionTerms.Take(i).FirstOrDefault(o => o.StartsOn < to && o.EndsOn > from);
                if (overlapping is not null)
                {
                    v.Add($"{p}.startsOn", new Text("ModelDocument.TermOverlaps", overlapping.Code));
                }
            }
        }

        var partyOrganisations = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (doc.Parties?.Count ?? 0); i++)
        {
            var party = doc.Parties![i];
            var p = $"$.parties[{i}]";
            if (v.Ref($"{p}.organisation", party.Organisation, organisations, "organisation", required: true) && !partyOrganisations.Add(party.Organisation!))
            {
                v.Add($"{p}.organisation", new Text("ModelDocument.PartyTwice"));
            }
            v.Enum<PartyRole>($"{p}.role", party.Role, required: true);
        }

        for (var i = 0; i < (doc.Bodies?.Count ?? 0); i++)
        {
            var b = doc.Bodies![i];
            var p = $"$.bodies[{i}]";
            v.Text($"{p}.name", b.Name, 200, required: true);
            v.Text($"{p}.nameEn", b.NameEn, 200);
            v.Enum<BodyKind>($"{p}.kind", b.Kind, required: true);
            v.Text($"{p}.mandate", b.Mandate, 4000);
            v.Required($"{p}.canDecide", b.CanDecide);
            v.Ref($"{p}.hostOrganisation", b.HostOrganisation, organisations, "organisation");
            v.Ref($"{p}.servedByBody", b.ServedByBody, bodies, "body");
            v.Ref($"{p}.servedByOrganisation", b.ServedByOrganisation, organisations, "organisation");
            v.Text($"{p}.establishedByCaseRef", b.EstablishedByCaseRef, 100);
            v.Text($"{p}.dissolvedByCaseRef", b.DissolvedByCaseRef, 100);
            if (b.EstablishedOn is { } established && b.DissolvedOn is { } dissolved && dissolved <= established)
            {
                v.Add($"{p}.dissolvedOn", new Text("ModelDocument.DissolvedAfterEstablished"));
            }
            var ordinals = new HashSet<int>();
            for (var s = 0; s < (b.Seats?.Count ?? 0); s++)
            {
                var seat = b.Seats![s];
                var sp = $"{p}.seats[{s}]";
                if (seat.Ordinal is null)
                {
                    v.Add($"{sp}.ordinal", new Text("ModelDocument.Required"));
                }
                else if (seat.Ordinal < 1)
                {
                    v.Add($"{sp}.ordinal", new Text("ModelDocument.OrdinalPositive"));
                }
                else if (!ordinals.Add(seat.Ordinal.Value))
                {
                    v.Add($"{sp}.ordinal", new Text("ModelDocument.SeatTwice", seat.Ordinal));
                }
                v.Text($"{sp}.label", seat.Label, 200, required: true);
                v.Text($"{sp}.category", seat.Category, 100);
                v.Enum<SeatRole>($"{sp}.role", seat.Role, required: true);
                v.Required($"{sp}.voting", seat.Voting);
                v.Ref($"{sp}.organisation", seat.Organisation, organisations, "organisation");
                v.Ref($"{sp}.appointedByOrganisation", seat.AppointedByOrganisation, organisations, "organisation");
                v.Ref($"{sp}.appointedByBody", seat.AppointedByBody, bodies, "body");
            }
            var ruleCodes = new HashSet<string>(StringComparer.Ordinal);
            for (var r = 0; r < (b.CompositionRules?.Count ?? 0); r++)
            {
                var rule = b.CompositionRules![r];
                var rp = $"{p}.compositionRules[{r}]";
                if (v.Code($"{rp}.code", rule.Code, 80) && !ruleCodes.Add(rule.Code!))
                {
                    v.Add($"{rp}.code", new Text("ModelDocument.RuleTwice", rule.Code));
                }
                var kind = v.Enum<RuleKind>($"{rp}.kind", rule.Kind, required: true);
                v.Enum<RuleSeverity>($"{rp}.severity", rule.Severity, required: true);
                v.Text($"{rp}.description", rule.Description, 1000, required: true);
                v.Text($"{rp}.category", rule.Category, 100);
                v.Ref($"{rp}.refBody", rule.RefBody, bodies, "body");
                if (kind is RuleKind.MaxSeatsPerOrganisation or RuleKind.MaxSeatsPerCategory or RuleKind.MinFilledPerCategory && rule.Value is null)
                {
                    v.Add($"{rp}.value", new Text("ModelDocument.RuleNeedsValue"));
                }
                if (rule.Value is < 0)
                {
                    v.Add($"{rp}.value", new Text("ModelDocument.ValueNotNegative"));
                }
                if (kind is RuleKind.MaxSeatsPerCategory or RuleKind.MinFilledPerCategory && string.IsNullOrWhiteSpace(rule.Category))
                {
                    v.Add($"{rp}.category", new Text("ModelDocument.RuleNeedsCategory"));
                }
                if (kind is RuleKind.ChairMustHoldSeatIn && rule.RefBody is null)
                {
                    v.Add($"{rp}.refBody", new Text("ModelDocument.RuleNeedsRefBody"));
                }
            }
            var titles = new HashSet<string>(StringComparer.Ordinal);
            for (var s = 0; s < (b.StaffPositions?.Count ?? 0); s++)
            {
                var staff = b.StaffPositions![s];
                var sp = $"{p}.staffPositions[{s}]";
                if (v.Text($"{sp}.title", staff.Title, 200, required: true) && !titles.Add(staff.Title!))
                {
                    v.Add($"{sp}.title", new Text("ModelDocument.StaffTitleTwice"));
                }
                v.Ref($"{sp}.employer", staff.Employer, organisations, "organisation", required: true);
                v.Ref($"{sp}.placementBody", staff.PlacementBody, bodies, "body");
                v.Ref($"{sp}.dailyManagerBody", staff.DailyManagerBody, bodies, "body");
                v.Text($"{sp}.dailyManagerRole", staff.DailyManagerRole, 200);
                v.Text($"{sp}.note", staff.Note, 1000);
                v.Text($"{sp}.annualCostNote", staff.AnnualCostNote, 400);
                if (staff.Fte is null)
                {
                    v.Add($"{sp}.fte", new Text("ModelDocument.Required"));
                }
                else if (staff.Fte <= 0 || staff.Fte > 10 || decimal.Round(staff.Fte.Value, 2) != staff.Fte)
                {
                    v.Add($"{sp}.fte", new Text("ModelDocument.Fte"));
                }
                if (staff.AnnualCost is { } cost && (cost < 0 || cost > 10_000_000_000m || decimal.Round(cost, 2) != cost))
                {
                    v.Add($"{sp}.annualCost", new Text("ModelDocument.AnnualCost"));
                }
                v.Ref($"{sp}.fundingProgramme", staff.FundingProgramme, programmes, "programme");
                v.Period(sp, staff.ValidFrom, staff.ValidTo);
            }
        }

        var relations = new HashSet<(string, string, string)>();
        for (var i = 0; i < (doc.Relations?.Count ?? 0); i++)
        {
            var r = doc.Relations![i];
            var p = $"$.relations[{i}]";
            var ok = v.Ref($"{p}.from", r.From, bodies, "body", required: true);
            ok &= v.Ref($"{p}.to", r.To, bodies, "body", required: true);
            ok &= v.Enum<RelationKind>($"{p}.kind", r.Kind, required: true) is not null;
            v.Text($"{p}.note", r.Note, 400);
            if (ok && r.From == r.To)
            {
                v.Add($"{p}.to", new Text("ModelDocument.RelationSameBody"));
            }
            if (ok && !relations.Add((r.From!, r.To!, r.Kind!)))
            {
                v.Add(p, new Text("ModelDocument.RelationTwice"));
            }
        }

        for (var i = 0; i < (doc.Interests?.Count ?? 0); i++)
        {
            var interest = doc.Interests![i];
            var p = $"$.interests[{i}]";
            v.Text($"{p}.name", interest.Name, 200, required: true);
            v.Text($"{p}.nameEn", interest.NameEn, 200);
            v.Text($"{p}.description", interest.Description, 1000);
            v.Required($"{p}.ordinal", interest.Ordinal);
        }

        for (var i = 0; i < (doc.RoutingRules?.Count ?? 0); i++)
        {
            var rule = doc.RoutingRules![i];
            var p = $"$.routingRules[{i}]";
            v.Text($"{p}.name", rule.Name, 200, required: true);
            v.Text($"{p}.description", rule.Description, 2000);
            v.Text($"{p}.sourceReference", rule.SourceReference, 400);
            v.Ref($"{p}.interest", rule.Interest, interests, "interest");
            v.Required($"{p}.priority", rule.Priority);
            if (rule.Steps is null || rule.Steps.Count == 0)
            {
                v.Add($"{p}.steps", new Text("ModelDocument.RuleNeedsStep"));
            }
            var places = new HashSet<(int, int)>();
            for (var s = 0; s < (rule.Steps?.Count ?? 0); s++)
            {
                var step = rule.Steps![s];
                var sp = $"{p}.steps[{s}]";
                if (step.Stage is null or < 1)
                {
                    v.Add($"{sp}.stage", new Text("ModelDocument.StagePositive"));
                }
                if (step.Ordinal is null or < 1)
                {
                    v.Add($"{sp}.ordinal", new Text("ModelDocument.OrdinalPositive"));
                }
                if (step.Stage is >= 1 && step.Ordinal is >= 1 && !places.Add((step.Stage.Value, step.Ordinal.Value)))
                {
                    v.Add($"{sp}.ordinal", new Text("ModelDocument.StepTwice", step.Ordinal, step.Stage));
                }
                v.Text($"{sp}.stageName", step.StageName, 200, required: true);
                v.Text($"{sp}.note", step.Note, 1000);
                v.Enum<StepRole>($"{sp}.role", step.Role, required: true);
                v.Required($"{sp}.authoritative", step.Authoritative);
                if (step.DeadlineDays is < 0)
                {
                    v.Add($"{sp}.deadlineDays", new Text("ModelDocument.DeadlineNotNegative"));
                }
                if (step.FanOut is null)
                {
                    if (step.Body is null)
                    {
                        v.Add($"{sp}.body", new Text("ModelDocument.StepNeedsBody"));
                    }
                    v.Ref($"{sp}.body", step.Body, bodies, "body");
                    if (step.FanOutPartyKind is not null)
                    {
                        v.Add($"{sp}.fanOutPartyKind", new Text("ModelDocument.PartyKindOnlyFanOut"));
                    }
                }
                else
                {
                    if (step.FanOut != RoutingEngine.FanOutMemberCouncils)
                    {
                        v.Add($"{sp}.fanOut", new Text("ModelDocument.OnlyFanOut", RoutingEngine.FanOutMemberCouncils));
                    }
                    if (step.Body is not null)
                    {
                        v.Add($"{sp}.body", new Text("ModelDocument.FanOutNoBody"));
                    }
                    v.Enum<OrganisationKind>($"{sp}.fanOutPartyKind", step.FanOutPartyKind, required: false);
                }
            }
        }

        for (var i = 0; i < (doc.Payers?.Count ?? 0); i++)
        {
            var payer = doc.Payers![i];
            var p = $"$.payers[{i}]";
            v.Text($"{p}.name", payer.Name, 200, required: true);
            v.Text($"{p}.note", payer.Note, 1000);
            v.Ref($"{p}.organisation", payer.Organisation, organisations, "organisation");
            var members = new HashSet<string>(StringComparer.Ordinal);
            for (var m = 0; m < (payer.Members?.Count ?? 0); m++)
            {
                if (v.Ref($"{p}.members[{m}]", payer.Members![m], organisations, "organisation", required: true) && !members.Add(payer.Members[m]))
                {
                    v.Add($"{p}.members[{m}]", new Text("ModelDocument.PayerMemberTwice"));
                }
            }
        }

        var parents = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < (doc.Programmes?.Count ?? 0); i++)
        {
            var programme = doc.Programmes![i];
            var p = $"$.programmes[{i}]";
            v.Text($"{p}.name", programme.Name, 200, required: true);
            v.Text($"{p}.description", programme.Description, 4000);
            v.Period(p, programme.ValidFrom, programme.ValidTo);
            if (v.Ref($"{p}.parent", programme.Parent, programmes, "programme") && programme.Parent == programme.Code)
            {
                v.Add($"{p}.parent", new Text("ModelDocument.ProgrammeOwnParent"));
            }
            if (programme.Code is not null)
            {
                parents[programme.Code] = programme.Parent;
            }
        }
        for (var i = 0; i < (doc.Programmes?.Count ?? 0); i++)
        {
            var code = doc.Programmes![i].Code;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var at = code; at is not null && parents.TryGetValue(at, out var parent); at = parent)
            {
                if (!seen.Add(at))
                {
                    v.Add($"$.programmes[{i}].parent", new Text("ModelDocument.ProgrammeCycle"));
                    break;
                }
            }
        }

        for (var i = 0; i < (doc.AllocationKeys?.Count ?? 0); i++)
        {
            var key = doc.AllocationKeys![i];
            var p = $"$.allocationKeys[{i}]";
            v.Text($"{p}.name", key.Name, 200, required: true);
            v.Text($"{p}.description", key.Description, 2000);
            v.Text($"{p}.basisNote", key.BasisNote, 400);
            var method = v.Enum<AllocationMethod>($"{p}.method", key.Method, required: true);
            if (key.Shares is null || key.Shares.Count == 0)
            {
                v.Add($"{p}.shares", new Text("ModelDocument.KeyNeedsShare"));
                continue;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var s = 0; s < key.Shares.Count; s++)
            {
                if (v.Ref($"{p}.shares[{s}].payer", key.Shares[s].Payer, payers, "payer", required: true) && !seen.Add(key.Shares[s].Payer!))
                {
                    v.Add($"{p}.shares[{s}].payer", new Text("ModelDocument.PayerShareTwice"));
                }
            }
            if (method is { } m)
            {
                var shares = key.Shares.Select(s => new AllocationShareInput(Guid.NewGuid(), s.Weight)).ToList();
                foreach (var failure in AllocationKeysStore.CheckWeights(m, shares, $"{p}.shares"))
                {
                    v.AddSaid(failure.PropertyName, failure.ErrorMessage);
                }
            }
        }
        return v.All;
    }

    private sealed class Errors
    {
        public Dictionary<string, List<string>> All { get; } = new(StringComparer.Ordinal);

        /// <summary>A failure said in the request's language (Messages.resx / Messages.en.resx).</summary>
        public void Add(string path, Text message) => AddSaid(path, Messages.Say(message));

        /// <summary>A failure already said in the request's language (a shared rule's message).</summary>
        public void AddSaid(string path, string message)
        {
            if (!All.TryGetValue(path, out var list))
            {
                All[path] = list = [];
            }
            if (!list.Contains(message, StringComparer.Ordinal))
            {
                list.Add(message);
            }
        }

        public void Required<T>(string path, T? value) where T : struct
        {
            if (value is null)
            {
                Add(path, new Text("ModelDocument.Required"));
            }
        }

        public bool Text(string path, string? value, int max, bool required = false)
        {
            if (value is null || (required && string.IsNullOrWhiteSpace(value)))
            {
                if (required)
                {
                    Add(path, new Text("ModelDocument.Required"));
                }
                return false;
            }
            if (value.Length > max)
            {
                Add(path, new Text("ModelDocument.MaxLength", max));
                return false;
            }
            return true;
        }

        public bool Code(string path, string? value, int max)
        {
            if (!Text(path, value, max, required: true))
            {
                return false;
            }
            if (!CodePattern().IsMatch(value!))
            {
                Add(path, new Text("ModelDocument.CodePattern"));
                return false;
            }
            return true;
        }

        public void Pattern(string path, string? value, Regex pattern, Text message)
        {
            if (value is not null && !pattern.IsMatch(value))
            {
                Add(path, message);
            }
        }

        public void Period(string path, DateOnly? from, DateOnly? to)
        {
            if (from is not null && to is not null && to <= from)
            {
                Add($"{path}.validTo", new Text("ModelDocument.PeriodEndsAfterStart"));
            }
        }

        public TEnum? Enum<TEnum>(string path, string? text, bool required) where TEnum : struct, System.Enum
        {
            if (text is null)
            {
                if (required)
                {
                    Add(path, new Text("ModelDocument.Required"));
                }
                return null;
            }
            foreach (var value in System.Enum.GetValues<TEnum>())
            {
                if (string.Equals(value.Text(), text, StringComparison.Ordinal))
                {
                    return value;
                }
            }
            // Each allowed value by its name in the reader's language, with the code the document must hold.
            Add(path, new Text("ModelDocument.OneOf", Domain.Text.Join(", ", System.Enum.GetValues<TEnum>()
                .Select(e => new Text("ModelDocument.OneOfValue", e, e.Text())))));
            return null;
        }

        public HashSet<string> UniqueKeys<T>(string path, IReadOnlyList<T>? items, Func<T, string?> key, string name, int max, bool codePattern = false)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (items?.Count ?? 0); i++)
            {
                var value = key(items![i]);
                var p = $"{path}[{i}].{name}";
                var ok = codePattern ? Code(p, value, max) : Text(p, value, max, required: true);
                if (ok && !keys.Add(value!))
                {
                    Add(p, new Text(name == "key" ? "ModelDocument.DuplicateKey" : "ModelDocument.DuplicateCode", value));
                }
            }
            return keys;
        }

        public bool Ref(string path, string? value, HashSet<string> known, string what, bool required = false)
        {
            if (value is null)
            {
                if (required)
                {
                    Add(path, new Text("ModelDocument.Required"));
                }
                return false;
            }
            if (!known.Contains(value))
            {
                Add(path, new Text("ModelDocument.NoSuch", new Text($"ModelDocument.Element.{what}"), value));
                return false;
            }
            return true;
        }
    }

    public static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[0-9]{3}$")]
    private static partial Regex Digits3();

    [GeneratedRegex("^[0-9]{4}$")]
    private static partial Regex Digits4();

    [GeneratedRegex("^[0-9]{8}$")]
    private static partial Regex Digits8();
}
