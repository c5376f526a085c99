// Minimal typings of the PouchDB packages the tests use (they ship none).
declare module 'pouchdb-core' {
  interface Doc {
    _id: string;
    _rev?: string;
    _deleted?: boolean;
    _conflicts?: string[];
    [key: string]: unknown;
  }
  export interface Replication extends PromiseLike<{ ok: boolean; docs_written: number; last_seq: unknown }> {
    on(event: string, listener: (info: unknown) => void): Replication;
    cancel(): void;
  }
  class PouchDB {
    constructor(name: string, options?: Record<string, unknown>);
    static plugin(plugin: unknown): typeof PouchDB;
    name: string;
    put(doc: Doc, options?: Record<string, unknown>): Promise<{ ok: boolean; id: string; rev: string }>;
    bulkDocs(docs: Doc[], options?: Record<string, unknown>): Promise<unknown[]>;
    get(id: string, options?: Record<string, unknown>): Promise<Doc>;
    remove(doc: Doc): Promise<{ ok: boolean; rev: string }>;
    allDocs(options?: Record<string, unknown>): Promise<{ total_rows: number; rows: { id: string; value: { rev: string } }[] }>;
    info(): Promise<Record<string, unknown>>;
    destroy(): Promise<void>;
    close(): Promise<void>;
    replicate: {
      to(target: PouchDB | string, options?: Record<string, unknown>): Replication;
      from(source: PouchDB | string, options?: Record<string, unknown>): Replication;
    };
  }
  export default PouchDB;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-fetch' {
  /** The fetch PouchDB's HTTP adapter uses by default (node-fetch with a cookie jar). */
  export function fetch(url: string, init?: Record<string, unknown>): Promise<Response>;
}
