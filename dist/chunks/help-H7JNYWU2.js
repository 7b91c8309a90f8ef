#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  HELP
} from "./chunk-TQYU7FEL.js";
import "./chunk-HKGJJVUS.js";
import "./chunk-DPJQGSQ6.js";
import "./chunk-2L6FSLM7.js";
import "./chunk-WCQ5MMSG.js";
export {
  HELP
};
