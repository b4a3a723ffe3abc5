import type { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SmtpReply = { code: number; message: string } | 'accept';

// A real SMTP server on 127.0.0.1 (the smtp-server package) that parses what it accepts with
// mailparser. Tests script its answers: refuse the next deliveries with a 4xx or 5xx, hold the
// reply to a DATA command, or stop listening altogether.
export class SmtpTestServer {
  readonly received: ParsedMail[] = [];
  readonly raw: string[] = [];
  private server: SMTPServer | null = null;
  private scripted: SmtpReply[] = [];
  private alwaysRefuse: { code: number; message: string } | null = null;
  private holdMs = 0;
  private port = 0;
  attempts = 0;

  get url(): string {
    return `smtp://tester:secret@127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'tester' }),
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.attempts++;
          void this.reply(Buffer.concat(chunks), callback);
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(port || this.port, '127.0.0.1', resolve));
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  refuseNext(...replies: SmtpReply[]): void {
    this.scripted.push(...replies);
  }

  refuseAlways(reply: { code: number; message: string } | null): void {
    this.alwaysRefuse = reply;
  }

  holdReplies(ms: number): void {
    this.holdMs = ms;
  }

  to(address: string): ParsedMail[] {
    return this.received.filter((m) =>
      [m.to]
        .flat()
        .some((to) => to?.value.some((v) => v.address?.toLowerCase() === address.toLowerCase())),
    );
  }

  async waitFor(match: (mail: ParsedMail) => boolean, ms = 30_000): Promise<ParsedMail> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.received.find(match);
      if (found) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `No matching message within ${ms} ms; received: ${this.received.map((m) => m.subject).join(' | ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async reply(data: Buffer, callback: (error?: Error | null) => void): Promise<void> {
    if (this.holdMs) {
      await new Promise((resolve) => setTimeout(resolve, this.holdMs));
    }
    const scripted = this.scripted.shift() ?? this.alwaysRefuse ?? 'accept';
    if (scripted !== 'accept') {
      const error = Object.assign(new Error(scripted.message), {
        responseCode: scripted.code,
      });
      callback(error);
      return;
    }
    this.raw.push(data.toString('utf8'));
    this.received.push(await simpleParser(data));
    callback(null);
  }
}

// Links in a message's text part.
export function linksIn(text: string | undefined): string[] {
  return [...(text ?? '').matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]);
}

export function tokenFrom(link: string): string {
  const url = new URL(link);
  return url.searchParams.get('token') ?? url.pathname.split('/').pop()!;
}

// The HTML part with character references decoded, as a browser would read an attribute.
export function decodedHtml(html: string | false | undefined): string {
  return (html || '').replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot);/gi, (_, ref: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"' };
    if (named[ref.toLowerCase()]) {
      return named[ref.toLowerCase()];
    }
    return String.fromCodePoint(
      ref[1].toLowerCase() === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10),
    );
  });
}
