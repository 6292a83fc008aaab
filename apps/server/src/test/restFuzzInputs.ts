import fc from 'fast-check';

/**
 * Generators of bad input for the REST fuzz test (`restFuzz.test.ts`): values that every route
 * must refuse with a 4xx, built so that none of them can be valid by chance.
 */

/** The wire form of a body: text, or bytes (for invalid UTF-8). */
export type RawBody = string | Uint8Array;

/** Strings that no text field takes: control characters and unpaired surrogates. */
export const oddText: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ maxLength: 6 }),
    fc.constantFrom(
      '\u0000',
      '\u0007',
      '\u001b[31m',
      '\u007f',
      '\u0085',
      '\ud800',
      '\udfff',
      'a\ud83d',
      '\ud83da',
      '\r\n',
    ),
    fc.string({ maxLength: 6 }),
  )
  // Letters around it, so that trimming cannot take it away.
  .map(([a, odd, b]) => `x${a}${odd}${b}y`);

/** Anything but a string (and but null, unless `nullOk` is false). */
export const notAString = (nullOk = false): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
    ...(nullOk ? [] : [fc.constant(null)]),
  );

/** A string longer than `max` characters (ASCII, or characters outside the BMP). */
export const tooLong = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.integer({ min: max + 1, max: max * 3 + 10 }).map((n) => 'å'.repeat(n)),
    fc.integer({ min: max + 1, max: max + 40 }).map((n) => 'x'.repeat(n)),
    // Zod counts code points: one seal is one character, though two UTF-16 units.
    fc.integer({ min: max + 1, max: max + 10 }).map((n) => '🦭'.repeat(n)),
  );

/** Only whitespace, which trimmed names refuse. */
export const blank: fc.Arbitrary<string> = fc.constantFrom('', ' ', '   ', '\t', '\n', '\u00a0');

/** One field of a JSON body: a valid value, and values the route must refuse. */
export interface FieldSpec {
  valid: unknown;
  bad: fc.Arbitrary<unknown>;
  /** May be left out (then leaving it out is no defect). */
  optional?: boolean;
}

/** How one bad body was made, for the report of a failure. */
export interface BodyCase {
  how: string;
  body: RawBody;
}

const garbageText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }).filter((s) => !isJsonObject(s)),
  fc.constantFrom(
    '',
    ' ',
    '{',
    '}',
    '{"',
    '{"a":',
    '{,}',
    "{'email': 'x'}",
    '{"a":1,}',
    'undefined',
    'NaN',
    '[',
    '\u0000',
    '\ufeff{}',
    '<xml/>',
    'email=a&password=b',
    '1e999',
    '{"a":1e999}',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
    `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
  ),
);

/** JSON that is not an object. */
const notAnObject: fc.Arbitrary<string> = fc
  .oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.integer()))
  .map((v) => JSON.stringify(v));

function isJsonObject(text: string): boolean {
  try {
    const v = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

const junkKey = fc.constantFrom('extra', '__proto__', 'constructor', 'isInstanceAdmin', 'role', '');

/**
 * Bodies that the route must refuse, from a valid one: garbage, truncated or trailing-junk JSON,
 * JSON that is no object, invalid UTF-8, a required field missing, a field of a wrong type or
 * value (with or without extra fields).
 */
export function badBodies(fields: Record<string, FieldSpec>): fc.Arbitrary<BodyCase> {
  const valid = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.valid]));
  const validText = JSON.stringify(valid);
  const names = Object.keys(fields);
  const required = names.filter((n) => !fields[n]?.optional);
  const cases: fc.Arbitrary<BodyCase>[] = [
    garbageText.map((body) => ({ how: 'garbage', body })),
    notAnObject.map((body) => ({ how: 'not an object', body })),
    fc
      .nat(validText.length - 1)
      .map((n) => ({ how: `truncated at ${n}`, body: validText.slice(0, n) })),
    fc
      .constantFrom('}', ',', 'x', '{}', ' null')
      .map((junk) => ({ how: 'trailing junk', body: validText + junk })),
    fc.constantFrom(0xff, 0xc0, 0xed, 0x80).map((byte) => {
      // A string value with a byte that is not UTF-8: decoded leniently it would pass.
      const text = JSON.stringify({ ...valid, [names[0] ?? 'x']: 'ÿÿÿÿ' });
      const bytes = Buffer.from(text, 'latin1');
      for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0xff) bytes[i] = byte;
      return { how: `invalid UTF-8 byte 0x${byte.toString(16)}`, body: new Uint8Array(bytes) };
    }),
    fc
      .tuple(
        fc.constantFrom(...names),
        fc.dictionary(junkKey, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 }),
      )
      .chain(([name, extra]) =>
        fields[name]!.bad.map((value) => {
          // Extra fields first, so that the valid fields and the bad one win over them.
          const body = JSON.parse(JSON.stringify(extra)) as Record<string, unknown>;
          Object.assign(body, valid);
          body[name] = value;
          return { how: `${name} = ${describe(value)}`, body: JSON.stringify(body) };
        }),
      ),
  ];
  if (required.length > 0) {
    cases.push(
      fc.subarray(required, { minLength: 1 }).map((missing) => {
        const body: Record<string, unknown> = { ...valid };
        for (const m of missing) delete body[m];
        return { how: `missing ${missing.join(', ')}`, body: JSON.stringify(body) };
      }),
    );
  }
  return fc.oneof(...cases);
}

export function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}… (${text.length} chars)` : text;
}

/**
 * Path segments that name nothing: garbage, malformed percent-encoding, dot segments, SQL and
 * prototype names, very long ids, odd Unicode. Already percent-encoded for the URL.
 */
export const garbageSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%',
    '%zz',
    '%E0%A4',
    '%ED%A0%80',
    '%C0%AF',
    '%FF%FE',
    '%00',
    '%2F',
    '..',
    '.',
    '%2e%2e',
    'null',
    'undefined',
    '0',
    '-1',
    '%27%20OR%201%3D1--',
    '__proto__',
    'constructor',
    '%20',
    '%E2%80%AE',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encodeSegment),
  fc.constantFrom(65, 101, 1000, 20_000).map((n) => 'a'.repeat(n)),
);

/** Percent-encodes every byte outside the unreserved set (lone surrogates as U+FFFD). */
export function encodeSegment(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~-]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A query string value that is not a positive integer (of at most `max`, when given). */
export const badCount = (max?: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      'abc',
      '0',
      '-1',
      '1.5',
      'NaN',
      'Infinity',
      '1e400',
      '9'.repeat(400),
      '%',
      '%zz',
      '[]',
      '%D9%A1%D9%A2',
      'true',
    ),
    ...(max === undefined ? [] : [fc.integer({ min: max + 1 }).map(String)]),
    fc.integer({ max: 0 }).map(String),
  );

/** A query string value that is not a date YYYY-MM-DD. */
export const badDate: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '2026-13-01',
    '2026-02-30',
    '2026-1-1',
    'yesterday',
    '',
    '2026-01-01T00:00:00Z',
    '%',
    '20260101',
    '0000-00-00',
    '2026-01-01%00',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }).map(encodeSegment),
);
