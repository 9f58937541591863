#!/usr/bin/env python3
"""Prints every failed test of the given .trx files with the head of its message and stack trace.

build/test.sh runs it after `dotnet test`, so that the end of the test output (which is what CI
keeps) names what failed and why, not only how many."""
import sys
import xml.etree.ElementTree as ElementTree

NAMESPACE = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def head(text, lines):
    kept = (text or "").strip().splitlines()
    return kept[:lines] + (["  …"] if len(kept) > lines else [])


for path in sys.argv[1:]:
    for result in ElementTree.parse(path).getroot().iterfind(".//t:UnitTestResult", NAMESPACE):
        if result.get("outcome") != "Failed":
            continue
        print(f"FAILED {result.get('testName')} [{result.get('duration')}]")
        message = result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=NAMESPACE)
        stack = result.findtext("t:Output/t:ErrorInfo/t:StackTrace", default="", namespaces=NAMESPACE)
        for line in head(message, 30) + head(stack, 12):
            print(f"    {line}")
