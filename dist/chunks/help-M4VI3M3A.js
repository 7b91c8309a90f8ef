#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  HELP
} from "./chunk-SEMEFEJC.js";
import "./chunk-AIT7ACM2.js";
import "./chunk-2L6FSLM7.js";
import "./chunk-WCQ5MMSG.js";
export {
  HELP
};
