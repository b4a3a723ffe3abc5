import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contrastWithWhite } from '../config/env.validation';
import { MessageCatalogue } from './message-catalogue';

const WEB = __dirname;

function filesIn(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

// Every key the views ({{t "key"}}) and the scripts (t('key')) name, literally.
function keysUsed(): string[] {
  const keys = new Set<string>();
  for (const file of filesIn(join(WEB, 'views'), /\.hbs$/)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\{\{t "([\w.]+)"/g)) {
      keys.add(match[1]);
    }
  }
  for (const file of [
    ...filesIn(join(WEB, 'client'), /\.ts$/),
    ...filesIn(join(WEB, 'shared'), /\.ts$/),
  ]) {
    for (const match of readFileSync(file, 'utf8').matchAll(
      /['"`]((?:common|careers|job|applied|interview|me)\.[a-z_]+)['"`]/g,
    )) {
      keys.add(match[1]);
    }
  }
  return [...keys].sort();
}

describe(MessageCatalogue.name, () => {
  const catalogue = MessageCatalogue.load(join(WEB, 'messages'), 'en');

  it('has an English entry for every key the views and scripts use', () => {
    expect(keysUsed().filter((key) => !catalogue.has(key))).toEqual([]);
    expect(keysUsed().length).toBeGreaterThan(60);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(catalogue.t('interview.question_of', { n: 2, total: 5 })).toBe('Question 2 of 5');
    expect(catalogue.t('interview.question_of', { n: 2 })).toBe('Question 2 of {total}');
  });

  it('takes a second language from its own file, falling back to English key by key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'panelist-messages-'));
    try {
      writeFileSync(
        join(dir, 'en.json'),
        JSON.stringify({ lang: 'en', 'a.hello': 'Hello', 'a.bye': 'Bye' }),
      );
      writeFileSync(join(dir, 'pt-BR.json'), JSON.stringify({ lang: 'pt-BR', 'a.hello': 'Olá' }));
      const portuguese = MessageCatalogue.load(dir, 'pt-BR');
      expect([portuguese.t('lang'), portuguese.t('a.hello'), portuguese.t('a.bye')]).toEqual([
        'pt-BR',
        'Olá',
        'Bye',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a language with no catalogue file and a key it does not know', () => {
    expect(() => MessageCatalogue.load(join(WEB, 'messages'), 'xx')).toThrow(/CAREERS_LANGUAGE=xx/);
    expect(() => catalogue.t('job.no_such_key')).toThrow(/no entry "job.no_such_key"/);
  });
});

describe('CAREERS_ACCENT_COLOR contrast', () => {
  it('measures WCAG contrast against white', () => {
    expect(contrastWithWhite('#000000')).toBeCloseTo(21, 1);
    expect(contrastWithWhite('#ffffff')).toBeCloseTo(1, 5);
    expect(contrastWithWhite('#1d4ed8')).toBeGreaterThan(4.5);
    expect(contrastWithWhite('#60a5fa')).toBeLessThan(4.5);
  });
});
