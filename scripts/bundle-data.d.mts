import type { Plugin } from 'esbuild';

export declare const CONFIG_AJV_OPTIONS: { allErrors: boolean; strict: boolean; verbose: boolean };
export declare function precompiledFrameworks(dir: string): Record<string, { sha256: string; data: unknown }>;
export declare function standaloneValidator(schemaText: string): string;
export declare function dataPlugins(root: string): Plugin[];
