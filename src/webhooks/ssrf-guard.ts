import type { LookupAddress, LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import ipaddr from 'ipaddr.js';

// Allow-list, not block-list: a webhook may reach only global unicast addresses. ipaddr.js names
// every special-purpose range (IANA registries); anything it does not call plain 'unicast' is
// refused, IPv6 must also sit in 2000::/3, and an IPv4 address embedded in an IPv6 one is
// checked as the IPv4 address it leads to.
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parse('2000::');

export class WebhookTargetError extends Error {}

function isGlobalV4(address: ipaddr.IPv4): boolean {
  return address.range() === 'unicast';
}

function v4(bytes: number[]): ipaddr.IPv4 {
  return new ipaddr.IPv4(bytes);
}

// The IPv4 addresses an IPv6 address leads to, when it embeds any (null: none embedded).
function embeddedV4(address: ipaddr.IPv6): ipaddr.IPv4[] | null {
  const bytes = address.toByteArray();
  const range = address.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145') {
    return [v4(bytes.slice(12))];
  }
  if (range === 'rfc6052' && address.match(ipaddr.IPv6.parse('64:ff9b::'), 96)) {
    return [v4(bytes.slice(12))]; // NAT64 well-known prefix
  }
  if (range === '6to4') {
    return [v4(bytes.slice(2, 6))];
  }
  if (range === 'teredo') {
    // Server address in bits 32–63; the client's address is the last 32 bits, inverted.
    return [v4(bytes.slice(4, 8)), v4(bytes.slice(12).map((b) => b ^ 0xff))];
  }
  if (bytes.slice(0, 12).every((b) => b === 0)) {
    return [v4(bytes.slice(12))]; // IPv4-compatible ::a.b.c.d (deprecated)
  }
  return null;
}

function isGlobalV6(address: ipaddr.IPv6): boolean {
  const embedded = embeddedV4(address);
  if (embedded) {
    // IPv4-compatible and local-use NAT64 (64:ff9b:1::/48) addresses are never global; the others
    // are as good as every IPv4 address they carry.
    const compatible = address
      .toByteArray()
      .slice(0, 12)
      .every((b) => b === 0);
    return !compatible && embedded.every(isGlobalV4);
  }
  return address.range() === 'unicast' && address.match(GLOBAL_UNICAST_V6, 3);
}

// The host's own addresses are refused too: a public address of this machine reaches services
// that listen on every interface.
function isOwnAddress(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  const normalised = address.toNormalizedString();
  return Object.values(networkInterfaces()).some((list) =>
    (list ?? []).some((own) => {
      try {
        return ipaddr.process(own.address.split('%')[0]).toNormalizedString() === normalised;
      } catch {
        return false;
      }
    }),
  );
}

// ipaddr.js reads any "::a.b.c.d" as IPv4-mapped; the socket reads it as IPv4-compatible. The
// dotted tail is rewritten as two hex groups first, so both see the same 16 bytes.
function withHexTail(raw: string): string {
  const match = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(raw);
  if (!match) {
    return raw;
  }
  const [a, b, c, d] = match.slice(2).map(Number);
  return `${match[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

export function isPublicAddress(raw: string): boolean {
  if (isIP(raw.split('%')[0]) === 0) {
    return false;
  }
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    address = ipaddr.parse(withHexTail(raw));
  } catch {
    return false;
  }
  const global =
    address.kind() === 'ipv4'
      ? isGlobalV4(address as ipaddr.IPv4)
      : isGlobalV6(address as ipaddr.IPv6);
  return global && !isOwnAddress(address);
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError('url must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WebhookTargetError('url must use http or https');
  }
  if (url.username || url.password) {
    throw new WebhookTargetError('url must not contain credentials; use the signing secret');
  }
  return url;
}

// Every address of a name (the system resolver, as the HTTP client uses it). Injectable so a test
// can make a name answer differently at check time and at connect time.
export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: HostResolver = (hostname) =>
  lookup(hostname, { all: true, verbatim: true });

// Checked when an endpoint is registered and again before every delivery (DNS may change).
export async function assertPublicTarget(
  url: URL,
  allowPrivate: boolean,
  resolve: HostResolver = systemResolver,
): Promise<void> {
  if (allowPrivate) {
    return;
  }
  const host = hostOf(url);
  const addresses = isIP(host)
    ? [host]
    : await resolve(host).then(
        (found) => found.map((a) => a.address),
        () => {
          throw new WebhookTargetError(`the host ${host} could not be resolved`);
        },
      );
  if (addresses.length === 0 || !addresses.every(isPublicAddress)) {
    throw new WebhookTargetError(
      `the host ${host} resolves to an address that is not global unicast (private, loopback, link-local, reserved or this host's own)`,
    );
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

// Used as the socket's `lookup`, so the address actually connected to is the one checked (no
// window for DNS rebinding between the check above and the connection).
export function guardedLookup(allowPrivate: boolean, resolve: HostResolver = systemResolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    resolve(hostname).then(
      (found) => {
        // Every address of the name must pass, not only the one this socket would use.
        const addresses = found.filter((a) => !options.family || a.family === options.family);
        if (!allowPrivate && !found.every((a) => isPublicAddress(a.address))) {
          callback(new WebhookTargetError(`${hostname} resolves to a non-public address`), []);
        } else if (addresses.length === 0) {
          callback(new WebhookTargetError(`${hostname} has no usable address`), []);
        } else if (options.all) {
          callback(null, addresses);
        } else {
          callback(null, addresses[0].address, addresses[0].family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}
