// The rules of `git check-ref-format --branch` for a new branch's name, ported from the server's
// src/Maestro.Server/Git/Worktrees/BranchName.cs so the New Session form can say what is wrong while the user types
// instead of after a round trip. The server still checks: this is the same wording, earlier.

/** Why `name` is not a valid new branch name, or undefined when it is. */
export function branchNameProblem(name: string | undefined): string | undefined {
  if (!name || !name.trim()) return 'it is empty';
  if (name[0] === '-') return "it starts with '-' (git would read it as an option)";
  if (name === 'HEAD' || name === '@') return 'it is reserved by git';
  for (const c of name) {
    const code = c.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || ' ~^:?*[\\'.includes(c)) return 'it contains a space, a control character or one of ~ ^ : ? * [ \\';
  }
  if (name.includes('..') || name.includes('@{')) return "it contains '..' or '@{'";
  if (name.endsWith('/') || name.endsWith('.')) return "it ends with '/' or '.'";
  for (const component of name.split('/')) {
    if (component.length === 0) return "it has an empty path component ('//' or a leading '/')";
    if (component[0] === '.') return "a component starts with '.'";
    if (component.endsWith('.lock')) return "a component ends with '.lock'";
  }
  return undefined;
}
