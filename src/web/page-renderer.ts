import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CareersSettings } from '../config/app-config';
import type { MessageCatalogue } from './message-catalogue';
import type { AssetManifest } from './web-files';

export interface PageContext {
  title: string;
  // The bundled script this page loads (logical name), if any.
  script?: string;
  // Values the page's script reads (JSON in a data block, never executed).
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

// Server-side HTML from Handlebars views (views/*.hbs, partials in views/partials): escaped by
// default, every string through the `t` helper from the message catalogue, one layout around all.
export class PageRenderer {
  private readonly engine = Handlebars.create();
  private readonly views = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;

  constructor(
    viewsDir: string,
    private readonly catalogue: MessageCatalogue,
    private readonly manifest: AssetManifest,
    private readonly settings: CareersSettings,
  ) {
    this.engine.registerHelper('t', (key: string, options: Handlebars.HelperOptions) =>
      this.catalogue.t(key, options.hash as Record<string, unknown>),
    );
    // A value from the API shown through the catalogue when it has a label for it.
    this.engine.registerHelper('label', (prefix: string, value: string | null) => {
      const key = `${prefix}.${String(value)}`;
      return this.catalogue.has(key) ? this.catalogue.t(key) : (value ?? '');
    });
    this.engine.registerHelper('asset', (name: string) => this.assetUrl(name));
    this.engine.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.engine.registerHelper('or', (a: unknown, b: unknown) => a || b);
    this.engine.registerHelper('concat', (a: unknown, b: unknown) => `${String(a)}${String(b)}`);
    this.engine.registerHelper('date', (iso: string) => iso.slice(0, 10));
    const partials = join(viewsDir, 'partials');
    for (const file of readdirSync(partials)) {
      this.engine.registerPartial(
        basename(file, '.hbs'),
        readFileSync(join(partials, file), 'utf8'),
      );
    }
    for (const file of readdirSync(viewsDir).filter((f) => f.endsWith('.hbs'))) {
      this.views.set(
        basename(file, '.hbs'),
        this.engine.compile(readFileSync(join(viewsDir, file), 'utf8')),
      );
    }
    this.layout = this.views.get('layout')!;
  }

  assetUrl(name: string): string {
    const file = this.manifest[name];
    if (!file) {
      throw new Error(`The candidate pages' build has no asset "${name}"`);
    }
    return `/candidate-assets/${file}`;
  }

  render(view: string, context: PageContext): string {
    const template = this.views.get(view);
    if (!template) {
      throw new Error(`No view "${view}"`);
    }
    const body = template(context);
    return this.layout({
      ...context,
      body,
      lang: this.catalogue.t('lang'),
      site: this.settings,
      script: context.script ? this.assetUrl(context.script) : null,
      pageData: JSON.stringify({ messages: this.catalogue.messages, ...context.data })
        // A data block ends at the first </script: keep "<" out of the JSON text.
        .replace(/</g, '\\u003c'),
    });
  }
}
