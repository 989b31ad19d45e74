// Reading the plan's input: files and folders of YAML, the way `kubectl apply -f` takes them.
//
// - A folder contributes its *.yaml and *.yml files in name order, not its subfolders (kubectl
//   without -R), so a README or an expected-output file next to the manifests is never read.
// - YAML is read as YAML 1.1, like kubectl (`yes` is a boolean, `010` is octal), except that
//   timestamps stay strings, as they do when Kubernetes decodes YAML into JSON.
// - Empty documents are skipped; a `kind: List` (what `kubectl get -o yaml` prints) contributes its
//   items (as does a typed list such as ModelReplicaList), so objects exported from a live control
//   plane can be planned as they are.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { isObject } from '../runtime/json.js';
import type { InputDocument, InputProblem, Origin } from './input.js';

export interface SourceText {
  /** How messages name the file (the path as given, or the bundled fleet's name). */
  readonly file: string;
  readonly text: string;
}

export interface Loaded {
  readonly documents: readonly InputDocument[];
  readonly problems: readonly (InputProblem & { readonly origin?: Origin })[];
}

const YAML_FILE = /\.ya?ml$/;
const TIMESTAMP = 'tag:yaml.org,2002:timestamp';

/** The YAML files named by `paths` (files as given, folders expanded), read; or why not. */
export function readPaths(paths: readonly string[]): { texts: SourceText[]; problems: InputProblem[] } {
  const texts: SourceText[] = [];
  const problems: InputProblem[] = [];
  for (const path of paths) {
    let files: string[];
    try {
      if (statSync(path).isDirectory()) {
        files = readdirSync(path, { withFileTypes: true })
          .filter((e) => e.isFile() && YAML_FILE.test(e.name))
          .map((e) => join(path, e.name))
          .sort();
        if (files.length === 0) {
          problems.push({
            file: path,
            object: '',
            path: '',
            problem: 'no .yaml or .yml files in this folder',
          });
        }
      } else files = [path];
    } catch (err) {
      problems.push({ file: path, object: '', path: '', problem: `cannot read: ${ioReason(err)}` });
      continue;
    }
    for (const file of files) {
      try {
        texts.push({ file, text: readFileSync(file, 'utf8') });
      } catch (err) {
        problems.push({ file, object: '', path: '', problem: `cannot read: ${ioReason(err)}` });
      }
    }
  }
  return { texts, problems };
}

const IO_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
};

function ioReason(err: unknown): string {
  const code = isObject(err) && typeof err.code === 'string' ? err.code : undefined;
  if (code !== undefined && IO_REASONS[code] !== undefined) return IO_REASONS[code];
  return err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
}

/** Parses every text into documents; YAML errors become problems naming the document and line. */
export function parseTexts(texts: readonly SourceText[]): Loaded {
  const documents: InputDocument[] = [];
  const problems: (InputProblem & { origin: Origin })[] = [];
  for (const { file, text } of texts) {
    const docs = parseAllDocuments(text, {
      version: '1.1',
      customTags: (tags) =>
        tags.filter((t) => t !== 'timestamp' && (typeof t === 'string' || t.tag !== TIMESTAMP)),
    });
    if (!Array.isArray(docs)) continue; // an empty stream
    docs.forEach((doc, i) => {
      const origin: Origin = { file, document: i + 1 };
      const error = doc.errors[0];
      if (error !== undefined) {
        const at = error.linePos?.[0];
        const where = at === undefined ? '' : ` at line ${at.line}, column ${at.col}`;
        const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
        problems.push({
          origin,
          file,
          object: `document ${origin.document}`,
          path: '',
          problem: `invalid YAML${where}: ${message}`,
        });
        return;
      }
      if (doc.contents === null) return;
      let value: unknown;
      try {
        // Aliases expand when converted; a document that expands them too often is refused.
        value = doc.toJS({ maxAliasCount: 100 });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        problems.push({
          origin,
          file,
          object: `document ${origin.document}`,
          path: '',
          problem: `invalid YAML: ${message}`,
        });
        return;
      }
      if (value === null || value === undefined) return;
      if (isList(value)) {
        value.items.forEach((item, j) => documents.push({ origin: { ...origin, item: j }, value: item }));
        return;
      }
      documents.push({ origin, value });
    });
  }
  return { documents, problems };
}

function isList(value: unknown): value is { items: unknown[] } {
  return (
    isObject(value) &&
    typeof value.kind === 'string' &&
    value.kind.endsWith('List') &&
    Array.isArray(value.items)
  );
}
