using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Financing.Allocations;

/// <summary>
/// Splits a joint amount over parties by a key: equal, fixed shares (basis points summing to 10000 = 100%), or weights
/// supplied as data (e.g. population). Largest-remainder rounding makes the parts add up to the whole to the øre.
/// A calculation only: nothing is stored.
/// </summary>
public static class AllocateCoFinancing
{
    public enum Method
    {
        Equal,
        Shares,
        Weights,
    }

    public sealed record Party(Guid OrganisationId, int? ShareBasisPoints, long? Weight);

    /// <summary>Either <c>parties</c>, or <c>payerId</c> of a group payer (for an equal split over its members).</summary>
    public sealed record Command(MoneyAmount Amount, Method Method, Guid? PayerId, IReadOnlyList<Party>? Parties) : IRequest<Response>;

    /// <param name="RemainderOre">1 when this party got one of the øre left over after rounding down (see <see cref="Response.RemainderRule"/>).</param>
    public sealed record Part(Guid OrganisationId, string Name, int? ShareBasisPoints, long? Weight, MoneyAmount Amount, int RemainderOre = 0);

    /// <param name="RemainderOre">How many øre were left over after every party got its exact share rounded down.</param>
    /// <param name="RemainderRule">The rule the left-over øre went by, in words a person can check.</param>
    public sealed record Response(MoneyAmount Total, Method Method, IReadOnlyList<Part> Parts, MoneyAmount SumOfParts, long RemainderOre = 0, string RemainderRule = "");

    public const string RemainderRuleText =
        "Each party first gets its exact share rounded down to the øre. The øre left over go one each to the parties with the largest " +
        "remainders; where remainders are equal, in alphabetical order of the organisations' names.";

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Amount).NotNull().SetValidator(new MoneyRules());
            RuleFor(c => c.Method).IsInEnum();
            RuleFor(c => c.Parties).NotEmpty().When(c => c.PayerId is null).WithMessage(_ => Messages.Get("Allocation.PartiesOrPayer"));
            RuleFor(c => c.Parties).Null().When(c => c.PayerId is not null && c.Method == Method.Equal)
                .WithMessage(_ => Messages.Get("Allocation.PartiesXorPayer"));
            RuleFor(c => c.PayerId).Null().When(c => c.Method != Method.Equal)
                .WithMessage(_ => Messages.Get("Allocation.SendParties"));
            RuleFor(c => c.Parties).Must(p => p!.Count <= 500).When(c => c.Parties is not null).WithMessage(_ => Messages.Get("Allocation.AtMost500Parties"));
            RuleFor(c => c.Parties).Must(p => p!.Select(x => x.OrganisationId).Distinct().Count() == p!.Count).When(c => c.Parties is not null)
                .WithMessage(_ => Messages.Get("Allocation.OrganisationOnce"));
            RuleForEach(c => c.Parties).ChildRules(p =>
            {
                p.RuleFor(x => x.OrganisationId).NotEmpty();
                p.RuleFor(x => x.ShareBasisPoints).InclusiveBetween(0, Allocation.WholeInBasisPoints);
                p.RuleFor(x => x.Weight).InclusiveBetween(0, 1_000_000_000_000);
            });
            When(c => c.Method == Method.Shares && c.Parties is not null, () =>
            {
                RuleForEach(c => c.Parties).Must(p => p.ShareBasisPoints is not null).WithMessage(_ => Messages.Get("Allocation.SharesForEveryParty"));
                RuleFor(c => c.Parties).Must(p => p!.Sum(x => (long)(x.ShareBasisPoints ?? 0)) == Allocation.WholeInBasisPoints)
                    .WithMessage(_ => Messages.Get("Allocation.SharesSum"));
            });
            When(c => c.Method == Method.Weights && c.Parties is not null, () =>
            {
                RuleForEach(c => c.Parties).Must(p => p.Weight is not null).WithMessage(_ => Messages.Get("Allocation.WeightForEveryParty"));
                RuleFor(c => c.Parties).Must(p => p!.Any(x => x.Weight > 0)).WithMessage(_ => Messages.Get("Allocation.PositiveWeight"));
            });
        }
    }

    internal sealed record OrganisationName
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
    }

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Command, Response>
    {
        public async Task<Response> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var parties = command.Parties;
            if (command.PayerId is { } payerId)
            {
                var members = (await connection.QueryAsync<Guid>(new CommandDefinition(
                    "SELECT organisation_id FROM funding_payer_member WHERE payer_id = @PayerId", new { PayerId = payerId }, cancellationToken: cancellationToken))).ToList();
                if (members.Count == 0)
                {
                    throw References.Missing("payerId", new Text("Allocation.NoGroupPayer"));
                }
                parties = members.Select(m => new Party(m, null, null)).ToList();
            }
            var names = (await connection.QueryAsync<OrganisationName>(new CommandDefinition(
                "SELECT id, name FROM organisation WHERE deleted_at IS NULL", cancellationToken: cancellationToken))).ToDictionary(o => o.Id, o => o.Name);
            var unknown = parties!.Select((p, i) => (p, i)).Where(x => !names.ContainsKey(x.p.OrganisationId)).ToList();
            if (unknown.Count > 0)
            {
                throw References.Missing(unknown.Select(x => ($"parties[{x.i}].organisationId", new Text("Financing.NoOrganisation"))));
            }
            var total = command.Amount.ToMoney();
            // Ties among equal remainders go by the organisations' names (then id), never by id alone: a rule a person can state.
            var ordered = parties!.Select((p, i) => (Party: p, Index: i))
                .OrderBy(x => names[x.Party.OrganisationId], StringComparer.Ordinal).ThenBy(x => x.Party.OrganisationId).ToList();
            if (command.PayerId is not null)
            {
                parties = ordered.Select(x => x.Party).ToList();
                ordered = parties.Select((p, i) => (Party: p, Index: i)).ToList();
            }
            var weights = ordered.Select(x => command.Method switch
            {
                Method.Equal => 1L,
                Method.Shares => (long)x.Party.ShareBasisPoints!.Value,
                _ => x.Party.Weight!.Value,
            }).ToList();
            var split = Allocation.Split(total, weights);
            var amounts = new Money[parties!.Count];
            var extra = new int[parties.Count];
            for (var k = 0; k < ordered.Count; k++)
            {
                amounts[ordered[k].Index] = split.Parts[k];
                extra[ordered[k].Index] = split.GotRemainderOre[k] ? 1 : 0;
            }
            var parts = parties.Select((p, i) => new Part(p.OrganisationId, names[p.OrganisationId], p.ShareBasisPoints, p.Weight, MoneyAmount.Of(amounts[i]), extra[i])).ToList();
            return new Response(MoneyAmount.Of(total), command.Method, parts, MoneyAmount.Of(Money.Sum(amounts)), split.RemainderOre, RemainderRuleText);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/financing/allocations", async (Command command, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(command, http.RequestAborted)))
                .WithName("allocateCoFinancing")
                .WithSummary("Fordel en medfinansiering / Allocate co-financing")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Fordeler et fælles beløb på parter efter en nøgle: " +
                                 "ligeligt, faste andele (basispoint, der summer til 10000 = 100 %) eller vægte givet som data (fx indbyggertal). " +
                                 "Største-rest-afrunding får delene til at give helheden på øret. Kun en beregning: intet gemmes." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). Splits a joint amount over parties by a key: equal, " +
                                 "fixed shares (basis points summing to 10000 = 100%), or weights supplied as data (e.g. population). Largest-remainder " +
                                 "rounding makes the parts add up to the whole to the øre. A calculation only: nothing is stored.")
                .WithTags("Financing")
                // A calculation with no side effects: anyone who may read budgets may run it.
                .RequirePermission(Permissions.BudgetsRead)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesValidationProblem();
    }
}
