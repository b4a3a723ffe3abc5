import Handlebars from 'handlebars';
import type { TemplateSource } from './default-templates';
import type { TemplateVariables } from './template-keys';

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

export interface TemplateProblem {
  field: 'subject' | 'text' | 'html';
  message: string;
}

// Block helpers a template may use; everything else (partials, other helpers, @data, ../, this,
// sub-expressions, triple-stash in HTML) is refused when a template is saved.
const ALLOWED_BLOCKS = new Set(['if', 'unless']);

// A private Handlebars environment with no helpers but the built-in if/unless: templates cannot
// register or call anything, reach prototypes, or read a variable they were not given.
const hbs = Handlebars.create();

const RUNTIME: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  helpers: {},
  partials: {},
};

type Node = hbs.AST.Node & Record<string, unknown>;

function pathProblem(
  path: hbs.AST.PathExpression,
  known: ReadonlySet<string>,
  field: TemplateProblem['field'],
): TemplateProblem | null {
  if (path.data || path.depth > 0 || path.parts.length !== 1 || !known.has(path.parts[0])) {
    return { field, message: `unknown variable "${path.original}"` };
  }
  return null;
}

// Walks the parsed template: every variable must be one the template key defines, every block a
// plain if/unless over such a variable.
function check(
  node: Node | null | undefined,
  known: ReadonlySet<string>,
  field: TemplateProblem['field'],
  problems: TemplateProblem[],
): void {
  if (!node) {
    return;
  }
  switch (node.type) {
    case 'Program':
      for (const statement of node.body as Node[]) {
        check(statement, known, field, problems);
      }
      return;
    case 'ContentStatement':
    case 'CommentStatement':
      return;
    case 'MustacheStatement': {
      const mustache = node as unknown as hbs.AST.MustacheStatement;
      if (mustache.params.length > 0 || mustache.hash) {
        problems.push({ field, message: 'helpers are not allowed; use {{variable}}' });
        return;
      }
      if (mustache.path.type !== 'PathExpression') {
        problems.push({ field, message: 'only variables may be printed' });
        return;
      }
      if (!mustache.escaped && field === 'html') {
        problems.push({ field, message: 'unescaped output ({{{…}}}) is not allowed in HTML' });
      }
      const problem = pathProblem(mustache.path as hbs.AST.PathExpression, known, field);
      if (problem) {
        problems.push(problem);
      }
      return;
    }
    case 'BlockStatement': {
      const block = node as unknown as hbs.AST.BlockStatement;
      const name = block.path.original;
      const param = block.params[0];
      if (!ALLOWED_BLOCKS.has(name) || block.params.length !== 1 || block.hash) {
        problems.push({ field, message: `only {{#if variable}} and {{#unless variable}} blocks` });
        return;
      }
      if (param.type !== 'PathExpression') {
        problems.push({ field, message: `{{#${name}}} needs a variable` });
        return;
      }
      const problem = pathProblem(param as hbs.AST.PathExpression, known, field);
      if (problem) {
        problems.push(problem);
      }
      check(block.program as unknown as Node, known, field, problems);
      check(block.inverse as unknown as Node, known, field, problems);
      return;
    }
    default:
      problems.push({ field, message: `${node.type} is not allowed in a template` });
  }
}

// Parse errors and unknown variables of each part, [] when the template is usable.
export function validateTemplate(
  source: TemplateSource,
  variables: readonly string[],
): TemplateProblem[] {
  const known = new Set(variables);
  const problems: TemplateProblem[] = [];
  for (const field of ['subject', 'text', 'html'] as const) {
    try {
      check(hbs.parse(source[field]) as unknown as Node, known, field, problems);
    } catch (error) {
      problems.push({
        field,
        message: `does not compile: ${(error as Error).message.split('\n')[0]}`,
      });
    }
  }
  return problems;
}

function compile(source: string, html: boolean): Handlebars.TemplateDelegate {
  return hbs.compile(source, {
    strict: true,
    noEscape: !html,
    knownHelpers: { if: true, unless: true },
    knownHelpersOnly: true,
  });
}

const cache = new Map<string, Handlebars.TemplateDelegate>();

function compiled(source: string, html: boolean): Handlebars.TemplateDelegate {
  const key = `${html ? 'h' : 't'}:${source}`;
  let template = cache.get(key);
  if (!template) {
    if (cache.size > 500) {
      cache.clear();
    }
    template = compile(source, html);
    cache.set(key, template);
  }
  return template;
}

// Every known variable is present (strict mode throws on a missing one); values are strings.
function context(variables: TemplateVariables, known: readonly string[]): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const name of known) {
    const value = variables[name];
    out[name] = value === null || value === undefined ? '' : String(value);
  }
  return out;
}

export function renderTemplate(
  source: TemplateSource,
  known: readonly string[],
  variables: TemplateVariables,
): RenderedMessage {
  const data = context(variables, known);
  return {
    // A header: one line, whatever a variable holds.
    subject: compiled(source.subject, false)(data, RUNTIME)
      .replace(/[\r\n\u2028\u2029]+/g, ' ')
      .trim()
      .slice(0, 300),
    text: compiled(source.text, false)(data, RUNTIME),
    html: compiled(source.html, true)(data, RUNTIME),
  };
}
