import { DEFAULT_TEMPLATES } from './default-templates';
import { TEMPLATE_KEYS, TEMPLATE_VARIABLES } from './template-keys';
import { renderTemplate, validateTemplate } from './template-renderer';

const known = ['recipient_name', 'job_title', 'company'];
const source = (text: string, html = '<p>{{recipient_name}}</p>', subject = 'Hi') => ({
  subject,
  text,
  html,
});

describe('template renderer', () => {
  it('ships a default for every key that uses only that key’s variables', () => {
    for (const key of TEMPLATE_KEYS) {
      expect([key, validateTemplate(DEFAULT_TEMPLATES[key], TEMPLATE_VARIABLES[key])]).toEqual([
        key,
        [],
      ]);
    }
  });

  it('escapes variables in the HTML part only', () => {
    const out = renderTemplate(source('Dear {{recipient_name}}'), known, {
      recipient_name: '<img src=x onerror=alert(1)> & "Co"',
    });
    expect(out.text).toBe('Dear <img src=x onerror=alert(1)> & "Co"');
    expect(out.html).toBe(
      '<p>&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; &quot;Co&quot;</p>',
    );
  });

  it('keeps the subject on one line whatever a variable holds', () => {
    const out = renderTemplate(source('x', '<p>x</p>', 'About {{job_title}}'), known, {
      job_title: 'Ops\r\nBcc: victim@example.com',
    });
    expect(out.subject).toBe('About Ops Bcc: victim@example.com');
  });

  it('refuses variables the key does not define, prototype paths and parent or data lookups', () => {
    for (const text of [
      '{{password}}',
      '{{constructor}}',
      '{{recipient_name.constructor}}',
      '{{__proto__}}',
      '{{../recipient_name}}',
      '{{@root.recipient_name}}',
      '{{this}}',
    ]) {
      expect([text, validateTemplate(source(text), known).length > 0]).toEqual([text, true]);
    }
  });

  it('refuses helpers, partials, sub-expressions, triple-stash in HTML and broken syntax', () => {
    for (const [text, html] of [
      ['{{#each job_title}}{{/each}}', '<p></p>'],
      ['{{lookup recipient_name "x"}}', '<p></p>'],
      ['{{> header}}', '<p></p>'],
      ['{{#if (lookup job_title "x")}}y{{/if}}', '<p></p>'],
      ['x', '<p>{{{recipient_name}}}</p>'],
      ['{{#if company}}open', '<p></p>'],
      ['{{recipient_name', '<p></p>'],
    ]) {
      expect([text, html, validateTemplate(source(text, html), known).length > 0]).toEqual([
        text,
        html,
        true,
      ]);
    }
  });

  it('allows if/unless over known variables, and triple-stash in the text part', () => {
    const template = source(
      '{{#if company}}at {{company}}{{else}}-{{/if}}{{#unless job_title}} none{{/unless}} {{{recipient_name}}}',
    );
    expect(validateTemplate(template, known)).toEqual([]);
    expect(renderTemplate(template, known, { company: '', recipient_name: 'A&B' }).text).toBe(
      '- none A&B',
    );
  });

  it('cannot read a prototype property at render time even when the caller passes objects', () => {
    const out = renderTemplate(source('{{recipient_name}}'), known, {
      recipient_name: { toString: () => 'plain' } as unknown as string,
    });
    expect(out.text).toBe('plain');
  });
});
