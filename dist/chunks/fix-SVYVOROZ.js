#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  FIX_HELP,
  planRepository,
  runFix
} from "./chunk-SAUZQQ3Q.js";
import "./chunk-HJ5CAYR4.js";
import "./chunk-DPJQGSQ6.js";
import "./chunk-ETL7RYAH.js";
import "./chunk-2L6FSLM7.js";
import "./chunk-GBRMPCXU.js";
import "./chunk-2Y56ZYC4.js";
import "./chunk-WCQ5MMSG.js";
export {
  FIX_HELP,
  planRepository,
  runFix
};
