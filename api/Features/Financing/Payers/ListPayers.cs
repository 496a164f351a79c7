using Dapper;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Klima.Api.Features.Financing.Payers;

/// <summary>Lists payers: single organisations and groups paying jointly, with the group's members (the parties a split goes to).</summary>
public static class ListPayers
{
    public sealed record Query : IRequest<IReadOnlyList<PayerResponse>>;

    public sealed record PayerResponse
    {
        public required Guid Id { get; init; }
        public required string Code { get; init; }
        public required string Name { get; init; }
        /// <summary>Set for a single organisation; null for a group.</summary>
        public Guid? OrganisationId { get; init; }
        public string? Note { get; init; }
        /// <summary>The organisations of a group payer, in a stable order; empty for a single organisation.</summary>
        public required IReadOnlyList<Guid> MemberOrganisationIds { get; init; }
    }

    internal sealed record PayerRow
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public Guid? OrganisationId { get; init; }
        public string? Note { get; init; }
    }

    internal sealed record MemberRow
    {
        public Guid PayerId { get; init; }
        public Guid OrganisationId { get; init; }
    }

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, IReadOnlyList<PayerResponse>>
    {
        public async Task<IReadOnlyList<PayerResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var payers = await connection.QueryAsync<PayerRow>(new CommandDefinition(
                "SELECT id, code, name, organisation_id, note FROM funding_payer WHERE deleted_at IS NULL ORDER BY code", cancellationToken: cancellationToken));
            var members = (await connection.QueryAsync<MemberRow>(new CommandDefinition(
                "SELECT payer_id, organisation_id FROM funding_payer_member ORDER BY payer_id, organisation_id", cancellationToken: cancellationToken))).ToList();
            return payers.Select(p => new PayerResponse
            {
                Id = p.Id, Code = p.Code, Name = p.Name, OrganisationId = p.OrganisationId, Note = p.Note,
                MemberOrganisationIds = members.Where(m => m.PayerId == p.Id).Select(m => m.OrganisationId).Order().ToList(),
            }).ToList();
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/financing/payers", async (IMediator mediator, HttpContext http, IOptions<JsonOptions> json) =>
                    ContentResponses.Json(http, await mediator.Send(new Query(), http.RequestAborted), json.Value.SerializerOptions))
                .WithName("listPayers")
                .WithSummary("Vis betalere / List payers")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Betalere: enkelte organisationer og grupper, der " +
                                 "betaler i fællesskab, med gruppens medlemmer (de parter en fordeling går til). ETag og 304." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). Payers: single organisations and groups paying jointly, " +
                                 "with the group's members (the parties a split goes to). ETag and 304.")
                .Produces<IReadOnlyList<PayerResponse>>()
                .Produces(StatusCodes.Status304NotModified)
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead);
    }
}
