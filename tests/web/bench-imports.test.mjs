// The benchmarks' scripts run only when someone re-measures (bench/, never in CI: they take minutes and
// their numbers depend on the machine), so a name they import from the page's modules can vanish
// unnoticed: tfjs_bench.mjs failed for a session after engine/lrplay.js's trainRecords went. The
// same holds for the developer scripts in scripts/ that CI never runs (readme-screenshot.mjs). This
// checks, without running them, that every name such a script imports from a relative module is
// exported there.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The names `file` exports: declarations and `export { a, b as c }` lists. */
function exportedNames(file) {
  const text = fs.readFileSync(file, 'utf8');
  const names = new Set();
  for (const m of text.matchAll(
    /^export\s+(?:async\s+)?(?:function\*?|class|const|let|var)\s+([\w$]+)/gm,
  ))
    names.add(m[1]);
  for (const m of text.matchAll(/^export\s*\{([^}]*)\}/gm))
    for (const part of m[1].split(','))
      if (part.trim())
        names.add(
          part
            .trim()
            .split(/\s+as\s+/)
            .pop(),
        );
  return names;
}

/** [{ names, from }] for each `import { ... } from './relative'` in `file`. */
function namedImports(file) {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^import\s*\{([^}]*)\}\s*from\s*'(\.[^']+)'/gm)].map((m) => ({
    names: m[1]
      .split(',')
      .map((part) => part.trim().split(/\s+as\s+/)[0])
      .filter(Boolean),
    from: path.resolve(path.dirname(file), m[2]),
  }));
}

const scripts = ['bench', 'scripts'].flatMap((dir) =>
  fs
    .readdirSync(path.join(root, dir))
    .filter((f) => /\.m?js$/.test(f))
    .map((f) => path.join(root, dir, f)),
);

test('the bench scripts exist and import from relative modules', () => {
  assert.ok(scripts.some((f) => namedImports(f).length > 0));
  // the check itself: a name no module exports is caught
  assert.ok(!exportedNames(path.join(root, 'web/src/engine/lrplay.js')).has('trainRecords'));
  assert.ok(exportedNames(path.join(root, 'web/src/engine/lrplay.js')).has('Run'));
});

for (const file of scripts) {
  test(`${path.relative(root, file)}: every imported name is exported`, () => {
    for (const { names, from } of namedImports(file)) {
      assert.ok(fs.existsSync(from), `${path.relative(root, from)} does not exist`);
      const exported = exportedNames(from);
      for (const name of names)
        assert.ok(exported.has(name), `${path.relative(root, from)} does not export ${name}`);
    }
  });
}
