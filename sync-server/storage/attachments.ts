import { createHash } from 'node:crypto';

/** CouchDB's attachment digest: `md5-` and the base64 MD5 of the bytes. */
export function attachmentDigest(data: Buffer): string {
  return `md5-${createHash('md5').update(data).digest('base64')}`;
}
