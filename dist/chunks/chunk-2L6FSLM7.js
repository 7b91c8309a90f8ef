#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);

// src/version.ts
var VERSION = "0.1.0";
var PROJECT_REPOSITORY = "OWNER/ssc-audit";
var PROJECT_HOME = `https://github.com/${PROJECT_REPOSITORY}`;

export {
  VERSION,
  PROJECT_HOME
};
