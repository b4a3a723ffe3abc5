import { ModelOutputError } from './model-output-error';

// Servers without schema-constrained decoding (an older llama.cpp, a proxy) often wrap the JSON in
// a Markdown fence or a sentence of prose; the first balanced object is taken from such a reply.
export function parseJsonReply(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') {
    throw new ModelOutputError('empty reply');
  }
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    const embedded = firstJsonObject(trimmed);
    if (embedded !== undefined) {
      try {
        return JSON.parse(embedded);
      } catch {
        // Reported below as "not JSON".
      }
    }
    throw new ModelOutputError('reply is not JSON');
  }
}

// The first {...} span whose braces balance, ignoring braces inside strings.
function firstJsonObject(text: string): string | undefined {
  const start = text.indexOf('{');
  if (start < 0) {
    return undefined;
  }
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (char === '\\') {
        escaped = true;
      } else if (char === '"') {
        inString = false;
      }
      continue;
    }
    if (char === '"') {
      inString = true;
    } else if (char === '{') {
      depth += 1;
    } else if (char === '}') {
      depth -= 1;
      if (depth === 0) {
        return text.slice(start, i + 1);
      }
    }
  }
  return undefined;
}
