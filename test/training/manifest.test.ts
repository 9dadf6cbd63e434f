import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapLabel, readManifest, splitCsvLine } from '../../src/training/manifest.js';
import { resolveManifest } from '../../src/training/prosody-data.js';
import { speakerFolds } from '../../src/training/crossval.js';

describe('manifest', () => {
  it('maps corpus labels to product classes, non-target to other', () => {
    expect(mapLabel('angry')).toBe('anger');
    expect(mapLabel('Fearful')).toBe('anxiety');
    expect(mapLabel('fear')).toBe('anxiety');
    expect(mapLabel('sad')).toBe('disappointment');
    expect(mapLabel('calm')).toBe('neutral');
    expect(mapLabel('surprise')).toBe('other');
    expect(mapLabel('disgust')).toBe('other');
    expect(mapLabel('bored')).toBeUndefined();
  });

  it('splits quoted CSV fields', () => {
    expect(splitCsvLine('a,"b, c",d""e,"f ""g"""')).toEqual(['a', 'b, c', 'd""e', 'f "g"']);
  });

  it('reads rows with paths relative to the manifest and tolerates commas in the trailing text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callcue-manifest-'));
    const file = join(dir, 'manifest.csv');
    writeFileSync(file, 'path,corpus,speaker,lang,label,intensity,text\nclips/a.wav,bank,c1,en,angry,,well, no\n\nclips/b.wav,bank,c1,en,neutral,,\n');
    const rows = readManifest(file);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ path: join(dir, 'clips/a.wav'), corpus: 'bank', speaker: 'c1', label: 'angry' });
    expect(resolveManifest(dir)).toBe(file);
    expect(resolveManifest(file)).toBe(file);
    expect(() => resolveManifest(join(dir, 'nowhere'))).toThrow(/no speech manifest/);
  });

  it('rejects a manifest without the required columns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callcue-manifest-'));
    const file = join(dir, 'manifest.csv');
    writeFileSync(file, 'path,label\na.wav,angry\n');
    expect(() => readManifest(file)).toThrow(/corpus/);
  });
});

describe('speakerFolds', () => {
  it('makes five folds of whole speakers for big corpora and one per speaker for small ones', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `r-${String(i + 1).padStart(2, '0')}`);
    const folds = speakerFolds([...twenty, ...twenty]);
    expect(folds).toHaveLength(5);
    expect(folds.every((f) => f.length === 4)).toBe(true);
    expect(new Set(folds.flat()).size).toBe(20);
    expect(speakerFolds(['a', 'b', 'c', 'a'])).toEqual([['a'], ['b'], ['c']]);
  });
});
