// Control characters in a report are almost always debris from a terminal (colour codes, bells)
// that a probe or CLI captured. XML 1.0 forbids most of them outright and HTML treats them as
// parse errors, so they are turned into a visible \uXXXX notation instead of being dropped:
// a reader can still see that something odd was there.

// C0 controls except tab, line feed and carriage return; DEL and the C1 block; the two
// non-characters XML 1.0 excludes; and UTF-16 surrogates that are not part of a valid pair.
const UNSAFE_CHARACTERS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces characters that XML 1.0 / HTML cannot carry with a visible `\uXXXX` escape. */
export function showControlCharacters(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}
