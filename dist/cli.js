#!/usr/bin/env node
import { createRequire as __sscCreateRequire } from 'node:module'; const require = __sscCreateRequire(import.meta.url);
import {
  VERSION
} from "./chunks/chunk-2L6FSLM7.js";
import "./chunks/chunk-WCQ5MMSG.js";

// src/cli/bin.ts
var args = process.argv.slice(2);
var only = args.length === 1 ? args[0] : void 0;
if (only === "--version" || only === "-v") {
  process.stdout.write(`${VERSION}
`);
} else if (only === "--help" || only === "-h") {
  const { HELP } = await import("./chunks/help-H7JNYWU2.js");
  process.stdout.write(HELP);
} else {
  const { main } = await import("./chunks/main-QFWS76CL.js");
  process.exitCode = await main(args, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true
  });
}
