#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  FIX_HELP,
  planRepository,
  runFix
} from "./chunk-6I5MT3CA.js";
import "./chunk-J2LMKLNP.js";
import "./chunk-DPJQGSQ6.js";
import "./chunk-YVGMZOVY.js";
import "./chunk-2L6FSLM7.js";
import "./chunk-GBRMPCXU.js";
import "./chunk-2Y56ZYC4.js";
import "./chunk-WCQ5MMSG.js";
export {
  FIX_HELP,
  planRepository,
  runFix
};
