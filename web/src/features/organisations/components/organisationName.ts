/**
 * The short name to show beside an organisation's name, or null when it adds nothing: none is set, or it is the name
 * itself ("Concito", short name "Concito", is shown once, not as "Concito (Concito)").
 */
export function distinctShortName(organisation: { name: string; shortName?: string | null }): string | null {
  const short = organisation.shortName?.trim();
  if (!short) return null;
  return short.localeCompare(organisation.name.trim(), 'da', { sensitivity: 'accent' }) === 0 ? null : short;
}
