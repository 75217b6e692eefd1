/**
 * Plain decimal notation for text formats (WPL, KML): no exponent, which several parsers reject
 * ("1e-7"), 1e-9 resolution (0.1 mm in latitude), no trailing zeros.
 */
export function decimal(v: number): string {
  if (Number.isInteger(v)) return String(v);
  const s = v.toFixed(9).replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}
