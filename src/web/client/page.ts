// What every page script shares: the message catalogue and data the server put in the page's
// JSON block, element look-ups, and calls to the public API.

interface PageData {
  messages: Record<string, string>;
  [key: string]: unknown;
}

export const pageData = JSON.parse(
  document.getElementById('page-data')?.textContent ?? '{}',
) as PageData;

export function t(key: string, values: Record<string, unknown> = {}): string {
  const template = pageData.messages[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) {
    throw new Error(`The page has no #${id}`);
  }
  return found as T;
}

export function setText(id: string, text: string): void {
  byId(id).textContent = text;
}

// Shows a message in an element that is associated (aria-describedby) with a field.
export function showError(id: string, text: string | null): void {
  const target = byId(id);
  target.textContent = text ?? '';
  target.hidden = !text;
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

export async function api<T = unknown>(
  method: string,
  path: string,
  options: { token?: string | null; json?: unknown; form?: FormData } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
  }
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(path, { method, headers, body, credentials: 'omit' });
  const text = await response.text();
  let parsed: unknown = null;
  if (text && (response.headers.get('content-type') ?? '').includes('json')) {
    parsed = JSON.parse(text);
  }
  return { status: response.status, body: parsed as T };
}

export function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Moves focus to a heading or region that just appeared, for keyboard and screen-reader users.
export function focusOn(id: string): void {
  const target = byId(id);
  if (!target.hasAttribute('tabindex')) {
    target.setAttribute('tabindex', '-1');
  }
  target.focus();
}
