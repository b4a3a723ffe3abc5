import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { testGlobals } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const state = testGlobals.__panelist;
  if (!state) {
    return;
  }
  if (state.serverUrl && state.templateName) {
    const admin = new Client({ connectionString: state.serverUrl });
    await admin.connect();
    await admin
      .query(`DROP DATABASE IF EXISTS "${state.templateName}" WITH (FORCE)`)
      .catch(() => undefined);
    await admin.end();
  }
  if (state.embedded) {
    await state.embedded.stop();
    // The cluster's folder: inside embeddedDir, or under EMBEDDED_DB_FALLBACK_DIR when the postgres
    // OS account could not enter the temporary folder.
    rmSync(state.embedded.location.baseDir, { recursive: true, force: true });
  }
  if (state.embeddedDir) {
    rmSync(state.embeddedDir, { recursive: true, force: true });
  }
}
