import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';

/** The installer's files list (electron-builder.yml `files:`), as the patterns it gives. */
function packagedPatterns(): string[] {
  const yml = fs.readFileSync('electron-builder.yml', 'utf8');
  const block = yml.split(/^files:\s*$/m)[1]!.split(/^\S/m)[0]!;
  return [...block.matchAll(/^\s+-\s+"?([^"\n]+?)"?\s*$/gm)].map((m) => m[1]!);
}

/** Relative files a bundle loads (static and dynamic imports, require), resolved next to it. */
function localImports(file: string): string[] {
  const code = fs.readFileSync(file, 'utf8');
  const specs = [...code.matchAll(/(?:from\s*|import\s*\(\s*|require\(\s*)["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]!);
  return specs.map((s) => path.relative('.', path.resolve(path.dirname(file), s)));
}

describe('what the installer ships', () => {
  it('leaves out the loopback bridge (dev host) and the command line, and the app needs neither', () => {
    const patterns = packagedPatterns();
    expect(patterns).toContain('dist/**/*');
    for (const left of ['!dist/dev-host.js', '!dist/cli.js', '!dist/chunks/**']) expect(patterns).toContain(left);
    // The Electron main bundle and the token worker it starts must not reach into what is left out.
    for (const shipped of ['dist/electron/main.cjs', 'dist/token-worker.js', 'dist/preload.cjs']) {
      expect(fs.existsSync(shipped), `${shipped} is built before the tests`).toBe(true);
      for (const dep of localImports(shipped)) expect(dep).not.toMatch(/^dist\/(chunks\/|cli\.js|dev-host\.js)/);
    }
  });
});
