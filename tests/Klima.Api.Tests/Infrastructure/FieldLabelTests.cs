using System.Globalization;
using System.Reflection;
using FluentValidation;
using Klima.Api.Infrastructure.Localization;

namespace Klima.Api.Tests.Infrastructure;

/// <summary>
/// Validation messages name a field by its label in the caller's language ("'Navn' må ikke være tom." / "'Name' must not
/// be empty."), from the catalogue's <c>Field.&lt;jsonName&gt;</c> keys: every property any validator checks has one in
/// Danish and in English, so a field added to a validator without a label fails here.
/// </summary>
public sealed class FieldLabelTests
{
    [Test]
    public void Every_validated_property_has_a_Danish_and_an_English_label()
    {
        var danish = Messages.All(CultureInfo.InvariantCulture);
        var english = Messages.All(Messages.English);
        var fields = ValidatedFields();
        fields.Count.ShouldBeGreaterThan(100);
        fields.Where(f => !danish.ContainsKey(FieldNames.KeyPrefix + f)).Order(StringComparer.Ordinal).ShouldBeEmpty("fields with no Danish label");
        fields.Where(f => !english.ContainsKey(FieldNames.KeyPrefix + f)).Order(StringComparer.Ordinal).ShouldBeEmpty("fields with no English label");
    }

    [Test]
    public void A_field_is_named_by_its_json_name_whatever_form_FluentValidation_gives_it()
    {
        FieldNames.JsonName("funding Programme").ShouldBe("fundingProgramme");
        FieldNames.JsonName("Values.Title").ShouldBe("title");
        FieldNames.JsonName("stages[0].steps[1].note").ShouldBe("note");
        FieldNames.JsonName("Stages").ShouldBe("stages");
    }

    [Test]
    public void A_validation_message_names_the_field_by_its_label_in_the_callers_language()
    {
        // The API's set-up: display names and the formatter that says them.
        new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddKlimaLocalization();
        var validator = new InlineValidator<Sample>();
        validator.RuleFor(s => s.Name).NotEmpty();
        // As the shared rule sets write it (FocusAreaRules and the like): no member, the JSON name given, which
        // FluentValidation says split ("funding Programme").
        Func<Sample, string> code = s => s.Code;
        validator.RuleFor(s => code(s)).NotEmpty().OverridePropertyName("fundingProgramme");
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Messages.Danish;
            var da = validator.Validate(new Sample("", ""));
            da.Errors.Single(e => e.PropertyName.Equals("name", StringComparison.OrdinalIgnoreCase)).ErrorMessage.ShouldBe("'Navn' må ikke være tom.");
            da.Errors.Single(e => e.PropertyName == "fundingProgramme").ErrorMessage.ShouldStartWith("'Finansieringsprogram' ");
            CultureInfo.CurrentUICulture = Messages.English;
            var en = validator.Validate(new Sample("", ""));
            en.Errors.Single(e => e.PropertyName.Equals("name", StringComparison.OrdinalIgnoreCase)).ErrorMessage.ShouldBe("'Name' must not be empty.");
            en.Errors.Single(e => e.PropertyName == "fundingProgramme").ErrorMessage.ShouldBe("'Funding programme' must not be empty.");
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    public sealed record Sample(string Name, string Code);

    /// <summary>The JSON names of every property a validator of the API checks, nested and included validators too.</summary>
    private static HashSet<string> ValidatedFields()
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var validators = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, ContainsGenericParameters: false } && typeof(IValidator).IsAssignableFrom(t))
            .ToList();
        var unreadable = validators.Where(t => t.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes) is null)
            .Select(t => t.FullName).ToList();
        unreadable.ShouldBeEmpty("validators this test cannot construct (give them a parameterless constructor or teach the test)");
        foreach (var type in validators)
        {
            Walk((IValidator)Activator.CreateInstance(type, nonPublic: true)!, fields, 0);
        }
        return fields;
    }

    private static void Walk(IValidator validator, HashSet<string> fields, int depth)
    {
        if (depth > 10 || validator is not IEnumerable<IValidationRule> rules)
        {
            return;
        }
        foreach (var rule in rules)
        {
            if (!string.IsNullOrEmpty(rule.PropertyName))
            {
                fields.Add(FieldNames.JsonName(rule.PropertyName));
            }
            // A rule on a member says the member's name even when the errors key is overridden (RuleFor(c => c.FileName)
            // .OverridePropertyName("file") says 'fileName'): that name needs its label too.
            if (rule.Member is not null)
            {
                fields.Add(FieldNames.JsonName(rule.Member.Name));
            }
            foreach (var component in rule.Components)
            {
                foreach (var child in ValidatorsIn(component.Validator))
                {
                    Walk(child, fields, depth + 1);
                }
            }
        }
    }

    /// <summary>The validator a child adaptor (ChildRules, SetValidator, Include) holds.</summary>
    private static IEnumerable<IValidator> ValidatorsIn(object propertyValidator)
    {
        for (var type = propertyValidator.GetType(); type is not null; type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly))
            {
                if (typeof(IValidator).IsAssignableFrom(field.FieldType) && field.GetValue(propertyValidator) is IValidator child)
                {
                    yield return child;
                }
            }
        }
    }
}
