import { findSkillForm, lookupKey, type SkillGuard } from './skill-index';

export interface SkillMention {
  name: string;
  index: number;
}

export interface SkillScanOptions {
  // The whole text is a list of skills (a résumé's Skills section), so short or word-like names
  // such as "Go", "R" or "react" count without further evidence.
  listContext?: boolean;
}

interface Token {
  text: string;
  start: number;
  end: number;
  line: LineInfo;
}

interface LineInfo {
  start: number;
  end: number;
  titleCase: boolean;
  listFrom: number | null;
}

interface Candidate {
  name: string;
  guard: SkillGuard;
  first: number;
  last: number;
  index: number;
  text: string;
  accepted: boolean;
  // Read by distributing a shared first word ("Mobile Devices & Applications"): lists only.
  coordinated?: boolean;
}

// A word with optional joined parts: "Node.js", "scikit-learn", "C++", "C#", ".NET", "C++17".
const TOKEN = /\.?[\p{L}\p{N}]+(?:(?:[.\-'’]|\+\+|#)[\p{L}\p{N}]+)*(?:\+\+|#)?/gu;
const PART = /[\p{L}\p{N}]+(?:\+\+|#)?/gu;
const MAX_NGRAM = 5;
const JOINABLE_GAP = /^[\s/\-–]*$/;
const ANY_GAP = /^/;
const CONJUNCTIONS = new Set(['and', 'or', 'plus', '&']);
const LIST_PUNCTUATION = /[,;|/&+()]/;
const SENTENCE_START = /[.!?:•·▪◦●■►➢*]\s*$/;
const CONTEXT_WINDOW = 40;
const MAX_GUARD_ROUNDS = 6;
const LABEL_BULLETS = ' \t-•·*▪◦●■►➢';
const MAX_LABEL_LENGTH = 41;
const LABEL_WORDS =
  /skill|language|technolog|tool|framework|librar|database|platform|stack|environment|software|expertise|proficien|familiar|cloud|devops|competenc|programming/i;

// "at Slack", "Spring Health Inc.": a capitalised word that names an employer, not a skill.
const EMPLOYER_BEFORE = /(?:\bat|@|\bjoined)\s+$/i;
const EMPLOYER_AFTER =
  /^\s+(?:inc|llc|ltd|corp|co|gmbh|ag|plc|technologies|labs|health|group|company|systems|solutions)\b/i;
// "The Linux Foundation", "Kubernetes Summit": an organisation or event named after a skill.
const ORGANISATION_AFTER =
  /^\s+(?:foundation|institute|society|association|conference|summit|fellowship|scholarship|awards?)\b/i;
// "Spring 2023", "Fall '19": a season of the year, not the Spring framework.
const SEASONS = new Set(['spring', 'summer', 'fall', 'autumn', 'winter']);
const YEAR_AFTER = /^\s*(?:['’]\d{2}|(?:19|20)\d{2})(?!\d)/;
// "Mobile Devices & Applications" in a list names mobile applications too.
const COORDINATION_GAP = /^\s*(?:&|and|\/)\s*$/i;

// "Languages: Go, Rust" or "• Cloud & DevOps: …": the offset just past a list label, read with a
// loop (the label is short and made of letters, spaces and & / + -).
function labelEnd(raw: string): { label: string; end: number } | null {
  let start = 0;
  while (start < raw.length && LABEL_BULLETS.includes(raw[start])) {
    start += 1;
  }
  const limit = Math.min(raw.length, start + MAX_LABEL_LENGTH + 1);
  for (let index = start; index < limit; index += 1) {
    const char = raw[index];
    if (char === ':' || char === '：') {
      const label = raw.slice(start, index).trim();
      return label.length >= 2 && /^[A-Za-z]/.test(label) ? { label, end: index + 1 } : null;
    }
    const allowed =
      (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z') || ' &/+-'.includes(char);
    if (!allowed) {
      return null;
    }
  }
  return null;
}

function describeLines(text: string): LineInfo[] {
  const lines: LineInfo[] = [];
  let start = 0;
  for (const raw of text.split('\n')) {
    const end = start + raw.length;
    const words = raw.match(/\p{L}[\p{L}'’]*/gu) ?? [];
    const capitalised = words.filter((word) => /^\p{Lu}/u.test(word)).length;
    const label = labelEnd(raw);
    lines.push({
      start,
      end,
      // Job titles and company names are Title Case, so a capital there says nothing about
      // whether "Slack" or "Spring" is meant as a skill.
      titleCase: words.length >= 3 && capitalised / words.length >= 0.7,
      listFrom: label && LABEL_WORDS.test(label.label) ? start + label.end : null,
    });
    start = end + 1;
  }
  return lines;
}

function tokenize(text: string, lines: LineInfo[]): Token[] {
  const tokens: Token[] = [];
  let lineIndex = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    while (lines[lineIndex].end < start) {
      lineIndex += 1;
    }
    tokens.push({ text: match[0], start, end: start + match[0].length, line: lines[lineIndex] });
  }
  return tokens;
}

function subTokens(token: Token): Token[] {
  return [...token.text.matchAll(PART)].map((part) => ({
    text: part[0],
    start: token.start + part.index,
    end: token.start + part.index + part[0].length,
    line: token.line,
  }));
}

// The text between token right-1 and token right; empty past either end of the token list.
function gapBetween(text: string, tokens: Token[], right: number): string {
  return right <= 0 || right >= tokens.length
    ? ''
    : text.slice(tokens[right - 1].end, tokens[right].start);
}

// Longest alias first, so "Google Cloud Platform" wins over "Google Cloud" and "React Native"
// over "React". N-grams never cross punctuation other than spaces, "/" and "-".
function matchAt(
  text: string,
  tokens: Token[],
  at: number,
  joinable = JOINABLE_GAP,
): { length: number; key: string } | null {
  const keys: string[] = [];
  for (let n = 0; n < MAX_NGRAM && at + n < tokens.length; n += 1) {
    if (n > 0 && !joinable.test(gapBetween(text, tokens, at + n))) {
      break;
    }
    keys.push((keys[n - 1] ?? '') + lookupKey(tokens[at + n].text));
  }
  for (let n = keys.length; n >= 1; n -= 1) {
    if (findSkillForm(keys[n - 1])) {
      return { length: n, key: keys[n - 1] };
    }
  }
  return null;
}

function collectCandidates(text: string, tokens: Token[]): Candidate[] {
  const candidates: Candidate[] = [];
  const push = (
    key: string,
    first: number,
    last: number,
    start: number,
    end: number,
    coordinated = false,
  ): void => {
    const form = findSkillForm(key)!;
    const after = text.slice(end, end + CONTEXT_WINDOW);
    const season = SEASONS.has(text.slice(start, end).toLowerCase()) && YEAR_AFTER.test(after);
    if (season || ORGANISATION_AFTER.test(after)) {
      return;
    }
    candidates.push({
      ...(coordinated ? { coordinated } : {}),
      name: form.skill.name,
      guard: form.guard,
      first,
      last,
      index: start,
      text: text.slice(start, end),
      accepted: false,
    });
  };
  let at = 0;
  while (at < tokens.length) {
    const hit = matchAt(text, tokens, at);
    if (hit) {
      push(hit.key, at, at + hit.length - 1, tokens[at].start, tokens[at + hit.length - 1].end);
      at += hit.length;
      continue;
    }
    const parts = subTokens(tokens[at]);
    if (parts.length > 1) {
      // "Hadoop-based", "Docker's", "Node.js-powered": look inside the joined word.
      for (let p = 0; p < parts.length;) {
        const inner = matchAt(text, parts, p, ANY_GAP);
        if (inner) {
          push(inner.key, at, at, parts[p].start, parts[p + inner.length - 1].end);
          p += inner.length;
        } else {
          p += 1;
        }
      }
    }
    at += 1;
  }
  collectCoordinated(text, tokens, push);
  return candidates;
}

// "Mobile Devices & Applications", "Product Design and Management": the first word goes with
// both nouns. Only the pair read that way is added, and only a list accepts it.
function collectCoordinated(
  text: string,
  tokens: Token[],
  push: (
    key: string,
    first: number,
    last: number,
    start: number,
    end: number,
    coordinated: boolean,
  ) => void,
): void {
  for (let at = 0; at + 2 < tokens.length; at += 1) {
    if (!JOINABLE_GAP.test(gapBetween(text, tokens, at + 1))) {
      continue;
    }
    let second = at + 2;
    if (tokens[second].text.toLowerCase() === 'and' && second + 1 < tokens.length) {
      second += 1;
    } else if (!COORDINATION_GAP.test(gapBetween(text, tokens, second))) {
      continue;
    }
    const key = lookupKey(tokens[at].text) + lookupKey(tokens[second].text);
    if (findSkillForm(key)) {
      push(key, at, second, tokens[at].start, tokens[second].end, true);
    }
  }
}

function hasCapital(value: string): boolean {
  return /\p{Lu}/u.test(value);
}

function inLabelledList(token: Token): boolean {
  return token.line.listFrom != null && token.start >= token.line.listFrom;
}

function acceptedOnItsOwn(text: string, tokens: Token[], candidate: Candidate): boolean {
  const token = tokens[candidate.first];
  switch (candidate.guard) {
    case 'none':
      return true;
    case 'word': {
      // A short window is enough context and keeps long single-line texts linear.
      const windowStart = Math.max(token.line.start, candidate.index - CONTEXT_WINDOW);
      const before = text.slice(windowStart, candidate.index);
      const after = text.slice(
        tokens[candidate.last].end,
        tokens[candidate.last].end + CONTEXT_WINDOW,
      );
      const sentenceStart =
        (windowStart === token.line.start && before.trim() === '') || SENTENCE_START.test(before);
      return (
        hasCapital(candidate.text) &&
        !token.line.titleCase &&
        !sentenceStart &&
        !EMPLOYER_BEFORE.test(before) &&
        !EMPLOYER_AFTER.test(after)
      );
    }
    case 'list':
      return false;
  }
}

// The token index of the list neighbour on one side, looking through one conjunction
// ("Python and R", "Go, Rust & C") or one punctuation separator ("Python/R", "Java, Go").
function listNeighbour(text: string, tokens: Token[], from: number, step: 1 | -1): number | null {
  let next = from + step;
  let gap = step === 1 ? gapBetween(text, tokens, next) : gapBetween(text, tokens, from);
  let separated = LIST_PUNCTUATION.test(gap);
  if (next >= 0 && next < tokens.length && CONJUNCTIONS.has(tokens[next].text.toLowerCase())) {
    next += step;
    const after = step === 1 ? gapBetween(text, tokens, next) : gapBetween(text, tokens, next + 1);
    gap += after;
    separated = true;
  }
  if (next < 0 || next >= tokens.length || !separated) {
    return null;
  }
  // A bare line break separates sentences in wrapped prose, not list items.
  if (gap.includes('\n') && !/[,;|]/.test(gap)) {
    return null;
  }
  return next;
}

function resolveGuards(
  text: string,
  tokens: Token[],
  candidates: Candidate[],
  listContext: boolean,
): void {
  const byEdge = new Map<number, Candidate[]>();
  for (const candidate of candidates) {
    const inList = listContext || inLabelledList(tokens[candidate.first]);
    candidate.accepted =
      inList || (!candidate.coordinated && acceptedOnItsOwn(text, tokens, candidate));
    for (const edge of [candidate.first, candidate.last]) {
      byEdge.set(edge, [...(byEdge.get(edge) ?? []), candidate]);
    }
  }
  const acceptedAt = (tokenIndex: number | null): boolean =>
    tokenIndex != null && (byEdge.get(tokenIndex) ?? []).some((other) => other.accepted);
  // Chains such as "Python, R, Go" or "R, Go and Python" settle in one forward and one backward
  // pass; alternating directions keeps a long chain from taking one round per item.
  const backwards = [...candidates].reverse();
  let changed = true;
  for (let round = 0; changed && round < MAX_GUARD_ROUNDS; round += 1) {
    changed = false;
    for (const candidate of round % 2 === 0 ? candidates : backwards) {
      // Outside a labelled list, "go" and "r" in lower case are English, not Go and R.
      const englishOnly = candidate.guard === 'list' && !hasCapital(candidate.text);
      if (candidate.accepted || candidate.coordinated || englishOnly) {
        continue;
      }
      const left = listNeighbour(text, tokens, candidate.first, -1);
      const right = listNeighbour(text, tokens, candidate.last, 1);
      if (acceptedAt(left) || acceptedAt(right)) {
        candidate.accepted = true;
        changed = true;
      }
    }
  }
}

export function scanSkillMentions(text: string, options: SkillScanOptions = {}): SkillMention[] {
  const clean = text.replace(/\r\n?/g, '\n').replace(/♯/g, '#');
  const lines = describeLines(clean);
  const tokens = tokenize(clean, lines);
  const candidates = collectCandidates(clean, tokens);
  resolveGuards(clean, tokens, candidates, options.listContext ?? false);
  return candidates
    .filter((candidate) => candidate.accepted)
    .map(({ name, index }) => ({ name, index }));
}
