/**
 * Types for the parts of `mvdan-sh` (mvdan/sh compiled to JavaScript with GopherJS) that the shell model uses.
 * Offsets are UTF-8 byte offsets, as in Go.
 */
declare module 'mvdan-sh' {
  interface ShPos {
    Offset(): number;
    Line(): number;
    Col(): number;
    IsValid(): boolean;
  }
  interface ShNode {
    Pos(): ShPos;
    End(): ShPos;
  }
  interface ShParser {
    Parse(source: string, name: string): ShNode;
  }
  interface ShSyntax {
    NewParser(...options: unknown[]): ShParser;
    NodeType(node: ShNode): string;
    Walk(node: ShNode, visit: (node: ShNode | null) => boolean): void;
    Variant(variant: unknown): unknown;
    KeepComments(keep: boolean): unknown;
    LangBash: unknown;
    LangPOSIX: unknown;
  }
  const mvdanSh: { syntax: ShSyntax };
  export = mvdanSh;
}
