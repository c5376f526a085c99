const IV_BYTES = 12;

/** AES-GCM with a random IV: the IV followed by the ciphertext. */
export async function sealBytes(key: CryptoKey, clear: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, clear));
  const blob = new Uint8Array(IV_BYTES + cipher.length);
  blob.set(iv);
  blob.set(cipher, IV_BYTES);
  return blob;
}

/** The clear bytes of `sealBytes`' output; throws with another key or altered bytes. */
export async function openSealedBytes(key: CryptoKey, blob: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: blob.subarray(0, IV_BYTES) }, key, blob.subarray(IV_BYTES)));
}
