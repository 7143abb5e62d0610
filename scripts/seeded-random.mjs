// A small seeded generator (mulberry32), uniform in [0, 1): deterministic draws for the scale
// data's activity (scripts/generate-scale-data.ts) and the catalogue benchmark's search mix
// (bench/lib/catalogue-searches.mjs). Plain JavaScript so that `node bench/catalogue.mjs` can use it.

/**
 * @param {number} seed
 * @returns {() => number}
 */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
