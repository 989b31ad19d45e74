// Envoy Gateway CRDs the shared set (../shared/crds) lacks: the HTTPRouteFilter a ModelEndpoint
// with credentials composes. They are read from the Envoy Gateway module that tools/egctl-v1.9
// pins (downloaded into the Go module cache by scripts/install-tools.sh), so the schema is the one
// of the release the translator tests run, and nothing upstream is copied into the repository.

import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.js';

const FILES = ['gateway.envoyproxy.io_httproutefilters.yaml'];
const CRD_DIR = join('charts', 'gateway-helm', 'charts', 'crds', 'crds', 'generated');

/** The Envoy Gateway version tools/egctl-v1.9/go.mod requires. */
export function pinnedEnvoyGatewayVersion(): string {
  const goMod = readFileSync(join(repoRoot, 'tools', 'egctl-v1.9', 'go.mod'), 'utf8');
  const version = /^require github\.com\/envoyproxy\/gateway (v\S+)$/m.exec(goMod)?.[1];
  if (version === undefined)
    throw new Error('tools/egctl-v1.9/go.mod does not require github.com/envoyproxy/gateway');
  return version;
}

let dir: string | undefined;

/** A folder holding only the extra Envoy Gateway CRDs, for `crossplane resource validate`. */
export function envoyGatewayExtraCrdsDir(): string {
  if (dir !== undefined) return dir;
  const modCache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  const source = join(
    modCache,
    'github.com',
    'envoyproxy',
    `gateway@${pinnedEnvoyGatewayVersion()}`,
    CRD_DIR,
  );
  const out = mkdtempSync(join(tmpdir(), 'modelplane-eg-crds-'));
  for (const file of FILES) {
    const from = join(source, file);
    if (!existsSync(from)) {
      throw new Error(
        `${from} is missing: run \`make tools\` (scripts/install-tools.sh) to download Envoy Gateway`,
      );
    }
    copyFileSync(from, join(out, file));
  }
  dir = out;
  return out;
}
