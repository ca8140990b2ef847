/** Whether `value` is one of `table`'s keys: a value from a URL, or from a newer service, may not be. */
export function isKnown<T extends string>(table: Readonly<Record<T, true>>, value: unknown): value is T {
  return typeof value === 'string' && Object.hasOwn(table, value);
}
