// oidc-provider ships no types; test/support/oidc-test-provider.ts describes what it uses.
declare module 'oidc-provider';
