/** The window size a Brotli stream declares in its first bits (RFC 7932, 9.1: WBITS). */
export function brotliWindowBits(firstByte: number): number {
  if ((firstByte & 1) === 0) return 16;
  const n = (firstByte >> 1) & 7;
  if (n !== 0) return 17 + n;
  const m = (firstByte >> 4) & 7;
  return m === 0 ? 17 : 8 + m;
}
