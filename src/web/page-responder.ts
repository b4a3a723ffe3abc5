import type { FastifyReply } from 'fastify';
import type { MessageCatalogue } from './message-catalogue';
import type { PageContext, PageRenderer } from './page-renderer';

// The pages' own policy, stricter than the API's: no inline script or style at all, nothing from
// another origin but the configured logo, forms post here only, never framed.
export function pageSecurityPolicy(logoUrl: string | null): string {
  const logoOrigin = logoUrl?.startsWith('https://') ? ` ${new URL(logoUrl).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${logoOrigin}`,
    "connect-src 'self'",
    "media-src 'self' blob:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export class PageResponder {
  private readonly policy: string;

  constructor(
    readonly catalogue: MessageCatalogue,
    private readonly renderer: PageRenderer,
    logoUrl: string | null,
  ) {
    this.policy = pageSecurityPolicy(logoUrl);
  }

  send(reply: FastifyReply, status: number, view: string, context: PageContext): FastifyReply {
    return (
      reply
        .code(status)
        .header('Content-Type', 'text/html; charset=utf-8')
        .header('Content-Security-Policy', this.policy)
        // Pages carry personal data (the interview room, /me) or a form's echo: never cached.
        .header('Cache-Control', 'no-store')
        .send(this.renderer.render(view, context))
    );
  }

  notFound(reply: FastifyReply): FastifyReply {
    return this.send(reply, 404, 'message', {
      title: this.catalogue.t('common.not_found_title'),
      heading: this.catalogue.t('common.not_found_title'),
      text: this.catalogue.t('common.not_found_body'),
    });
  }
}
