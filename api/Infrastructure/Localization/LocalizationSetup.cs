using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Klima.Api.Infrastructure.Localization;

/// <summary>
/// Klima answers in Danish, or in English when the caller asks for it (Accept-Language: en). Only the UI culture
/// (the language of messages) follows the request; the formatting culture stays invariant, so numbers and dates in
/// data (CSV, JSON, SQL parameters) never change with the caller's language. The answer says its language in
/// Content-Language and varies by Accept-Language.
/// </summary>
internal static class LocalizationSetup
{
    public static IServiceCollection AddKlimaLocalization(this IServiceCollection services)
    {
        // FluentValidation's own messages in the request's language (its LanguageManager reads CurrentUICulture), and
        // the field named as the contract names it: 'name', not 'Name'.
        ValidatorOptions.Global.LanguageManager.Enabled = true;
        ValidatorOptions.Global.LanguageManager.Culture = null;
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : member.Name.ToCamelCase();
        // ... and in its sentences by its label in the caller's language ('Navn' / 'Name'), the key staying 'name'.
        ValidatorOptions.Global.MessageFormatterFactory = () => new FieldNames.Formatter();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, Messages.Danish);
            o.SupportedCultures = [CultureInfo.InvariantCulture];
            o.SupportedUICultures = [Messages.Danish, Messages.English];
            o.FallBackToParentUICultures = true;
            // Only the header: a ?culture= query parameter would be outside the contract.
            o.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    public static WebApplication UseKlimaLocalization(this WebApplication app)
    {
        // Set as the answer starts, not before: the exception handler clears the headers of a failed request.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var language = context.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? Messages.Danish;
                context.Response.Headers.ContentLanguage = Messages.IsEnglish(language) ? "en" : "da";
                context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseRequestLocalization();
        return app;
    }

    private static string ToCamelCase(this string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
