import type { Browser } from 'playwright-core';

/** Flags for Chromium run as root on a machine with a closed network. */
export declare const CHROMIUM_ARGS: readonly string[];
/** Which Chromium to run: CHROME_PATH, else a working system `chromium`, else the one npm ci installed. */
export declare function chromiumPath(): Promise<string>;
/** Starts headless Chromium with CHROMIUM_ARGS. */
export declare function launchChromium(): Promise<Browser>;
