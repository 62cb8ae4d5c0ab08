// The wallet's IndexedDB database: one object store each for keys, credentials and the log.
// IndexedDB's callback API wrapped in promises, a few lines rather than a dependency.

/** Object store names. */
export const KEYS = 'holderKeys';
export const CREDENTIALS = 'credentials';
export const LOG = 'sharingLog';
const VERSION = 1;

/** Opens (creating or upgrading) the wallet database `name`. */
export function openWalletDatabase(name: string, factory: IDBFactory = globalThis.indexedDB): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(KEYS)) db.createObjectStore(KEYS, { keyPath: 'did' });
      if (!db.objectStoreNames.contains(CREDENTIALS)) db.createObjectStore(CREDENTIALS, { keyPath: 'id' });
      // Log entries keep the order they were appended in (the auto-increment key); ids are unique.
      if (!db.objectStoreNames.contains(LOG)) db.createObjectStore(LOG, { autoIncrement: true }).createIndex('id', 'id', { unique: true });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error(`cannot open IndexedDB ${name}`));
    request.onblocked = () => reject(new Error(`IndexedDB ${name} is open elsewhere with an older version`));
  });
}

/** Runs `work` in one transaction and resolves with its result once the transaction commits. */
export function inTransaction<T>(db: IDBDatabase, store: string, mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T> | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = work(tx.objectStore(store));
    tx.oncomplete = () => resolve(request?.result as T);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}
