/**
 * The terrain field's compact encoding: heights as little-endian Float32 in base64 (4 bytes a sample,
 * exact to the centimetre at any elevation on Earth; Int16 decimetres would stop at 3,276 m).
 * atob/btoa exist in browsers, workers and Node 18+, so the core needs no Buffer.
 */

/** Float32 heights -> base64 of their little-endian bytes. */
export function encodeHeights(heights: ArrayLike<number>): string {
  const bytes = new Uint8Array(heights.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < heights.length; i++) view.setFloat32(i * 4, heights[i], true);
  let bin = '';
  // String.fromCharCode takes arguments: a chunk at a time keeps the call stack small.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** base64 -> Float32 heights, or a reason (not base64, or a byte count that is not 4 per sample). */
export function decodeHeights(b64: string): Float32Array | string {
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    return 'is not base64';
  }
  if (bin.length % 4 !== 0) return `holds ${bin.length} bytes, not a whole number of 4-byte Float32 samples`;
  const view = new DataView(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) view.setUint8(i, bin.charCodeAt(i));
  const out = new Float32Array(bin.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
