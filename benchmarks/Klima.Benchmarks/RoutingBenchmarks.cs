using BenchmarkDotNet.Attributes;
using Klima.Api.Domain.Routing;

namespace Klima.Benchmarks;

/// <summary>
/// The routing engine on the largest generated model (Hovedstaden: 29 municipalities, so a council fan-out of 29 steps)
/// with North Jutland's six rules: a case that matches the first rule, one that falls through to the last, and the
/// fan-out expansion alone.
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private readonly List<RoutingRule> _rules = [];
    private readonly List<RoutingBody> _bodies = [];
    private readonly List<RoutingParty> _parties = [];
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Params(11, 29)]
    public int Municipalities { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        Guid NewId() => new(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray());
        RoutingBody Body(string code, string kind, bool decides, Guid? host = null)
        {
            var body = new RoutingBody(NewId(), code, code, kind, decides, host);
            _bodies.Add(body);
            return body;
        }
        var secretariat = Body("climate-secretariat", "secretariat", false);
        var steering = Body("project-steering-group", "projectSteeringGroup", true);
        var directors = Body("technical-directors", "administrativeSteeringGroup", true);
        var board = Body("political-board", "politicalBoard", true);
        var kkr = Body("kkr", "politicalForum", true);
        var region = Body("regional-council", "council", true);
        var dialogue = Body("dialogue-forum", "dialogueForum", false);
        for (var i = 0; i < Municipalities; i++)
        {
            var organisation = NewId();
            _parties.Add(new RoutingParty(organisation, $"Kommune {i}", "municipality"));
            Body($"council-{i}", "council", true, organisation);
        }
        RuleStep Step(int stage, RoutingBody? body, StepRole role, bool authoritative, string? fanOut = null) =>
            new(stage, $"Stage {stage}", body?.Id, fanOut, fanOut is null ? null : "municipality", role, authoritative, 14, null);
        _rules.Add(new RoutingRule(NewId(), "joint-with-councils", "Joint with councils", null, "joint", true, 10, "Governance model 13.4.2023",
        [
            Step(1, secretariat, StepRole.Recommendation, false), Step(2, steering, StepRole.Consultation, false),
            Step(3, directors, StepRole.Recommendation, false), Step(4, board, StepRole.Decision, true), Step(4, kkr, StepRole.Decision, true),
            Step(5, null, StepRole.Decision, true, RoutingEngine.FanOutMemberCouncils),
        ]));
        _rules.Add(new RoutingRule(NewId(), "municipal-with-councils", "Municipal with councils", null, "municipal", true, 11, null,
        [
            Step(1, secretariat, StepRole.Recommendation, false), Step(2, directors, StepRole.Recommendation, false), Step(3, kkr, StepRole.Decision, true),
            Step(4, null, StepRole.Decision, true, RoutingEngine.FanOutMemberCouncils),
        ]));
        _rules.Add(new RoutingRule(NewId(), "joint", "Joint", null, "joint", null, 20, null,
        [
            Step(1, secretariat, StepRole.Recommendation, false), Step(2, steering, StepRole.Consultation, false),
            Step(3, directors, StepRole.Recommendation, false), Step(4, board, StepRole.Decision, true), Step(4, kkr, StepRole.Decision, true),
        ]));
        _rules.Add(new RoutingRule(NewId(), "municipal", "Municipal", null, "municipal", null, 30, null,
            [Step(1, secretariat, StepRole.Recommendation, false), Step(2, directors, StepRole.Recommendation, false), Step(3, kkr, StepRole.Decision, true)]));
        _rules.Add(new RoutingRule(NewId(), "regional", "Regional", null, "regional", null, 40, null,
            [Step(1, secretariat, StepRole.Recommendation, false), Step(2, directors, StepRole.Recommendation, false), Step(3, region, StepRole.Decision, true)]));
        _rules.Add(new RoutingRule(NewId(), "dialogue", "Dialogue", null, "dialogue", null, 50, null,
            [Step(1, secretariat, StepRole.Recommendation, false), Step(2, dialogue, StepRole.Discussion, false)]));
    }

    [Benchmark(Description = "joint case with council decisions (first rule, fan-out)")]
    public RoutePlan JointWithCouncils() => RoutingEngine.Route(new RoutingInput("joint", true, Today), _rules, _bodies, _parties);

    [Benchmark(Description = "dialogue case (falls through to the last rule)")]
    public RoutePlan Dialogue() => RoutingEngine.Route(new RoutingInput("dialogue", false, Today), _rules, _bodies, _parties);

    [Benchmark(Description = "fan-out expansion and mandate check only")]
    public int ExpandFanOut()
    {
        var stages = RoutingEngine.Expand(_rules[0], Today, _bodies, _parties);
        return RoutingEngine.CheckMandates(stages, _bodies, _rules[0].Code).Count + stages.Count;
    }
}
