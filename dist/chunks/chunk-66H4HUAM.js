#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);

// src/report/escape.ts
function escapeMarkdown(text) {
  return text.replace(/[\r\n\u2028\u2029]+/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/([\\`*_[\]()#!|~])/g, "\\$1").replace(/@/g, "@​");
}
function markdownCode(text) {
  return `<code>${escapeHtml(text.replace(/[\r\n\u2028\u2029]+/g, " ")).replace(/\|/g, "&#124;")}</code>`;
}
function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
function encodePath(path) {
  return path.split("/").map(encodeURIComponent).join("/");
}
function escapeProse(text) {
  return text.replace(/[\r\n\u2028\u2029]+/g, " ").replace(/&(?=#?\w+;)/g, "&amp;").replace(/</g, "&lt;").replace(/([\\`*[\]|~])/g, "\\$1").replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (match) => match.replace("_", "\\_")).replace(/@/g, "@​");
}

// src/report/palette.ts
var STATUS_COLOR = {
  met: "#1a7f37",
  "partially-met": "#bf8700",
  "not-met": "#cf222e",
  unknown: "#8250df",
  "needs-attestation": "#0969da",
  "not-applicable": "#8c959f"
};

export {
  escapeMarkdown,
  markdownCode,
  escapeHtml,
  encodePath,
  escapeProse,
  STATUS_COLOR
};
