#!/usr/bin/env python3
"""The failing tests of a `node --test --test-reporter=spec` log, one per line: FILE<TAB>NAME<TAB>PATTERN.

test.sh runs each once more on its own (PATTERN is the exact name as a --test-name-pattern regex)."""
import re
import sys

lines = open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()
try:
    start = next(i for i, line in enumerate(lines) if line.startswith("✖ failing tests"))
except StopIteration:
    sys.exit(0)

seen = set()
for i in range(start, len(lines) - 1):
    where = re.match(r"^test at (.+?):\d+:\d+$", lines[i])
    failed = re.match(r"^✖ (.+?)(?: \([\d.]+ms\))?$", lines[i + 1])
    if where and failed and (where.group(1), failed.group(1)) not in seen:
        seen.add((where.group(1), failed.group(1)))
        print(f"{where.group(1)}\t{failed.group(1)}\t^{re.escape(failed.group(1))}$")
