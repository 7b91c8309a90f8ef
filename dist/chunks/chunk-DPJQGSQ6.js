#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);

// src/model/types.ts
var SEVERITIES = ["critical", "high", "medium", "low", "info"];
var CONFIDENCES = ["high", "medium", "low"];
var severityRank = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
  info: 0
};
function isSeverity(value) {
  return typeof value === "string" && SEVERITIES.includes(value);
}

export {
  SEVERITIES,
  CONFIDENCES,
  severityRank,
  isSeverity
};
