// A fast path for string-width, for the bundle (scripts/bundle.mjs). Ink measures every line it
// draws; the first line with a glyph outside ASCII (the wizard's ❯, ✔, ·, …) makes string-width
// build an Intl.Segmenter and compile its emoji regex, about 25 ms before the first frame. A line of
// ASCII and glyphs that string-width itself measures as one column each is as wide as it is long,
// so for such lines the answer is known without either.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

/** The glyph families a terminal UI draws: punctuation, arrows, box drawing, shapes, dingbats, braille. */
const CANDIDATES = [
  [0xa7, 0xa7], // §
  [0xab, 0xab], // «
  [0xb7, 0xb7], // ·
  [0xbb, 0xbb], // »
  [0xd7, 0xd7], // ×
  [0x2010, 0x2027], // dashes, quotes, bullets, …
  [0x2039, 0x203a], // ‹ ›
  [0x2190, 0x21ff], // arrows
  [0x2500, 0x25ff], // box drawing, blocks, geometric shapes
  [0x2700, 0x27bf], // dingbats
  [0x2800, 0x28ff], // braille (spinners)
];

/**
 * The candidates that this copy of string-width measures as one column, with the default options,
 * as a regex character class of ranges.
 */
export function narrowClass(stringWidth) {
  const ranges = [];
  for (const [from, to] of CANDIDATES) {
    for (let cp = from; cp <= to; cp++) {
      if (stringWidth(String.fromCodePoint(cp)) !== 1) continue;
      const last = ranges.at(-1);
      if (last && last[1] === cp - 1) last[1] = cp;
      else ranges.push([cp, cp]);
    }
  }
  const hex = (cp) => `\\u${cp.toString(16).padStart(4, '0')}`;
  return ranges.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('');
}

const EXPORT = 'export default function stringWidth(';
// Ink measures styled lines: the escapes are stripped with the copy's own strip-ansi, as it does.
const STRIP = "import stripAnsi from 'strip-ansi';";

/**
 * The module's source with the fast path in front of its stringWidth. Only when ambiguous glyphs
 * count as narrow (the default), since most of these are East Asian Ambiguous, and only where
 * escapes do not count.
 */
export function withNarrowPath(source, cls) {
  if (!source.includes(EXPORT) || !source.includes(STRIP)) return undefined;
  return `${source.replace(EXPORT, 'function measuredStringWidth(')}
const narrowLine = /^[\\u0020-\\u007e${cls}]*$/;
export default function stringWidth(input, options) {
  if (typeof input === 'string' && options?.ambiguousIsNarrow !== false && !options?.countAnsiEscapeCodes) {
    const text = input.includes('\\u001b') || input.includes('\\u009b') ? stripAnsi(input) : input;
    if (narrowLine.test(text)) return text.length;
  }
  return measuredStringWidth(input, options);
}
`;
}

/** The esbuild plugin: every ESM copy of string-width in the bundle gets its fast path. */
export const narrowWidths = {
  name: 'narrow-widths',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/ }, async (a) => {
      const source = await readFile(a.path, 'utf8');
      if (!source.includes(EXPORT)) return undefined; // the CommonJS copies: measured as they are
      const { default: stringWidth } = await import(pathToFileURL(a.path).href);
      const contents = withNarrowPath(source, narrowClass(stringWidth));
      if (!contents) throw new Error(`narrow-widths: ${a.path} no longer imports strip-ansi as it did; look again`);
      return { contents, loader: 'js' };
    });
  },
};
