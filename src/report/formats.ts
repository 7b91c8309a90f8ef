/** The report formats, apart from their renderers, so that `--help` can list them without loading any. */
export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'html', 'assessment', 'assessment-json'] as const;
export type Format = (typeof FORMATS)[number];
