/**
 * One reporter per output format. Each is a pure function of the report.
 */
import type { AuditReport } from './model.js';
import { renderAssessmentJson, renderAssessmentMarkdown } from './assessment.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText, type RenderOptions } from './text.js';

import type { Format } from './formats.js';

export type { RenderOptions } from './text.js';
export { FORMATS, type Format } from './formats.js';

export function render(format: Format, report: AuditReport, options: RenderOptions = {}): string {
  switch (format) {
    case 'assessment':
      return renderAssessmentMarkdown(report);
    case 'assessment-json':
      return renderAssessmentJson(report);
    case 'json':
      return renderJson(report);
    case 'text':
      return renderText(report, options);
    case 'sarif':
      return renderSarif(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
  }
}
