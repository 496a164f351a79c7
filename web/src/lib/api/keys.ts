/**
 * A feature's query-key factory: every key the feature uses starts with its root, so no two
 * features share a key by accident, and invalidating `keys('list')` touches only that feature's
 * lists. Another feature's data is refreshed through `announce` (./changes), never by its keys.
 */
export function featureKeys<const Root extends string>(root: Root) {
  const keys = <const Parts extends readonly unknown[]>(...parts: Parts) => [root, ...parts] as const;
  return Object.assign(keys, { all: [root] as const });
}
