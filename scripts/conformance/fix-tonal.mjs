// Some @tonaljs packages pinned by @strudel/tonal 1.2.6 name "dist/index.js" as their main
// file but ship only dist/index.cjs and dist/index.mjs. Write a one-line forwarder for each.
// Runs after `npm ci` / `npm install` (postinstall); idempotent.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function fixScope(root) {
  if (!fs.existsSync(root)) return;
  for (const name of fs.readdirSync(root)) {
    const dir = path.join(root, name);
    const pkgFile = path.join(dir, 'package.json');
    if (!fs.existsSync(pkgFile)) continue;
    const main = JSON.parse(fs.readFileSync(pkgFile, 'utf8')).main;
    if (!main) continue;
    const target = path.join(dir, main);
    const cjs = path.join(dir, 'dist', 'index.cjs');
    if (!fs.existsSync(target) && fs.existsSync(cjs)) {
      fs.writeFileSync(target, "module.exports = require('./index.cjs');\n");
    }
    fixScope(path.join(dir, 'node_modules', '@tonaljs'));
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));
fixScope(path.join(here, 'node_modules', '@tonaljs'));
fixScope(path.join(here, 'node_modules', '@strudel', 'tonal', 'node_modules', '@tonaljs'));
