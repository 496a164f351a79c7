using Klima.Api.Infrastructure.Localization;
using System.Data.Common;
using Dapper;
using FluentValidation;
using FluentValidation.Results;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.Financing.AllocationKeys;

/// <summary>How a stored key weighs its payers.</summary>
public enum AllocationMethod
{
    /// <summary>Weights are basis points (1/100 of a percent) that sum to 10000.</summary>
    FixedShares,
    /// <summary>Weights are inhabitants (the source and date in basisNote).</summary>
    Population,
    /// <summary>Every payer weighs 1.</summary>
    EqualSplit,
}

/// <summary>One payer's weight in a key.</summary>
public sealed record AllocationShareInput(Guid PayerId, long? Weight);

public sealed record AllocationShareResponse
{
    public required Guid PayerId { get; init; }
    public required string PayerCode { get; init; }
    public required string PayerName { get; init; }
    public required long Weight { get; init; }
}

/// <summary>A stored, named allocation key of a governance model: the payers and their weights; version is its revision.</summary>
public sealed record AllocationKeyResponse
{
    public required Guid Id { get; init; }
    public required Guid GovernanceModelId { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required AllocationMethod Method { get; init; }
    public string? Description { get; init; }
    /// <summary>Where the weights come from (e.g. population on a date, from a named statistic).</summary>
    public string? BasisNote { get; init; }
    public required IReadOnlyList<AllocationShareResponse> Shares { get; init; }
    /// <summary>Sum of the weights (10000 for fixed shares).</summary>
    public required long TotalWeight { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
}

/// <summary>Shape rules shared by create and update.</summary>
internal sealed class AllocationKeyRules<T> : AbstractValidator<T>
{
    public AllocationKeyRules(Func<T, string> name, Func<T, AllocationMethod> method, Func<T, string?> description, Func<T, string?> basisNote,
        Func<T, IReadOnlyList<AllocationShareInput>> shares)
    {
        RuleFor(c => name(c)).NotEmpty().MaximumLength(200).OverridePropertyName("name");
        RuleFor(c => method(c)).IsInEnum().OverridePropertyName("method");
        RuleFor(c => description(c)).MaximumLength(2000).OverridePropertyName("description");
        RuleFor(c => basisNote(c)).MaximumLength(400).OverridePropertyName("basisNote");
        RuleFor(c => shares(c)).NotNull().Must(s => s.Count is >= 1 and <= 500).WithMessage(_ => Messages.Get("AllocationKey.SharesCount")).OverridePropertyName("shares");
        RuleFor(c => shares(c)).Must(s => s.Select(x => x.PayerId).Distinct().Count() == s.Count).When(c => shares(c) is not null)
            .WithMessage(_ => Messages.Get("AllocationKey.PayerOnce")).OverridePropertyName("shares");
        RuleFor(c => c).Custom((c, context) =>
        {
            var list = shares(c);
            if (list is null)
            {
                return;
            }
            foreach (var failure in AllocationKeysStore.CheckWeights(method(c), list))
            {
                context.AddFailure(failure);
            }
        });
    }
}
