// Where the text model's large tables live: on plain ArrayBuffers (one thread), or on
// SharedArrayBuffers that every pipeline worker of the process reads without a copy (tables.ts).

export type TableAlloc = (byteLength: number) => ArrayBuffer | SharedArrayBuffer;
export const plainAlloc: TableAlloc = (n) => new ArrayBuffer(n);
export const sharedAlloc: TableAlloc = (n) => new SharedArrayBuffer(n);
