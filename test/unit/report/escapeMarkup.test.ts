import assert from "node:assert/strict";

import { escapeMarkup, escapeMarkupAttribute } from "../../../harness/report/escapeMarkup.js";
import { escapeMarkdown } from "../../../harness/report/markdownText.js";
import { showControlCharacters } from "../../../harness/report/visibleControlCharacters.js";

describe("escaping for XML, HTML and Markdown", () => {
  it("escapes the five markup characters", () => {
    assert.equal(escapeMarkup(`<a href="x">Tom & 'Jerry'</a>`), "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;");
  });

  it("turns characters XML 1.0 forbids into visible escapes and keeps tab, newline, CR", () => {
    assert.equal(showControlCharacters("bell\u0007 nul\u0000 esc\u001b[31m"), "bell\\u0007 nul\\u0000 esc\\u001B[31m");
    assert.equal(showControlCharacters("a\tb\nc\rd"), "a\tb\nc\rd");
    assert.equal(showControlCharacters("x\uFFFEy"), "x\\uFFFEy");
  });

  it("keeps valid surrogate pairs (emoji) and replaces lone surrogates", () => {
    assert.equal(showControlCharacters("ok 😀"), "ok 😀");
    assert.equal(showControlCharacters("bad \uD83D end"), "bad \\uD83D end");
    assert.equal(showControlCharacters("bad \uDE00 end"), "bad \\uDE00 end");
  });

  it("keeps line breaks in attributes as character references", () => {
    assert.equal(escapeMarkupAttribute("line 1\nline 2\t<x>"), "line 1&#10;line 2&#9;&lt;x&gt;");
  });

  it("escapes Markdown table breakers, inline HTML and emphasis", () => {
    assert.equal(escapeMarkdown("a|b <tag> *x* `c`\nnext"), "a\\|b &lt;tag&gt; \\*x\\* \\`c\\` next");
  });
});
