import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './origin.js';

describe('isAllowedOrigin', () => {
  it('allows requests without Origin (non-browser clients)', () => {
    expect(isAllowedOrigin(undefined, 'localhost:3000', [])).toBe(true);
  });

  it('allows the same origin as the Host header when none are configured', () => {
    expect(isAllowedOrigin('http://localhost:3000', 'localhost:3000', [])).toBe(true);
    expect(isAllowedOrigin('https://tavla.example', 'tavla.example', [])).toBe(true);
    expect(isAllowedOrigin('HTTPS://Tavla.Example:443', 'tavla.example', [])).toBe(true);
  });

  it('refuses other hosts, ports, schemes and the opaque origin', () => {
    expect(isAllowedOrigin('http://evil.example', 'localhost:3000', [])).toBe(false);
    expect(isAllowedOrigin('http://localhost:3001', 'localhost:3000', [])).toBe(false);
    expect(isAllowedOrigin('null', 'localhost:3000', [])).toBe(false);
    expect(isAllowedOrigin('file:///etc/passwd', 'localhost:3000', [])).toBe(false);
    expect(isAllowedOrigin('http://localhost:3000', undefined, [])).toBe(false);
    expect(isAllowedOrigin('http://a.example', 'a.example@evil.example', [])).toBe(false);
  });

  it('uses only the configured list when there is one', () => {
    const allowed = ['https://tavla.tromsfylke.no'];
    expect(isAllowedOrigin('https://tavla.tromsfylke.no', 'internal:3000', allowed)).toBe(true);
    expect(isAllowedOrigin('http://internal:3000', 'internal:3000', allowed)).toBe(false);
    expect(isAllowedOrigin('https://tavla.tromsfylke.no.evil.example', 'x', allowed)).toBe(false);
  });
});
