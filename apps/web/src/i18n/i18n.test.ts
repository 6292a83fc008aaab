import { describe, expect, it } from 'vitest';
import { en } from './en';
import { nb } from './nb';
import { nn } from './nn';

function leaves(obj: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const base = leaves(nb);
  for (const [name, msgs] of Object.entries({ nn, en })) {
    it(`${name} has every key that bokmål has, and no others`, () => {
      const other = leaves(msgs);
      expect([...base.keys()].filter((k) => !other.has(k))).toEqual([]);
      expect([...other.keys()].filter((k) => !base.has(k))).toEqual([]);
    });
    it(`${name} uses the same placeholders as bokmål`, () => {
      const other = leaves(msgs);
      for (const [k, v] of base) {
        expect({ k, p: placeholders(other.get(k) ?? '') }).toEqual({ k, p: placeholders(v) });
      }
    });
    it(`${name} has no empty strings`, () => {
      expect([...leaves(msgs)].filter(([, v]) => v.trim() === '')).toEqual([]);
    });
  }

  it('every t() key used in the source exists in bokmål', async () => {
    const files = import.meta.glob('../**/*.tsx', {
      query: '?raw',
      import: 'default',
      eager: true,
    });
    const missing: string[] = [];
    for (const [file, src] of Object.entries(files)) {
      for (const m of (src as string).matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) {
        const key = m[1]!;
        if (!base.has(key) && !base.has(`${key}_one`)) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
