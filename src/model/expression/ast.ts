/**
 * The syntax tree of a GitHub Actions `${{ }}` expression. Every node carries a span: offsets into the
 * expression body (the text between the braces, trimmed), `end` exclusive.
 */

export interface Span {
  start: number;
  end: number;
}

export type LiteralValue = null | boolean | number | string;

export type BinaryOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';

export type ExprNode =
  | { kind: 'literal'; value: LiteralValue; span: Span }
  /** A top-level context name: `github`, `env`, `secrets`, `matrix`, … */
  | { kind: 'context'; name: string; span: Span }
  /** `object.name` or `object['name']` (a string-literal index is a property access). */
  | { kind: 'property'; object: ExprNode; name: string; span: Span; bracket: boolean }
  /** `object[index]` with a non-literal index, or a numeric one. */
  | { kind: 'index'; object: ExprNode; index: ExprNode; span: Span }
  /** `object.*` or `object[*]`: the object filter. */
  | { kind: 'star'; object: ExprNode; span: Span }
  | { kind: 'call'; name: string; args: ExprNode[]; span: Span; nameSpan: Span }
  | { kind: 'not'; operand: ExprNode; span: Span }
  | { kind: 'binary'; op: BinaryOperator; left: ExprNode; right: ExprNode; span: Span }
  | { kind: 'logical'; op: '&&' | '||'; left: ExprNode; right: ExprNode; span: Span };

/** Every node of a tree, parents before children, left to right. */
export function walk(node: ExprNode, visit: (node: ExprNode) => void): void {
  visit(node);
  for (const child of children(node)) walk(child, visit);
}

export function children(node: ExprNode): ExprNode[] {
  switch (node.kind) {
    case 'literal':
    case 'context':
      return [];
    case 'property':
    case 'star':
      return [node.object];
    case 'index':
      return [node.object, node.index];
    case 'call':
      return node.args;
    case 'not':
      return [node.operand];
    case 'binary':
    case 'logical':
      return [node.left, node.right];
  }
}

/**
 * The dotted path of a context access (`github.event.issue.title`, `secrets.*`), lower-cased as GitHub
 * compares context names case-insensitively; undefined when the chain has a computed index.
 */
export function contextPath(node: ExprNode): string | undefined {
  switch (node.kind) {
    case 'context':
      return node.name.toLowerCase();
    case 'property': {
      const base = contextPath(node.object);
      return base === undefined ? undefined : `${base}.${node.name.toLowerCase()}`;
    }
    case 'star': {
      const base = contextPath(node.object);
      return base === undefined ? undefined : `${base}.*`;
    }
    case 'index': {
      const base = contextPath(node.object);
      if (base === undefined || node.index.kind !== 'literal' || typeof node.index.value !== 'number') return undefined;
      return `${base}.${node.index.value}`;
    }
    default:
      return undefined;
  }
}

/** The root context node of an access chain, if the chain starts at a context. */
export function rootContext(node: ExprNode): Extract<ExprNode, { kind: 'context' }> | undefined {
  let current: ExprNode = node;
  while (current.kind === 'property' || current.kind === 'star' || current.kind === 'index') current = current.object;
  return current.kind === 'context' ? current : undefined;
}

/** Every node with its parent (undefined for the root), parents before children. */
export function walkWithParent(node: ExprNode, visit: (node: ExprNode, parent: ExprNode | undefined) => void, parent?: ExprNode): void {
  visit(node, parent);
  for (const child of children(node)) walkWithParent(child, visit, node);
}
