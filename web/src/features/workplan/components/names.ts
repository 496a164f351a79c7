/** A name in the screen's language: the English name when there is one and the screen is English, else the Danish. */
export function localName(item: { name: string; nameEn?: string | null }, language: string): string {
  return (language === 'en' ? item.nameEn : null) || item.name;
}

export const bodyName = localName;
