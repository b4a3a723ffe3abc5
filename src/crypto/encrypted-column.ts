import { Column } from 'typeorm';
import type { CryptoService } from './crypto.service';

// Encrypted personal data declared once on the entity: the property holds the plain value, the
// table holds `<column>_encrypted` (AES-256-GCM, AAD `<table>.<column>.<row id>`, the convention
// key rotation relies on). EncryptedColumnsSubscriber seals values on insert and update and opens
// them on load, so services and presenters never call the cipher for these columns.
//
// Options:
// - kind 'integer': a number in the entity (stored as its decimal text).
// - legacy: the property of the plaintext column this one replaces. A write clears it; a load falls
//   back to it while it still holds a value; the plaintext backfill (src/gdpr) encrypts and clears
//   what rows written before the change still hold.
// - searchTokens: a text[] property kept with keyed digests of the value's words, so whole-word
//   search works without the plaintext (see keyedWordTokens).

export type EncryptedValueKind = 'text' | 'integer';

export interface EncryptedColumnOptions {
  kind?: EncryptedValueKind;
  legacy?: string;
  searchTokens?: string;
  // false for a value every row has (the column is NOT NULL, as its migration created it).
  nullable?: boolean;
}

export interface EncryptedField {
  property: string;
  // Logical column name: the AAD and the `<column>_encrypted` database name derive from it.
  column: string;
  kind: EncryptedValueKind;
  legacy?: string;
  searchTokens?: string;
}

// A keyed digest (blind index) of a legacy plaintext column, declared so the backfill can derive
// it for rows written before the change. The service writing the entity computes it for new rows.
export interface DigestField {
  property: string;
  purpose: string;
  legacy: string;
}

type EntityClass = abstract new (...args: never[]) => unknown;

const ENCRYPTED = new Map<object, EncryptedField[]>();
const DIGESTS = new Map<object, DigestField[]>();

function snake(value: string): string {
  return value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function add<T>(registry: Map<object, T[]>, target: object, entry: T): void {
  registry.set(target, [...(registry.get(target) ?? []), entry]);
}

export function EncryptedColumn(options: EncryptedColumnOptions = {}): PropertyDecorator {
  return (prototype, propertyKey) => {
    const property = String(propertyKey);
    const column = snake(property);
    Column({ type: 'text', nullable: options.nullable ?? true, name: `${column}_encrypted` })(
      prototype,
      propertyKey,
    );
    add(ENCRYPTED, prototype.constructor, {
      property,
      column,
      kind: options.kind ?? 'text',
      legacy: options.legacy,
      searchTokens: options.searchTokens,
    });
  };
}

export function DigestOfLegacyColumn(options: {
  purpose: string;
  legacy: string;
}): PropertyDecorator {
  return (prototype, propertyKey) => {
    Column({ type: 'varchar', length: 64, nullable: true })(prototype, propertyKey);
    add(DIGESTS, prototype.constructor, { property: String(propertyKey), ...options });
  };
}

// Accepts what TypeORM metadata calls a target (a class, or a name for schema-only entities).
function collect<T>(registry: Map<object, T[]>, target: unknown): T[] {
  const found: T[] = [];
  for (let at: unknown = target; typeof at === 'function'; at = Object.getPrototypeOf(at)) {
    found.push(...(registry.get(at) ?? []));
  }
  return found;
}

export function encryptedFieldsOf(target: unknown): readonly EncryptedField[] {
  return collect(ENCRYPTED, target);
}

export function digestFieldsOf(target: unknown): readonly DigestField[] {
  return collect(DIGESTS, target);
}

export function encryptedFieldAad(table: string, field: EncryptedField, rowId: string): string {
  return `${table}.${field.column}.${rowId}`;
}

// Looked up per value opened from raw rows (three per board card), so remembered per class.
const FIELD_BY_PROPERTY = new WeakMap<object, Map<string, EncryptedField>>();

export function encryptedField(target: EntityClass, property: string): EncryptedField {
  let fields = FIELD_BY_PROPERTY.get(target);
  if (!fields) {
    fields = new Map(encryptedFieldsOf(target).map((f) => [f.property, f]));
    FIELD_BY_PROPERTY.set(target, fields);
  }
  const field = fields.get(property);
  if (!field) {
    throw new Error(`${target.name}.${property} is not an encrypted column`);
  }
  return field;
}

export function sealValue(crypto: CryptoService, aad: string, value: string | number): string {
  return crypto.encrypt(String(value), aad);
}

export function openValue(
  crypto: CryptoService,
  field: EncryptedField,
  aad: string,
  stored: string,
): string | number {
  const plain = crypto.decrypt(stored, aad);
  return field.kind === 'integer' ? Number(plain) : plain;
}

// For rows read with raw SQL (the subscriber sees entities only): the plain value of one column,
// from its ciphertext, or from the legacy plaintext a row written before the change still holds.
export function openColumn<T extends string | number>(
  crypto: CryptoService,
  target: EntityClass,
  property: string,
  table: string,
  row: { id: string; stored: string | null; legacy?: T | null },
): T | null {
  const field = encryptedField(target, property);
  if (row.stored !== null) {
    return openValue(crypto, field, encryptedFieldAad(table, field, row.id), row.stored) as T;
  }
  return row.legacy ?? null;
}

// Keyed digests of the lower-cased words (two characters or more) of a value, one purpose per
// column: "Acme Corp" and "corp acme" give the same set; a query matches when its words are a
// subset (`tokens @> query_tokens`).
export function keyedWordTokens(
  crypto: CryptoService,
  purpose: string,
  text: string | null,
): string[] {
  const words = (text ?? '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2);
  return [...new Set(words.map((w) => crypto.blindIndex(purpose, w).slice(0, 24)))];
}

export function searchTokenPurpose(table: string, field: EncryptedField): string {
  return `search:${table}.${field.column}`;
}

// The tokens a search for `text` looks for in the searchTokens column of an encrypted column.
export function searchTokensFor(
  crypto: CryptoService,
  target: EntityClass,
  property: string,
  table: string,
  text: string,
): string[] {
  return keyedWordTokens(crypto, searchTokenPurpose(table, encryptedField(target, property)), text);
}
