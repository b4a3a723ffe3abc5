// Builds the candidate pages' browser side into dist/web (run by `npm run build`): each script
// and the style sheet bundled and minified by esbuild under a content-hash name, a manifest from
// logical to hashed names, and the views and message catalogues the server renders with.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', '..', 'dist', 'web');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: ['apply.ts', 'interview.ts', 'me.ts', 'pages.css'].map((f) =>
    join(here, 'client', f),
  ),
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  entryNames: '[name]-[hash]',
  outdir: join(out, 'assets'),
  metafile: true,
  logLevel: 'warning',
});
const manifest = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (output.entryPoint) {
    const logical = basename(output.entryPoint).replace(/\.ts$/, '.js');
    manifest[logical] = basename(file);
  }
}
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2));
cpSync(join(here, 'views'), join(out, 'views'), { recursive: true });
cpSync(join(here, 'messages'), join(out, 'messages'), { recursive: true });
