#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  FIX_HELP,
  planRepository,
  runFix
} from "./chunk-AUVBPQHF.js";
import "./chunk-7KNAK6PU.js";
import "./chunk-DPJQGSQ6.js";
import "./chunk-GIFD7O3W.js";
import "./chunk-2L6FSLM7.js";
import "./chunk-GBRMPCXU.js";
import "./chunk-2Y56ZYC4.js";
import "./chunk-WCQ5MMSG.js";
export {
  FIX_HELP,
  planRepository,
  runFix
};
