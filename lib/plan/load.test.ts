// Reading YAML the way kubectl does, and saying exactly where it is broken.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from './input.js';
import { parseTexts, readPaths } from './load.js';

describe('parseTexts', () => {
  it('reads every document, skips empty ones and numbers them by position', () => {
    const text = '---\na: 1\n---\n# only a comment\n---\nb: 2\n';
    expect(parseTexts([{ file: 'f.yaml', text }])).toEqual({
      documents: [
        { origin: { file: 'f.yaml', document: 1 }, value: { a: 1 } },
        { origin: { file: 'f.yaml', document: 3 }, value: { b: 2 } },
      ],
      problems: [],
    });
  });

  it('reads YAML 1.1 scalars as kubectl does, but keeps timestamps as strings', () => {
    const text = 'enabled: yes\noctal: 010\nwhen: 2026-11-02T09:14:07Z\nquoted: "010"\n';
    expect(parseTexts([{ file: 'f.yaml', text }]).documents[0]?.value).toEqual({
      enabled: true,
      octal: 8,
      when: '2026-11-02T09:14:07Z',
      quoted: '010',
    });
  });

  it('spreads the items of a List (kubectl get -o yaml) into documents', () => {
    const text =
      'apiVersion: v1\nkind: List\nitems:\n  - {kind: A}\n  - {kind: B}\nmetadata: {resourceVersion: ""}\n';
    expect(parseTexts([{ file: 'f.yaml', text }]).documents).toEqual([
      { origin: { file: 'f.yaml', document: 1, item: 0 }, value: { kind: 'A' } },
      { origin: { file: 'f.yaml', document: 1, item: 1 }, value: { kind: 'B' } },
    ]);
  });

  it('reports invalid YAML with the document, line and column, and keeps reading the others', () => {
    const text = 'a: 1\n---\nmetadata:\n  name: x\n   labels: {}\n---\nb: [1\n---\nc: 3\n';
    const r = parseTexts([{ file: 'f.yaml', text }]);
    expect({ problems: r.problems.map(formatProblem), documents: r.documents.map((d) => d.value) }).toEqual({
      problems: [
        'f.yaml:document 2: invalid YAML at line 4, column 9: Nested mappings are not allowed in compact mappings',
        'f.yaml:document 3: invalid YAML at line 8, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
      documents: [{ a: 1 }, { c: 3 }],
    });
  });

  it('refuses a document whose aliases expand too often', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 12 },
        (_, i) =>
          `${'b'.repeat(i + 1)}: &${'b'.repeat(i + 1)} [${'*' + (i === 0 ? 'a' : 'b'.repeat(i))}, ${'*' + (i === 0 ? 'a' : 'b'.repeat(i))}]`,
      ),
    ].join('\n');
    expect(parseTexts([{ file: 'f.yaml', text: `${bomb}\n` }]).problems.map(formatProblem)).toEqual([
      'f.yaml:document 1: invalid YAML: Excessive alias count indicates a resource exhaustion attack',
    ]);
  });

  it('refuses duplicate keys, as kubectl does', () => {
    expect(parseTexts([{ file: 'f.yaml', text: 'a: 1\na: 2\n' }]).problems.map(formatProblem)).toEqual([
      'f.yaml:document 1: invalid YAML at line 2, column 1: Map keys must be unique',
    ]);
  });
});

describe('readPaths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modelplane-load-'));
  writeFileSync(join(dir, 'b.yaml'), 'b: 1\n');
  writeFileSync(join(dir, 'a.yml'), 'a: 1\n');
  writeFileSync(join(dir, 'README.md'), '# not read\n');
  mkdirSync(join(dir, 'nested'));
  writeFileSync(join(dir, 'nested', 'c.yaml'), 'c: 1\n');
  const empty = mkdtempSync(join(tmpdir(), 'modelplane-empty-'));

  it('reads a folder’s YAML files in name order, not its other files or subfolders', () => {
    expect(readPaths([dir])).toEqual({
      texts: [
        { file: join(dir, 'a.yml'), text: 'a: 1\n' },
        { file: join(dir, 'b.yaml'), text: 'b: 1\n' },
      ],
      problems: [],
    });
  });

  it('says why a path cannot be read', () => {
    expect(readPaths([join(dir, 'missing.yaml'), empty]).problems.map(formatProblem)).toEqual([
      `${join(dir, 'missing.yaml')}: cannot read: no such file or directory`,
      `${empty}: no .yaml or .yml files in this folder`,
    ]);
  });
});
