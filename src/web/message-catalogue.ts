import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Messages = Record<string, string>;

// Every string the candidate pages show, from one JSON catalogue per language
// (messages/<language>.json, copied to dist/web/messages by the build). English is the reference:
// another language is a new file with the same keys, chosen by CAREERS_LANGUAGE; a key it lacks
// falls back to English, so a partial translation never shows a raw key.
export class MessageCatalogue {
  private constructor(readonly messages: Messages) {}

  static load(dir: string, language: string): MessageCatalogue {
    const english = JSON.parse(readFileSync(join(dir, 'en.json'), 'utf8')) as Messages;
    const path = join(dir, `${language}.json`);
    if (!existsSync(path)) {
      throw new Error(
        `CAREERS_LANGUAGE=${language}: there is no message catalogue ${language}.json in ${dir}`,
      );
    }
    const chosen = JSON.parse(readFileSync(path, 'utf8')) as Messages;
    return new MessageCatalogue({ ...english, ...chosen });
  }

  // `{name}` placeholders are replaced by the given values; the result is plain text (escaped
  // by whoever puts it into HTML).
  t(key: string, values: Record<string, unknown> = {}): string {
    const template = this.messages[key];
    if (template === undefined) {
      throw new Error(`The message catalogue has no entry "${key}"`);
    }
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
  }

  has(key: string): boolean {
    return key in this.messages;
  }
}
