import { openSealedBytes, sealBytes } from './seal-bytes';
import { wrapRxStorageInstance, type RxDocumentData, type RxJsonSchema, type RxStorage, type RxStorageInstanceCreationParams } from 'rxdb';

/**
 * The stored field that holds all of a document's personal fields (the schema's `encrypted` list), sealed
 * together with AES-GCM: base64 of a random 12-byte IV followed by the ciphertext of their JSON.
 */
export const SEALED_FIELD = 'sealed';

type Doc = RxDocumentData<Record<string, unknown>>;

/**
 * Personal data larger than this (a saved card board: tens of megabytes of JSON) is deflated before it is
 * sealed: IndexedDB then reads a tenth of the bytes at open. Such a sealed value starts with this mark,
 * which base64 never holds; smaller documents keep the plain format.
 */
export const DEFLATE_FROM_CHARS = 64 * 1024;
const DEFLATED_MARK = '~';

async function transformed(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

/** The AES-GCM key of a store, derived once at login from the store secret (renderer/auth/store-key.ts). */
export async function deriveSealingKey(storeSecret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(storeSecret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode('plantao-sealed-fields') },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Native base64 of typed arrays (Chromium 140+, so Electron 45); Node 20, where unit tests run, has only btoa/atob. */
const nativeBase64 = Uint8Array.prototype as Uint8Array & { toBase64?: () => string };
const NativeUint8Array = Uint8Array as typeof Uint8Array & { fromBase64?: (text: string) => Uint8Array<ArrayBuffer> };

function toBase64(bytes: Uint8Array): string {
  if (nativeBase64.toBase64) return (bytes as Uint8Array & { toBase64: () => string }).toBase64();
  let binary = '';
  // Chunks keep String.fromCharCode's argument list small.
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  if (NativeUint8Array.fromBase64) return NativeUint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** The schema the wrapped storage sees: personal fields replaced by the one sealed string. */
function storedSchemaOf<T>(schema: RxJsonSchema<T>, fields: readonly string[]): RxJsonSchema<T> {
  const { encrypted: _encrypted, ...rest } = schema;
  const properties = Object.fromEntries(Object.entries(schema.properties).filter(([name]) => !fields.includes(name)));
  return {
    ...rest,
    properties: { ...properties, [SEALED_FIELD]: { type: 'string' } },
    required: (schema.required ?? []).filter((name) => !fields.includes(name as string)),
  } as RxJsonSchema<T>;
}

/**
 * An RxDB storage wrapper that keeps personal data unreadable at rest: every top-level field a schema lists
 * in `encrypted` (a collection's personal fields; `docData` of RxDB's replication metadata) goes into ONE
 * sealed blob per document, with a random IV each time. The application sees the documents unchanged.
 * Writes never decrypt: the change events of a write are mapped back to the plain documents written, and a
 * document read once is not sealed again when it is the `previous` of a write.
 */
export function sealedStorage<Internals, Options>(storage: RxStorage<Internals, Options>, key: CryptoKey): RxStorage<Internals, Options> {
  return Object.assign({}, storage, {
    async createStorageInstance<RxDocType>(params: RxStorageInstanceCreationParams<RxDocType, Options>) {
      const fields = (params.schema.encrypted ?? []) as string[];
      if (fields.length === 0) return storage.createStorageInstance<RxDocType>(params);
      const instance = await storage.createStorageInstance<RxDocType>({ ...params, schema: storedSchemaOf(params.schema, fields) });
      const personalFields = new Set(fields);
      const storedOf = new WeakMap<Doc, Doc>();
      const plainOf = new WeakMap<Doc, Doc>();
      const pair = (plain: Doc, stored: Doc): void => {
        storedOf.set(plain, stored);
        plainOf.set(stored, plain);
      };

      const seal = async (plain: Doc): Promise<Doc> => {
        const known = storedOf.get(plain);
        if (known) return known;
        // Built key by key, never with `delete`: that would turn every stored object into a slow dictionary.
        const stored: Record<string, unknown> = {};
        const personal: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(plain)) {
          if (personalFields.has(key)) personal[key] = value;
          else stored[key] = value;
        }
        const json = JSON.stringify(personal);
        const deflate = json.length > DEFLATE_FROM_CHARS;
        const clear = new TextEncoder().encode(json);
        const blob = await sealBytes(key, deflate ? await transformed(clear, new CompressionStream('deflate-raw')) : clear);
        stored[SEALED_FIELD] = deflate ? DEFLATED_MARK + toBase64(blob) : toBase64(blob);
        pair(plain, stored as Doc);
        return stored as Doc;
      };

      const open = async (stored: Doc): Promise<Doc> => {
        const known = plainOf.get(stored);
        if (known) return known;
        const { [SEALED_FIELD]: sealed, ...plain } = stored;
        if (typeof sealed === 'string') {
          const deflated = sealed.startsWith(DEFLATED_MARK);
          const blob = fromBase64(deflated ? sealed.slice(DEFLATED_MARK.length) : sealed);
          const opened = await openSealedBytes(key, blob);
          const clear = deflated ? await transformed(opened, new DecompressionStream('deflate-raw')) : opened;
          Object.assign(plain, JSON.parse(new TextDecoder().decode(clear)) as Record<string, unknown>);
        }
        pair(plain as Doc, stored);
        return plain as Doc;
      };

      return wrapRxStorageInstance<RxDocType>(params.schema, instance, seal, open as (stored: Doc) => Promise<RxDocumentData<RxDocType>>);
    },
  });
}
