// Frame features as columns: one typed array per feature, a frame is an index. The live path
// (frame analysis → windows → baseline → turn-taking) passes frames this way instead of as one
// object (and one MFCC array) per 10 ms frame, which were most of a pipeline worker's garbage;
// the functionals read a column as one tight loop instead of chasing a pointer per frame.
// FrameFeatures objects remain the currency of training and the offline tools (pushFrame converts).

import { MFCC_COUNT, type FrameFeatures } from './types.js';

export class FrameColumns {
  /** Frames held: indices 0 .. length − 1. */
  length = 0;
  capacity = 0;
  rmsDb = new Float64Array(0);
  pitchHz = new Float64Array(0);
  power = new Float64Array(0);
  pitchSt = new Float64Array(0);
  /** 1 where the voice-activity detector judged the frame to be speech. */
  isSpeech = new Uint8Array(0);
  zcr = new Float64Array(0);
  spectralCentroidHz = new Float64Array(0);
  spectralFlatness = new Float64Array(0);
  spectralRolloffHz = new Float64Array(0);
  spectralFlux = new Float64Array(0);
  /** MFCC c of frame i at i × MFCC_COUNT + c. */
  mfcc = new Float32Array(0);

  constructor(capacity = 64) {
    this.ensure(capacity);
  }

  /** Room for n frames, keeping those held. */
  ensure(n: number): void {
    if (n <= this.capacity) return;
    const c = Math.max(n, this.capacity * 2);
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(c);
      b.set(a.subarray(0, this.length));
      return b;
    };
    this.rmsDb = f64(this.rmsDb);
    this.pitchHz = f64(this.pitchHz);
    this.power = f64(this.power);
    this.pitchSt = f64(this.pitchSt);
    this.zcr = f64(this.zcr);
    this.spectralCentroidHz = f64(this.spectralCentroidHz);
    this.spectralFlatness = f64(this.spectralFlatness);
    this.spectralRolloffHz = f64(this.spectralRolloffHz);
    this.spectralFlux = f64(this.spectralFlux);
    const speech = new Uint8Array(c);
    speech.set(this.isSpeech.subarray(0, this.length));
    this.isSpeech = speech;
    const mfcc = new Float32Array(c * MFCC_COUNT);
    mfcc.set(this.mfcc.subarray(0, this.length * MFCC_COUNT));
    this.mfcc = mfcc;
    this.capacity = c;
  }

  clear(): void {
    this.length = 0;
  }

  /** Appends a frame; returns its index. */
  pushFrame(f: FrameFeatures): number {
    const i = this.length;
    this.ensure(i + 1);
    this.rmsDb[i] = f.rmsDb;
    this.pitchHz[i] = f.pitchHz;
    this.power[i] = f.power;
    this.pitchSt[i] = f.pitchSt;
    this.isSpeech[i] = f.isSpeech ? 1 : 0;
    this.zcr[i] = f.zcr;
    this.spectralCentroidHz[i] = f.spectralCentroidHz;
    this.spectralFlatness[i] = f.spectralFlatness;
    this.spectralRolloffHz[i] = f.spectralRolloffHz;
    this.spectralFlux[i] = f.spectralFlux;
    this.mfcc.set(f.mfcc, i * MFCC_COUNT);
    this.length = i + 1;
    return i;
  }

  /** Appends frame i of another set of columns. */
  pushFrom(src: FrameColumns, i: number): void {
    const j = this.length;
    this.ensure(j + 1);
    this.rmsDb[j] = src.rmsDb[i]!;
    this.pitchHz[j] = src.pitchHz[i]!;
    this.power[j] = src.power[i]!;
    this.pitchSt[j] = src.pitchSt[i]!;
    this.isSpeech[j] = src.isSpeech[i]!;
    this.zcr[j] = src.zcr[i]!;
    this.spectralCentroidHz[j] = src.spectralCentroidHz[i]!;
    this.spectralFlatness[j] = src.spectralFlatness[i]!;
    this.spectralRolloffHz[j] = src.spectralRolloffHz[i]!;
    this.spectralFlux[j] = src.spectralFlux[i]!;
    for (let c = 0; c < MFCC_COUNT; c++) this.mfcc[j * MFCC_COUNT + c] = src.mfcc[i * MFCC_COUNT + c]!;
    this.length = j + 1;
  }

  /** Drops the frames before index from (the rest move to the front). */
  dropBefore(from: number): void {
    if (from <= 0) return;
    const end = this.length;
    for (const a of [this.rmsDb, this.pitchHz, this.power, this.pitchSt, this.zcr, this.spectralCentroidHz, this.spectralFlatness, this.spectralRolloffHz, this.spectralFlux]) a.copyWithin(0, from, end);
    this.isSpeech.copyWithin(0, from, end);
    this.mfcc.copyWithin(0, from * MFCC_COUNT, end * MFCC_COUNT);
    this.length = end - from;
  }

  /** Frame i as an object (tests and tools). */
  frame(i: number): FrameFeatures {
    return {
      rmsDb: this.rmsDb[i]!,
      pitchHz: this.pitchHz[i]!,
      power: this.power[i]!,
      pitchSt: this.pitchSt[i]!,
      isSpeech: this.isSpeech[i] === 1,
      zcr: this.zcr[i]!,
      spectralCentroidHz: this.spectralCentroidHz[i]!,
      spectralFlatness: this.spectralFlatness[i]!,
      spectralRolloffHz: this.spectralRolloffHz[i]!,
      spectralFlux: this.spectralFlux[i]!,
      mfcc: this.mfcc.slice(i * MFCC_COUNT, (i + 1) * MFCC_COUNT),
    };
  }
}

const scratch = new FrameColumns(512);

/** The frames as columns, in a per-thread scratch that the next call reuses. */
export function columnsOf(frames: readonly FrameFeatures[]): FrameColumns {
  scratch.clear();
  for (let i = 0; i < frames.length; i++) scratch.pushFrame(frames[i]!);
  return scratch;
}
