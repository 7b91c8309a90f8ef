/**
 * Escaping for text that comes from the audited repository (paths, messages, values). Nothing from the
 * repository may open a tag, a link, code, or break out of a table cell.
 */

/** Markdown inline text, safe inside a table cell: HTML entities, markdown punctuation escaped, one line. */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\r\n\u2028\u2029]+/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/([\\`*_[\]()#!|~])/g, '\\$1')
      // A zero-width space after @ stops mentions (@everyone, @team) from notifying anyone.
      .replace(/@/g, '@\u200b')
  );
}

/** Code-like text shown literally: as an HTML code element with entities, never a backtick span. */
export function markdownCode(text: string): string {
  return `<code>${escapeHtml(text.replace(/[\r\n\u2028\u2029]+/g, ' ')).replace(/\|/g, '&#124;')}</code>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A URL we built ourselves from the server URL and a path: encode the path parts. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * Markdown prose for documents people read raw as well as rendered (the evidence pack): as safe as
 * escapeMarkdown (no tag, link, code span, emphasis or table-cell break can open) but without escaping what
 * cannot start markup there, so the raw text has no `\(` or `&amp;` noise. Parentheses need no escape once
 * brackets are escaped; `&` only where it would spell an entity; `_` only where it could open emphasis.
 */
export function escapeProse(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/([\\`*[\]|~])/g, '\\$1')
    .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (match) => match.replace('_', '\\_'))
    .replace(/@/g, '@\u200b');
}
