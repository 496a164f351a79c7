// Placeholder until ../openapi.yaml exists; `npm run gen:api` overwrites this file.
export type paths = Record<string, never>;
export type components = Record<string, never>;
