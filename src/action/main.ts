/**
 * The GitHub Action entry point (dist/action.js).
 */
import { runAction } from './run.js';

await runAction();
