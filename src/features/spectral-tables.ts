// The fixed tables of the spectral analysis (spectral.ts: the Hann window, the mel filterbank, the
// DCT matrix), built once per thread for each frame size, rate and MFCC count and shared by every
// analyzer of the thread: a pipeline worker runs an analyzer per track of every call, and per-call
// copies were ~20 KB each, rebuilt with a few hundred cos/log calls per call.

/** The mel bank spans the telephone passband, not 0 Hz to Nyquist (spectral.ts says why). */
const MEL_LOW_HZ = 200;
const MEL_HIGH_HZ = 3800;
export const MEL_BANDS = 20;

const hzToMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

export interface MelBand {
  firstBin: number;
  weights: Float64Array;
}

export interface SpectralTables {
  readonly size: number;
  readonly sampleRateHz: number;
  readonly mfccCount: number;
  readonly hann: Float64Array;
  readonly melBank: readonly MelBand[];
  /** Orthonormal DCT-II matrix, mfccCount rows × MEL_BANDS columns. */
  readonly dct: Float64Array;
}

function buildMelBank(size: number, sampleRateHz: number): MelBand[] {
  const binHz = sampleRateHz / size;
  const lowMel = hzToMel(MEL_LOW_HZ);
  const highMel = hzToMel(MEL_HIGH_HZ);
  const edgesHz: number[] = [];
  for (let i = 0; i < MEL_BANDS + 2; i++) edgesHz.push(melToHz(lowMel + ((highMel - lowMel) * i) / (MEL_BANDS + 1)));
  const bands: MelBand[] = [];
  for (let b = 0; b < MEL_BANDS; b++) {
    const [lo, mid, hi] = [edgesHz[b]!, edgesHz[b + 1]!, edgesHz[b + 2]!];
    const firstBin = Math.ceil(lo / binHz);
    const lastBin = Math.floor(hi / binHz);
    const weights = new Float64Array(Math.max(1, lastBin - firstBin + 1));
    for (let k = firstBin; k <= lastBin; k++) {
      const hz = k * binHz;
      weights[k - firstBin] = hz <= mid ? (hz - lo) / (mid - lo) : (hi - hz) / (hi - mid);
    }
    bands.push({ firstBin, weights });
  }
  return bands;
}

function buildDct(count: number): Float64Array {
  const m = new Float64Array(count * MEL_BANDS);
  for (let k = 0; k < count; k++) {
    const scale = k === 0 ? Math.sqrt(1 / MEL_BANDS) : Math.sqrt(2 / MEL_BANDS);
    for (let n = 0; n < MEL_BANDS; n++) m[k * MEL_BANDS + n] = scale * Math.cos((Math.PI / MEL_BANDS) * (n + 0.5) * k);
  }
  return m;
}

function build(size: number, sampleRateHz: number, mfccCount: number): SpectralTables {
  const hann = new Float64Array(size);
  for (let i = 0; i < size; i++) hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (size - 1));
  return { size, sampleRateHz, mfccCount, hann, melBank: buildMelBank(size, sampleRateHz), dct: buildDct(mfccCount) };
}

const built = new Map<string, SpectralTables>();

/** This thread's tables for the configuration (read-only: every analyzer of the thread shares them). */
export function spectralTables(size: number, sampleRateHz: number, mfccCount: number): SpectralTables {
  const key = `${size}/${sampleRateHz}/${mfccCount}`;
  let tables = built.get(key);
  if (!tables) built.set(key, (tables = build(size, sampleRateHz, mfccCount)));
  return tables;
}
