using Dapper;
using FluentValidation;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Klima.Api.Domain;

namespace Klima.Api.Features.Routing;

/// <summary>Previews the route a case would get, with the explanation, without creating anything.</summary>
public static class DryRunRoute
{
    public sealed record Command(Guid? GovernanceModelId, string Interest, bool CouncilDecisionRequired) : IRequest<Preview>;

    public sealed record PreviewStep(int Ordinal, Guid BodyId, string BodyName, Guid? OrganisationId, StepRole Role, bool Authoritative, DateOnly? Deadline, string? Note);

    public sealed record PreviewStage(int Ordinal, string Name, IReadOnlyList<PreviewStep> Steps);

    public sealed record Preview(Guid GovernanceModelId, Guid RuleId, string RuleCode, string Explanation, IReadOnlyList<PreviewStage> Stages);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Interest).NotEmpty().MaximumLength(40);
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, Preview>
    {
        public async Task<Preview> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var model = await GovernanceModelsStore.ResolveAsync(connection, command.GovernanceModelId, user, null, cancellationToken);
            await RoutingStore.EnsureInterestAsync(connection, model, command.Interest, null, cancellationToken);
            var data = await RoutingStore.LoadAsync(connection, model, null, cancellationToken);
            var plan = RoutingEngine.Route(data.Input(command.Interest, command.CouncilDecisionRequired, clock.Today()),
                data.Rules, data.Bodies, data.Parties);
            if (!plan.Matched)
            {
                throw new RuleViolationException("routing-rule-matches", plan.Explanation, "interest");
            }
            RoutingStore.RefuseViolations(plan.Violations, plan.Rule!.Code, "interest");
            return new Preview(model, plan.Rule.Id, plan.Rule.Code, Infrastructure.Localization.Messages.Say(plan.Explanation), plan.Stages.Select(s => new PreviewStage(s.Ordinal, s.Name,
                s.Steps.Select(x => new PreviewStep(x.Ordinal, x.BodyId, x.BodyName, x.OrganisationId, x.Role, x.Authoritative, x.Deadline, x.Note)).ToList())).ToList());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/routing/dry-run", async (Command command, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(command, http.RequestAborted)))
                .WithName("dryRunRoute")
                .WithSummary("Prøv en sags forløb / Preview a case's route")
                .WithDescription("Kræver cases:read (alle roller; eller en API-nøgle med det scope). Viser det forløb en sag ville få, med forklaringen, uden at oprette noget." +
                                 "\n\nNeeds cases:read (every role; or an API key with that scope). Shows the route a case would get, with the explanation, " +
                                 "without creating anything.")
                .WithTags("Routing")
                .RequirePermission(Permissions.CasesRead)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
