// Declares, on the entity, that a text-like column (or every text-like column of an entity) holds
// no personal data, with the reason. The coverage check (personal-data-coverage.ts) requires every
// text, varchar, json(b), bytea and text-array column of every entity either to be erased by a
// registered PersonalDataHandler or to carry this declaration.
const ENTITY_REASONS = new Map<object, string>();
const COLUMN_REASONS = new Map<object, Map<string, string>>();

export function NotPersonalData(reason: string): ClassDecorator & PropertyDecorator {
  if (!reason.trim()) {
    throw new Error('NotPersonalData needs a reason');
  }
  return (target: object, propertyKey?: string | symbol): void => {
    if (propertyKey === undefined) {
      ENTITY_REASONS.set(target, reason);
      return;
    }
    const owner = (target as { constructor: object }).constructor;
    const columns = COLUMN_REASONS.get(owner) ?? new Map<string, string>();
    columns.set(String(propertyKey), reason);
    COLUMN_REASONS.set(owner, columns);
  };
}

// Why a column of an entity is not personal data, or undefined when it was not declared so.
export function notPersonalDataReason(target: unknown, property: string): string | undefined {
  for (let at: unknown = target; typeof at === 'function'; at = Object.getPrototypeOf(at)) {
    const reason = COLUMN_REASONS.get(at)?.get(property) ?? ENTITY_REASONS.get(at);
    if (reason) {
      return reason;
    }
  }
  return undefined;
}
