export { decodeMulaw, encodeMulaw, decodeAlaw, encodeAlaw } from './g711.js';
export { decodeAudio, encodeAudio, pcm16leToInt16, int16ToPcm16le, int16ToFloat, floatToInt16, bytesPerSample } from './pcm.js';
export { Resampler, resample } from './resample.js';
