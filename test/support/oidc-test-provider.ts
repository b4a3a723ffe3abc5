import { generateKeyPairSync, JsonWebKey } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';

// A real OpenID provider (the `oidc-provider` package) on 127.0.0.1 for the SSO tests. Sign-in
// interactions are answered by the test (no login form): the next sign-in is `nextAccount`.
// `rotate()` replaces the signing key (the old one leaves the JWKS); `tamperAudience` re-signs
// the ID token of the next token answer, with the provider's own key, for another audience.

export interface TestAccount {
  sub: string;
  email: string;
  email_verified: boolean;
  groups: string[];
}

interface KoaContext {
  path: string;
  req: IncomingMessage;
  res: ServerResponse;
  body: unknown;
  respond: boolean;
}

interface ProviderInstance {
  use(fn: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<{ params: { client_id: string } }>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: unknown,
    options: { mergeWithLastSubmission: boolean },
  ): Promise<void>;
  Grant: new (init: { accountId: string; clientId: string }) => {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  };
}

type ProviderClass = new (
  issuer: string,
  configuration: Record<string, unknown>,
) => ProviderInstance;

function signingKey(kid: string): JsonWebKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
}

export class OidcTestProvider {
  nextAccount: TestAccount | null = null;
  tamperAudience: string | null = null;
  private keys: JsonWebKey[] = [signingKey('key-1')];
  private server: Server | null = null;
  private handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;

  constructor(
    readonly port: number,
    private readonly client: { id: string; secret: string; redirectUri: string },
  ) {}

  get issuer(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get currentKid(): string {
    return this.keys[0].kid as string;
  }

  async start(): Promise<void> {
    await this.build();
    this.server = createServer((req, res) => this.handler!(req, res));
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  // A new signing key; the old one is withdrawn from the JWKS (a completed rotation).
  async rotate(): Promise<void> {
    this.keys = [signingKey(`key-${Date.now()}`)];
    await this.build();
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async build(): Promise<void> {
    const { default: Provider } = (await import('oidc-provider')) as unknown as {
      default: ProviderClass;
    };
    const accounts = new Map<string, TestAccount>();
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: this.client.id,
          client_secret: this.client.secret,
          redirect_uris: [this.client.redirectUri],
          response_types: ['code'],
          grant_types: ['authorization_code'],
        },
      ],
      jwks: { keys: this.keys },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['groups'] },
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: false } },
      findAccount: (_ctx: unknown, id: string) => {
        const account = accounts.get(id);
        return account ? { accountId: id, claims: () => ({ ...account }) } : undefined;
      },
      interactions: {
        url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
    });
    provider.use(async (ctx, next) => {
      if (ctx.path.startsWith('/interaction/')) {
        const account = this.nextAccount!;
        accounts.set(account.sub, account);
        const details = await provider.interactionDetails(ctx.req, ctx.res);
        const grant = new provider.Grant({
          accountId: account.sub,
          clientId: details.params.client_id,
        });
        grant.addOIDCScope('openid email profile');
        const grantId = await grant.save();
        ctx.respond = false;
        await provider.interactionFinished(
          ctx.req,
          ctx.res,
          { login: { accountId: account.sub }, consent: { grantId } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      await next();
      if (ctx.path === '/token' && this.tamperAudience) {
        ctx.body = await this.resignedFor(ctx.body as { id_token: string }, this.tamperAudience);
        this.tamperAudience = null;
      }
    });
    this.handler = provider.callback();
  }

  private async resignedFor(body: { id_token: string }, audience: string): Promise<unknown> {
    const jose = await import('jose');
    const claims = jose.decodeJwt(body.id_token);
    const key = await jose.importJWK(this.keys[0], 'RS256');
    const id_token = await new jose.SignJWT({ ...claims, aud: audience })
      .setProtectedHeader({ alg: 'RS256', kid: this.currentKid })
      .sign(key);
    return { ...body, id_token };
  }
}

// A browser's part of the code flow: follow the provider's redirects (keeping its cookies) until
// it sends the browser back to the application's callback; answer that callback's query.
export async function signInThrough(
  startLocation: string,
  redirectUri: string,
): Promise<Record<string, string>> {
  const cookies = new Map<string, string>();
  let url = startLocation;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(redirectUri)) {
      return Object.fromEntries(new URL(url).searchParams);
    }
    const res = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (!location) {
      throw new Error(
        `the provider stopped at ${url}: ${res.status} ${(await res.text())
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(0, 400)}`,
      );
    }
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects');
}
