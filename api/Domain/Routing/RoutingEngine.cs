namespace Klima.Api.Domain.Routing;

/// <summary>
/// Turns a case's interest into a route by the governance model's rules (data, never code), explains the choice,
/// expands fan-out steps to every member's council and checks each step against the body's mandate.
/// Plain C#: no database, no framework types.
/// </summary>
public static class RoutingEngine
{
    public const string FanOutMemberCouncils = "memberCouncils";
    public const string MandateRule = "body-mandate";
    public const string DecisionNeededRule = "route-has-deciding-step";

    public static RoutePlan Route(RoutingInput input, IEnumerable<RoutingRule> rules, IReadOnlyCollection<RoutingBody> bodies,
        IReadOnlyCollection<RoutingParty> parties)
    {
        var ordered = rules.OrderBy(r => r.Priority).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
        var skipped = new List<Text>();
        foreach (var rule in ordered)
        {
            var reason = WhyNot(rule, input);
            if (reason is not null)
            {
                skipped.Add(new Text("Routing.Skipped", rule.Name, reason));
                continue;
            }
            // Rules, interests and bodies are said by their names, not their codes.
            var sentences = new List<Text>
            {
                new("Routing.Matched", rule.Name, rule.Priority,
                    rule.InterestCode is null ? new Text("Routing.AnyInterest") : new Text("Routing.SameInterest", input.InterestName ?? input.InterestCode),
                    rule.RequiresCouncilDecision switch
                    {
                        true => new Text("Routing.CouncilRequired"),
                        false => new Text("Routing.CouncilNotRequired"),
                        null => new Text("Routing.CouncilEither"),
                    }),
            };
            if (rule.SourceReference is not null)
            {
                sentences.Add(new Text("Routing.Source", rule.SourceReference));
            }
            if (skipped.Count > 0)
            {
                sentences.Add(new Text("Routing.TriedFirst", Text.Join("; ", skipped)));
            }
            var stages = Expand(rule, input.Today, bodies, parties);
            return new RoutePlan(rule, Text.Join(" ", sentences), stages, CheckMandates(stages, bodies, rule.Name));
        }
        var none = new Text("Routing.NoMatch", input.InterestName ?? input.InterestCode,
            input.CouncilDecisionRequired ? new Text("Routing.NoMatchCouncil") : null,
            skipped.Count > 0 ? Text.Join("; ", skipped) : new Text("Routing.NoRules"));
        return new RoutePlan(null, none, [], []);
    }

    private static Text? WhyNot(RoutingRule rule, RoutingInput input)
    {
        if (rule.InterestCode is not null && !string.Equals(rule.InterestCode, input.InterestCode, StringComparison.Ordinal))
        {
            return new Text("Routing.SkippedInterest", rule.InterestName ?? rule.InterestCode, input.InterestName ?? input.InterestCode);
        }
        if (rule.RequiresCouncilDecision is { } required && required != input.CouncilDecisionRequired)
        {
            return new Text(required ? "Routing.SkippedRequiresCouncil" : "Routing.SkippedOnlyWithoutCouncil");
        }
        return null;
    }

    /// <summary>
    /// Builds the stages of a rule. Deadlines accumulate stage by stage: a stage's deadline is today plus the longest
    /// deadline of each stage up to and including it.
    /// </summary>
    public static IReadOnlyList<PlannedStage> Expand(RoutingRule rule, DateOnly today, IReadOnlyCollection<RoutingBody> bodies,
        IReadOnlyCollection<RoutingParty> parties)
    {
        var byId = bodies.ToDictionary(b => b.Id);
        var stages = new List<PlannedStage>();
        var offset = 0;
        foreach (var group in rule.Steps.GroupBy(s => s.StageOrdinal).OrderBy(g => g.Key))
        {
            var longest = group.Max(s => s.DeadlineDays ?? 0);
            offset += longest;
            DateOnly? deadline = group.Any(s => s.DeadlineDays is not null) ? today.AddDays(offset) : null;
            var steps = new List<PlannedStep>();
            foreach (var template in group)
            {
                if (string.Equals(template.FanOut, FanOutMemberCouncils, StringComparison.Ordinal))
                {
                    foreach (var party in parties.Where(p => template.FanOutPartyKind is null || string.Equals(p.Kind, template.FanOutPartyKind, StringComparison.Ordinal))
                                 .OrderBy(p => p.Name, StringComparer.Ordinal))
                    {
                        var council = bodies.FirstOrDefault(b => b.HostOrganisationId == party.OrganisationId && string.Equals(b.Kind, "council", StringComparison.Ordinal))
                                      ?? throw new InvalidOperationException($"Rule '{rule.Code}' fans out to member councils, but {party.Name} has no council body.");
                        steps.Add(new PlannedStep(group.Key, template.StageName, steps.Count + 1, council.Id, council.Name, party.OrganisationId,
                            template.Role, template.Authoritative, deadline, template.Note));
                    }
                }
                else if (template.BodyId is { } bodyId && byId.TryGetValue(bodyId, out var body))
                {
                    steps.Add(new PlannedStep(group.Key, template.StageName, steps.Count + 1, body.Id, body.Name, null,
                        template.Role, template.Authoritative, deadline, template.Note));
                }
                else
                {
                    throw new InvalidOperationException($"Rule '{rule.Code}' names a body that does not exist in its model.");
                }
            }
            stages.Add(new PlannedStage(group.Key, group.First().StageName, steps));
        }
        return stages;
    }

    /// <summary>A body whose mandate does not allow it to decide may not be given a deciding step (decision, approval or authoritative).</summary>
    /// <param name="routingRule">The name of the rule that made the route, or null for a route made by hand.</param>
    public static IReadOnlyList<MandateViolation> CheckMandates(IEnumerable<PlannedStage> stages, IReadOnlyCollection<RoutingBody> bodies, string? routingRule)
    {
        var byId = bodies.ToDictionary(b => b.Id);
        var violations = new List<MandateViolation>();
        foreach (var step in stages.SelectMany(s => s.Steps))
        {
            if (!byId.TryGetValue(step.BodyId, out var body) || body.CanDecide || !Decides(step.Role, step.Authoritative))
            {
                continue;
            }
            var where = routingRule is null ? new Text("Routing.TheRoute") : new Text("Routing.TheRule", routingRule);
            violations.Add(new MandateViolation(MandateRule, body.Id, body.Name, step.Role,
                new Text("Routing.Mandate", where, body.Name, Verb(step), step.StageOrdinal, step.StageName)));
        }
        return violations;
    }

    public static bool Decides(StepRole role, bool authoritative) => authoritative || role is StepRole.Decision or StepRole.Approval;

    private static Text Verb(PlannedStep step) => step.Role switch
    {
        StepRole.Decision => new Text("Routing.Verb.Decide"),
        StepRole.Approval => new Text("Routing.Verb.Approve"),
        _ => new Text("Routing.Verb.Authoritative", step.Role),
    };
}
