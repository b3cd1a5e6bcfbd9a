#!/usr/bin/env python3
"""Prints one line per failed test of a .trx file: its name and the first lines of its message.

test.sh puts these lines just above its last line, so the tail of a CI log says which test failed and why."""
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"

for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iter(NS + "UnitTestResult"):
        if result.get("outcome") != "Failed":
            continue
        message = result.findtext(f"{NS}Output/{NS}ErrorInfo/{NS}Message") or ""
        lines = [line.strip() for line in message.splitlines() if line.strip()][:3]
        why = " | ".join(lines)
        print(result.get("testName") + (f" — {why[:300]}" if why else ""))
