import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
  attachments: { filename: string; contentType: string; content: string }[];
}

export interface SmtpFailure {
  permanent: boolean;
  message: string;
}

// smtp://user:pass@host:587 (STARTTLS when the server offers it) or smtps://…:465 (TLS).
export function smtpOptions(url: string, timeoutMs: number): SMTPPool.Options {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return {
    pool: true,
    maxConnections: 2,
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: parsed.username
      ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) }
      : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
}

const ADDRESS = /[^\s<>"'@,;:]+@[^\s<>"'@,;:]+/g;

// Server replies and errors can quote the recipient; the log keeps neither address nor secret.
// The text is cut first: ADDRESS retries each start of a long run without '@', so it only ever
// sees a bounded reply (test/security/README.md, regular expressions).
export function withoutAddresses(text: string): string {
  return text.slice(0, 1000).replace(ADDRESS, '<address>').slice(0, 300);
}

// RFC 5321: a 5xx reply is permanent (retrying cannot help); 4xx replies, timeouts and refused
// connections are transient.
export function classifySmtpError(error: unknown): SmtpFailure {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  return {
    permanent: code !== null && code >= 500 && code < 600,
    message: withoutAddresses(
      `${e.code ?? 'ERROR'}${code ? ` ${code}` : ''}: ${e.message ?? String(error)}`,
    ),
  };
}

export class SmtpTransport {
  private readonly transporter: Transporter;

  constructor(url: string, timeoutMs: number) {
    this.transporter = nodemailer.createTransport(smtpOptions(url, timeoutMs));
  }

  async send(mail: OutgoingMail): Promise<string> {
    const info = (await this.transporter.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
      attachments: mail.attachments,
      disableFileAccess: true,
      disableUrlAccess: true,
    })) as { response?: string };
    return withoutAddresses(info.response ?? '');
  }

  close(): void {
    this.transporter.close();
  }
}
