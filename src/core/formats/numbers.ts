/**
 * Plain decimal notation for text formats (WPL, KML): no exponent, which several parsers reject
 * ("1e-7"). Numbers print in full (shortest round-trip form); only tiny ones, which JavaScript would
 * write with an exponent, are rounded to 1e-9.
 */
export function decimal(v: number): string {
  const s = String(v);
  if (!s.includes('e')) return s;
  const fixed = v.toFixed(9).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}
