using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Features.Financing.Programmes;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Klima.Api.Features.Financing.Staffing;

/// <summary>The SQL the Staffing use cases share.</summary>
internal static class StaffingStore
{
    public const string Select = """
        SELECT s.id, s.body_id, s.title, s.fte_hundredths, s.employer_organisation_id, o.name AS employer_name, s.placement_body_id,
               pb.name AS placement_body_name, s.funding_programme_id, fp.code AS funding_programme_code, s.annual_cost_ore,
               s.annual_cost_note, s.valid_from, s.valid_to, s.version
        FROM staff_position s
        JOIN organisation o ON o.id = s.employer_organisation_id
        LEFT JOIN body pb ON pb.id = s.placement_body_id
        LEFT JOIN funding_programme fp ON fp.id = s.funding_programme_id
        WHERE s.deleted_at IS NULL
        """;
}
