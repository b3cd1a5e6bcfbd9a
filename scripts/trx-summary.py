#!/usr/bin/env python3
"""Sums the C# test results (.trx files) for test.sh, with one retry of what failed.

  trx-summary.py methods DIR          the distinct test methods that failed in DIR (one fully qualified name a line),
                                      for a `dotnet test --filter` that runs them once more
  trx-summary.py summary DIR [RETRY]  PASSED n / FAILED n / FAIL line / FLAKY line

A test that failed in DIR and passed in RETRY is counted as passed but printed as FLAKY, so the CI tail names it: a
flaky test is a defect to fix, not noise to hide. A test that failed twice is a failure. FAIL and FLAKY lines carry the
test's name and the first lines of its message, so the tail of a CI log says which test to look at and why."""
import glob
import os
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"


def results(folder):
    """(testName, method FQN, outcome, message) of every result in the folder's .trx files."""
    for path in sorted(glob.glob(os.path.join(folder, "*.trx"))):
        root = ET.parse(path).getroot()
        methods = {}
        for definition in root.iter(NS + "UnitTest"):
            method = definition.find(NS + "TestMethod")
            if method is not None:
                methods[definition.get("id")] = method.get("className") + "." + method.get("name")
        for result in root.iter(NS + "UnitTestResult"):
            message = result.findtext(f"{NS}Output/{NS}ErrorInfo/{NS}Message") or ""
            lines = [line.strip() for line in message.splitlines() if line.strip()][:3]
            why = " | ".join(lines)
            name = result.get("testName")
            method = methods.get(result.get("testId"), name.split("(")[0])
            yield name, method, result.get("outcome"), (f"{name} — {why[:300]}" if why else name)


def main():
    mode, folder = sys.argv[1], sys.argv[2]
    first = list(results(folder))
    if mode == "methods":
        for method in sorted({m for _, m, outcome, _ in first if outcome == "Failed"}):
            print(method)
        return
    retried = {name: outcome for name, _, outcome, _ in (results(sys.argv[3]) if len(sys.argv) > 3 else [])}
    passed = sum(1 for _, _, outcome, _ in first if outcome == "Passed")
    failed = 0
    lines = []
    for name, _, outcome, line in first:
        if outcome != "Failed":
            continue
        if retried.get(name) == "Passed":
            passed += 1
            lines.append("FLAKY " + line)
        else:
            failed += 1
            lines.append("FAIL " + line)
    print(f"PASSED {passed}")
    print(f"FAILED {failed}")
    for line in lines:
        print(line)


main()
