// A job search as two websearch_to_tsquery inputs: `all`, the text as typed (every word must
// match; "quoted phrases", `or` and -exclusions as websearch reads them), and `any`, the same
// words and phrases joined by `or`, with the exclusions kept apart in `none` (websearch would
// bind them to the last alternative only). `any` is null when there is only one term, where the
// two queries are the same.
export interface SearchTerms {
  all: string;
  any: string | null;
  none: string | null;
}

const TOKEN = /-?"[^"]*"?|\S+/g;

export function searchTerms(text: string): SearchTerms {
  const all = text.trim();
  const include: string[] = [];
  const exclude: string[] = [];
  for (const token of all.match(TOKEN) ?? []) {
    if (token.length > 1 && token.startsWith('-')) {
      exclude.push(token);
    } else if (token.toLowerCase() !== 'or') {
      include.push(token);
    }
  }
  return {
    all,
    any: include.length > 1 ? include.join(' or ') : null,
    none: exclude.length > 0 ? exclude.join(' ') : null,
  };
}
