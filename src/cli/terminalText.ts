/**
 * What the CLI prints goes through here: names, ids and messages come from user files, and a control
 * character in them (an ESC sequence that erases a line or writes the clipboard, a carriage return, a
 * bidi override) would act on the terminal instead of being shown. They are shown escaped instead.
 */

/** C0 controls but newline and tab, DEL, C1 controls, and the bidi embedding/override/isolate marks. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every control character written as `\u001b` etc. (a JSON escape, so JSON output stays
 * valid JSON and means the same). Newlines and tabs stay. `leadingReturn` keeps one carriage return
 * at the very start: the progress bar's redraw on a terminal.
 */
export function terminalSafe(text: string, leadingReturn = false): string {
  const keep = leadingReturn && text.startsWith('\r') ? '\r' : '';
  const rest = keep ? text.slice(1) : text;
  return keep + rest.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
