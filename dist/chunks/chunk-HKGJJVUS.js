#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);

// src/report/formats.ts
var FORMATS = ["text", "json", "sarif", "markdown", "html", "assessment", "assessment-json"];

export {
  FORMATS
};
