/**
 * The expression engine: parse a `${{ }}` body, evaluate it as far as constants allow, and map node
 * spans back onto the workflow file.
 */
export * from './ast.js';
export { parseExpression, FUNCTIONS, type ParseError, type ParseResult } from './parser.js';
export {
  evaluate,
  isTruthy,
  looseEquals,
  toNumber,
  toText,
  truthinessOf,
  format,
  type EvalOptions,
  type EvalResult,
  type Value,
} from './evaluate.js';
export { bodyOffset, regionOfSpan } from './spans.js';
export { outsiderGate, type Gate } from './gates.js';
export {
  accessPath,
  capabilityOf,
  contextsData,
  declaredInputs,
  eventCapability,
  flowingAccesses,
  runtimeOrigin,
  type RuntimeOrigin,
  scopeOf,
  taintsOfText,
  worstCapability,
  type Capability,
  type FlowingAccess,
  type Taint,
  type TaintScope,
} from './capabilities.js';
export {
  conditionExpressions,
  describeOwner,
  isCommentAt,
  isOffValue,
  ownerAt,
  placeOf,
  sourceExpressions,
  variableSettings,
  type Condition,
  type ExpressionPlace,
  type SourceExpression,
  type VariableSetting,
} from './sites.js';
