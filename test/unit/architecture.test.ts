import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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

/** Relative imports of every source file, resolved to files (type-only imports count too). */
function importGraph(root: string): Map<string, string[]> {
  const all = files(root);
  const known = new Set(all);
  const resolveImport = (from: string, spec: string): string | undefined => {
    if (!spec.startsWith('.')) return undefined;
    const base = relative(process.cwd(), resolve(dirname(from), spec));
    return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((c) => known.has(c));
  };
  return new Map(all.map((f) => [f, importsOf(f).flatMap((m) => resolveImport(f, m) ?? [])]));
}

/** Groups of files that import each other, directly or around a loop (Tarjan's strongly connected components). */
function importCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    order.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) !== order.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || graph.get(v)?.includes(v)) cycles.push(group.sort());
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return cycles;
}

describe('no import cycles', () => {
  it('the checker finds a loop when there is one', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
    expect(importCycles(g)).toEqual([['a', 'b', 'c']]);
  });

  it('no module of src/ imports itself around a loop (type-only imports included)', () => {
    expect(importCycles(importGraph('src'))).toEqual([]);
  });
});

