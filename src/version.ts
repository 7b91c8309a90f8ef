/** The tool version, kept in step with package.json (a test checks). */
export const VERSION = '0.1.0';

/**
 * Where the project lives: `owner/name` on GitHub. `OWNER` is a placeholder until the first public release
 * (docs/releasing.md); every URL the tool prints (rule help, SARIF `informationUri`) is derived from it, and
 * test/report/home.test.ts checks that package.json and the README name the same home.
 */
export const PROJECT_REPOSITORY = 'OWNER/ssc-audit';

/** The project's home page. */
export const PROJECT_HOME = `https://github.com/${PROJECT_REPOSITORY}`;
