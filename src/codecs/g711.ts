// μ-law and A-law (ITU-T G.711) ⇄ linear PCM16, through alawmulaw rather than hand-written tables.

import alawmulaw from 'alawmulaw';

const { mulaw, alaw } = alawmulaw;

export function decodeMulaw(bytes: Uint8Array): Int16Array {
  return mulaw.decode(bytes);
}
export function encodeMulaw(samples: Int16Array): Uint8Array {
  return mulaw.encode(samples);
}
export function decodeAlaw(bytes: Uint8Array): Int16Array {
  return alaw.decode(bytes);
}
export function encodeAlaw(samples: Int16Array): Uint8Array {
  return alaw.encode(samples);
}
