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
});
