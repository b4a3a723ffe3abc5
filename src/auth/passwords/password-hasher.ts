import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's minimum parameters (19 MiB, t=2, p=1); the library default is 4 MiB.
// `algorithm: 2` is Algorithm.Argon2id (a const enum, which isolated transpilation cannot inline).
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

@Injectable()
export class PasswordHasher {
  // Verified against when the account does not exist, so both failure paths cost the same.
  private readonly decoy = hash('decoy-password-never-matches', ARGON2_OPTIONS);

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  async verify(storedHash: string | null, password: string): Promise<boolean> {
    const target = storedHash ?? (await this.decoy);
    try {
      const ok = await verify(target, password);
      return ok && storedHash !== null;
    } catch {
      return false;
    }
  }
}
