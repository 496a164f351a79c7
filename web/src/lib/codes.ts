import i18n from './i18n';

/**
 * Codes shown by their names. Codes the data defines (interests, programmes, payers, rules) are
 * looked up in the list the API gave; codes the system defines (body kinds, cost types, audit
 * entity types, seat roles) have names in the message files under `codes.<group>`.
 */
export type CodeGroup = 'bodyKinds' | 'costTypes' | 'auditEntityTypes' | 'seatRoles' | 'financeSources';

/** The name of a code the system defines; an unknown code is shown as readable words, never as snake_case. */
export function codeName(group: CodeGroup, code: string | null | undefined): string {
  if (!code) return '';
  const key = `codes.${group}.${code}`;
  return i18n.exists(key) ? i18n.t(key) : humanise(code);
}

/** The name of a data-defined code from the options the API gave (by code or by id); the code itself if it is unknown. */
export function nameOf(
  code: string | null | undefined,
  options: readonly { code?: string | null; id?: string; name: string }[] | undefined,
): string {
  if (!code) return '';
  const found = options?.find((o) => o.code === code || o.id === code);
  return found ? found.name : humanise(code);
}

/** "case_step" / "climate-secretariat" / "workingGroup" -> "Case step" / "Climate secretariat" / "Working group". */
export function humanise(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[_\-\s]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  if (words.length === 0) return code;
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
