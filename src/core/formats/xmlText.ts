/**
 * Text for XML 1.0 documents (KML, SVG): every user string written into markup goes through
 * `escapeXml`, which first replaces what XML 1.0 does not allow at all (its `Char` production: C0
 * controls other than tab, newline and carriage return; U+FFFE, U+FFFF; lone surrogates), then
 * escapes the markup characters. Such characters cannot be written even as character references,
 * so they become U+FFFD (the replacement character): a reader sees that something was there.
 */

/** Code points outside XML 1.0's Char production, and surrogates that are not part of a pair. */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string with every character XML 1.0 forbids replaced by U+FFFD. */
export function xmlSafeText(s: string): string {
  return s.replace(NOT_XML_CHAR, '\uFFFD');
}

const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** A user string as XML character data or attribute value: forbidden characters replaced, markup escaped. */
export function escapeXml(s: string): string {
  return xmlSafeText(s).replace(/[<>&'"]/g, (c) => ENTITY[c]);
}
