#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  MAX_RATE_LIMIT_WAIT_SECONDS,
  createClient,
  graphqlUrlFor,
  shapeProblem
} from "./chunk-LSKB7ZUY.js";
import "./chunk-VUSERULC.js";
import "./chunk-GBRMPCXU.js";
import "./chunk-WCQ5MMSG.js";
export {
  MAX_RATE_LIMIT_WAIT_SECONDS,
  createClient,
  graphqlUrlFor,
  shapeProblem
};
