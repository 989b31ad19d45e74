// The code of a file without its comments, for checks that look at what a file does rather than
// what it says (tests/standalone.test.ts).

import ts from 'typescript';

const SCRIPT_FILES = /\.(ts|mts|cts|js|mjs|cjs)$/;
const HASH_COMMENT_FILES = /(\.(sh|ya?ml|toml|py)|Makefile|Dockerfile|\/run|\.gitignore)$/;
const SLASH_COMMENT_FILES = /\.go$/;

/** The code of a file without its comments (prose in Markdown is checked in its code blocks only). */
export function codeOf(file: string, text: string): string {
  if (SCRIPT_FILES.test(file)) {
    // The parser knows strings, templates and regular expressions; comments are the trivia
    // around each token.
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const comments: ts.CommentRange[] = [];
    const visit = (node: ts.Node): void => {
      if (node.kind < ts.SyntaxKind.FirstNode || node.getChildCount(source) === 0) {
        comments.push(
          ...(ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []),
          ...(ts.getTrailingCommentRanges(text, node.getEnd()) ?? []),
        );
      }
      node.getChildren(source).forEach(visit);
    };
    visit(source);
    let code = text;
    for (const c of comments) code = code.slice(0, c.pos) + ' '.repeat(c.end - c.pos) + code.slice(c.end);
    return code;
  }
  if (SLASH_COMMENT_FILES.test(file)) return text.replace(/(^|\s)\/\/.*$/gm, '$1');
  if (HASH_COMMENT_FILES.test(file)) return text.replace(/(^|\s)#.*$/gm, '$1');
  if (file.endsWith('.md'))
    return [...text.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]).join('\n');
  return text;
}
