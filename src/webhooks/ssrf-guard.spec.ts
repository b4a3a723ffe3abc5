import { networkInterfaces } from 'node:os';
import { assertPublicTarget, isPublicAddress, parseWebhookUrl } from './ssrf-guard';

describe('ssrf-guard', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '100.64.0.1',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('refuses the non-public address %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700:4700::1111'])(
    'accepts the public address %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it('accepts only http and https URLs without credentials', () => {
    expect(() => parseWebhookUrl('ftp://example.com/hook')).toThrow('http or https');
    expect(() => parseWebhookUrl('not a url')).toThrow('absolute');
    expect(() => parseWebhookUrl('https://user:pw@example.com/')).toThrow('credentials');
    expect(parseWebhookUrl('https://example.com/hook').hostname).toBe('example.com');
  });

  it('refuses literal private targets and localhost unless private targets are allowed', async () => {
    await expect(assertPublicTarget(new URL('http://127.0.0.1:8080/'), false)).rejects.toThrow();
    await expect(assertPublicTarget(new URL('http://[::1]/'), false)).rejects.toThrow();
    await expect(assertPublicTarget(new URL('http://localhost/'), false)).rejects.toThrow();
    await expect(assertPublicTarget(new URL('http://127.0.0.1/'), true)).resolves.toBeUndefined();
    await expect(assertPublicTarget(new URL('http://8.8.8.8/'), false)).resolves.toBeUndefined();
  });

  // Each of these got through the earlier block-list (issue #13.12).
  it.each([
    ['NAT64 of the cloud metadata address', '64:ff9b::a9fe:a9fe'],
    ['NAT64 of loopback', '64:ff9b::7f00:1'],
    ['local-use NAT64', '64:ff9b:1::808:808'],
    ['IPv4-compatible loopback', '::127.0.0.1'],
    ['IPv4-compatible public address', '::8.8.8.8'],
    ['IPv4-translated private address', '::ffff:0:10.0.0.1'],
    ['6to4 of loopback', '2002:7f00:1::1'],
    ['6to4 of RFC 1918', '2002:c0a8:101::1'],
    ['Teredo with a documentation client', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
    ['site-local (fec0::/10)', 'fec0::1'],
    ['IPv6 documentation', '2001:db8::1'],
    ['IPv6 documentation (3fff::/20)', '3fff::1'],
    ['IPv6 benchmarking', '2001:2::1'],
    ['IPv6 ORCHIDv2', '2001:20::1'],
    ['IPv6 discard-only', '100::1'],
    ['IPv6 multicast', 'ff02::1'],
    ['IPv6 outside 2000::/3', '4000::1'],
    ['IPv4 documentation (TEST-NET-1)', '192.0.2.10'],
    ['IPv4 documentation (TEST-NET-2)', '198.51.100.7'],
    ['IPv4 documentation (TEST-NET-3)', '203.0.113.9'],
    ['IPv4 benchmarking', '198.18.0.1'],
    ['IPv4 broadcast', '255.255.255.255'],
    ['IPv4 multicast', '239.1.2.3'],
    ['IPv4 reserved', '250.1.2.3'],
    ['IPv4 6to4 relay anycast', '192.88.99.1'],
  ])('#13.12 refuses %s (%s)', (_label, address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    ['NAT64 of a public address', '64:ff9b::808:808'],
    ['6to4 of a public address', '2002:808:808::1'],
    ['IPv4-mapped public address', '::ffff:8.8.8.8'],
    ['global unicast IPv6', '2a00:1450:4001:80b::200e'],
  ])('#13.12 accepts %s (%s)', (_label, address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it("#13.12 refuses every address of this host's own interfaces", () => {
    const own = Object.values(networkInterfaces())
      .flat()
      .map((i) => i!.address);
    expect(own.length).toBeGreaterThan(0);
    for (const address of own) {
      expect(isPublicAddress(address)).toBe(false);
    }
  });

  it('#13.12 refuses a name when any one of its addresses is not global unicast', async () => {
    const resolve = () =>
      Promise.resolve([
        { address: '93.184.216.34', family: 4 },
        { address: '64:ff9b::a9fe:a9fe', family: 6 },
      ]);
    await expect(
      assertPublicTarget(new URL('https://mixed.test/hook'), false, resolve),
    ).rejects.toThrow('not global unicast');
    await expect(
      assertPublicTarget(new URL('https://mixed.test/hook'), true, resolve),
    ).resolves.toBeUndefined();
  });
});
