// Client-certificate checks for the function server's mTLS, where OpenSSL's own verdict is wrong.
//
// `crossplane core init` issues its client certificate with exactly its CA's subject (C=Earth,
// ST=Earth, L=Earth, O=Crossplane, CN=Crossplane) and, because Go's x509 adds an authority key
// identifier only when issuer and subject differ, with nothing else that tells the two apart.
// OpenSSL (so Node) then takes the leaf for a self-signed certificate and stops with
// DEPTH_ZERO_SELF_SIGNED_CERT; Go's crypto/tls checks the signature against the pool and accepts
// it. For that one verdict we verify the certificate ourselves, the way OpenSSL would for a TLS
// client: signed by a CA in ca.crt, CA and leaf within their validity, not a CA itself, and key
// usages that allow client authentication. Every other verdict of OpenSSL stands.

import { X509Certificate } from 'node:crypto';

/** OpenSSL's verdict on the peer, as Node reports it on the TLS socket. */
export interface OpensslVerdict {
  readonly authorized: boolean;
  /** The verify error code ("DEPTH_ZERO_SELF_SIGNED_CERT", "CERT_HAS_EXPIRED", ...), if any. */
  readonly error?: string | undefined;
}

export type PeerVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';

/** Every certificate in a PEM bundle; throws with a one-line reason when there is none or one is garbage. */
export function parsePemCertificates(pem: string, file: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error(`${file} holds no PEM certificate`);
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block);
    } catch (err) {
      // OpenSSL's own text differs between Node versions; the operator needs the file and the block.
      throw new Error(`${file}: certificate ${i + 1} is not a valid X.509 certificate`, { cause: err });
    }
  });
}

/** The CA certificates of ca.crt; throws when it is empty, garbage or holds a certificate that is not a CA. */
export function parseAuthorities(pem: string, file: string): X509Certificate[] {
  const certs = parsePemCertificates(pem, file);
  certs.forEach((c, i) => {
    if (!c.ca) {
      throw new Error(
        `${file}: certificate ${i + 1} (${oneLine(c.subject)}) is not a CA certificate (basicConstraints CA:TRUE is missing)`,
      );
    }
  });
  return certs;
}

/** Whether a TLS client presenting `peer` may call the function. */
export function verifyClientCertificate(
  peer: X509Certificate | undefined,
  openssl: OpensslVerdict,
  authorities: readonly X509Certificate[],
  now: Date,
): PeerVerdict {
  if (peer === undefined) return refuse('no client certificate');
  if (openssl.authorized) return { ok: true };
  if (openssl.error !== 'DEPTH_ZERO_SELF_SIGNED_CERT') {
    return refuse(`${openssl.error ?? 'unverified'}: ${describe(peer)}`);
  }
  const issuer = authorities.find((ca) => peer.checkIssued(ca) && peer.verify(ca.publicKey));
  if (issuer === undefined) return refuse(`not signed by a CA in ca.crt: ${describe(peer)}`);
  const window = validity(issuer, now) ?? validity(peer, now);
  if (window !== undefined) return refuse(`${window}: ${describe(peer)}`);
  if (peer.ca) return refuse(`a CA certificate is not a client certificate: ${describe(peer)}`);
  const usage = keyUsageProblem(peer);
  if (usage !== undefined) return refuse(`${usage}: ${describe(peer)}`);
  return { ok: true };
}

function refuse(reason: string): PeerVerdict {
  return { ok: false, reason };
}

function validity(cert: X509Certificate, now: Date): string | undefined {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  const what = cert.ca ? 'the CA certificate' : 'certificate';
  if (now < from) return `${what} not yet valid (valid from ${from.toISOString()})`;
  if (now > to) return `${what} expired (valid until ${to.toISOString()})`;
  return undefined;
}

/** OpenSSL's checks for the TLS-client purpose: extendedKeyUsage and keyUsage, where present. */
function keyUsageProblem(cert: X509Certificate): string | undefined {
  // Node names the extended key usages `keyUsage`; undefined when the extension is absent.
  const extended = cert.keyUsage as readonly string[] | undefined;
  if (extended !== undefined && !extended.includes(CLIENT_AUTH) && !extended.includes(ANY_EXTENDED_KEY_USAGE))
    return `extendedKeyUsage does not allow client authentication (${extended.join(', ')})`;
  const bits = keyUsageBits(Buffer.from(cert.raw));
  // digitalSignature (bit 0) or keyAgreement (bit 4), as OpenSSL's check_purpose_ssl_client.
  if (bits !== undefined && (bits & 0x88) === 0)
    return 'keyUsage allows neither digitalSignature nor keyAgreement';
  return undefined;
}

function describe(cert: X509Certificate): string {
  return `subject "${oneLine(cert.subject)}", serial ${cert.serialNumber}`;
}

function oneLine(dn: string): string {
  return dn.split('\n').join(', ');
}

// ---- The keyUsage extension (Node exposes only the extended one). A minimal DER walk. ----

interface Tlv {
  readonly tag: number;
  /** Start of the contents. */
  readonly start: number;
  /** End of the contents (exclusive). */
  readonly end: number;
}

function tlv(der: Buffer, at: number, limit: number): Tlv {
  if (at + 2 > limit) throw new Error('truncated DER');
  const tag = der[at] ?? 0;
  let length = der[at + 1] ?? 0;
  let start = at + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 4 || start + octets > limit) throw new Error('bad DER length');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + (der[start + i] ?? 0);
    start += octets;
  }
  if (start + length > limit) throw new Error('truncated DER');
  return { tag, start, end: start + length };
}

function children(der: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end;) {
    const child = tlv(der, at, parent.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

const KEY_USAGE_OID = Buffer.from([0x55, 0x1d, 0x0f]); // 2.5.29.15

/** The first byte of the keyUsage bit string (bit 0 = 0x80), or undefined when there is no keyUsage. */
export function keyUsageBits(der: Buffer): number | undefined {
  const certificate = tlv(der, 0, der.length);
  const [tbs] = children(der, certificate);
  if (tbs === undefined) return undefined;
  const extensionsWrapper = children(der, tbs).find((t) => t.tag === 0xa3); // [3] EXPLICIT
  const [extensions] = extensionsWrapper === undefined ? [] : children(der, extensionsWrapper);
  if (extensions === undefined) return undefined;
  for (const extension of children(der, extensions)) {
    const parts = children(der, extension);
    const oid = parts[0];
    const value = parts[parts.length - 1];
    if (oid?.tag !== 0x06 || value?.tag !== 0x04) continue;
    if (!der.subarray(oid.start, oid.end).equals(KEY_USAGE_OID)) continue;
    const bitString = tlv(der, value.start, value.end);
    if (bitString.tag !== 0x03 || bitString.end - bitString.start < 2) return 0;
    return der[bitString.start + 1] ?? 0;
  }
  return undefined;
}
