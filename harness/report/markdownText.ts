import { showControlCharacters } from "./visibleControlCharacters.js";

// GitHub renders step summaries as GitHub-flavoured Markdown with (sanitised) inline HTML, so a
// message like `<release name="web">` would vanish as an unknown tag and a `|` would split a
// table cell. Everything from the run goes through this before it lands in Markdown.

/** Escapes text for one line of Markdown, including a table cell; newlines become spaces. */
export function escapeMarkdown(text: string): string {
  return showControlCharacters(text)
    .replace(/\r?\n|\r/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]|#~])/g, "\\$1");
}
