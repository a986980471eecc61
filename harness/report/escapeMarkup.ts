import { showControlCharacters } from "./visibleControlCharacters.js";

// One escaping routine serves both the JUnit XML and the HTML report: the five entities below are
// valid in XML 1.0 and in HTML5, in text and in quoted attribute values alike.

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

// Inside an attribute a parser normalises raw tab/newline/CR to spaces (XML 1.0 §3.3.3), so a
// multi-line message would arrive flattened; character references keep them.
const ATTRIBUTE_WHITESPACE: Record<string, string> = {
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Escapes text for XML/HTML element content. */
export function escapeMarkup(text: string): string {
  return showControlCharacters(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? ch);
}

/** Escapes text for a double- or single-quoted XML/HTML attribute value. */
export function escapeMarkupAttribute(text: string): string {
  return escapeMarkup(text).replace(/[\t\n\r]/g, (ch) => ATTRIBUTE_WHITESPACE[ch] ?? ch);
}
