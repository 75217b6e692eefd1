import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(p) ? [p] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('layering: imports point inward', () => {
  it('src/core imports no React, three, zustand, DOM-bound or node: modules', () => {
    const bad = files('src/core').flatMap((f) =>
      importsOf(f)
        .filter((m) => /^(react|react-dom|three|@react-three\/|zustand|zundo|node:)/.test(m))
        .map((m) => `${f} -> ${m}`),
    );
    expect(bad).toEqual([]);
  });

  it('src/core never reaches out to state, scene, ui, workers or cli', () => {
    const bad = files('src/core').flatMap((f) =>
      importsOf(f).filter((m) => /\/(state|scene|ui|workers|cli)\//.test(m)).map((m) => `${f} -> ${m}`),
    );
    expect(bad).toEqual([]);
  });

  it('src/state does not import scene or ui', () => {
    const bad = files('src/state').flatMap((f) =>
      importsOf(f).filter((m) => /\/(scene|ui)\//.test(m)).map((m) => `${f} -> ${m}`),
    );
    expect(bad).toEqual([]);
  });

  it('the app never needs ../shared (a user clone has none)', () => {
    const bad = [...files('src')].filter((f) => /shared\/(bench|design)/.test(readFileSync(f, 'utf8')));
    expect(bad).toEqual([]);
  });
});
