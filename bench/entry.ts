// What the benchmarks call in-process (bundled on the fly by bench/run.mjs).
export { runAudit, collect } from '../src/pipeline.js';
export { walkFiles } from '../src/collect/files.js';
export { evaluate } from '../src/engine/run.js';
export { scoreFramework } from '../src/score/score.js';
export { findFramework } from '../src/frameworks/load.js';
export { RULES } from '../src/rules/index.js';
export { DEFAULT_CONFIG } from '../src/config/types.js';
export { render } from '../src/report/index.js';
