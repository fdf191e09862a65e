"""``--format junit``: JUnit XML for CI dashboards.

One ``<testsuite>`` per checked file.  Each finding is one failed ``<testcase>`` (named by
rule code, rule name and where to look), so a dashboard lists every problem separately; a
clean record has a single passing testcase, and an unreadable one a single ``<error>``.
The XML is built with ``xml.etree`` so it is always well formed and escaped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..hookspecs import hookimpl
from ..verdict import verdict
from .base import Formatter, Summary

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class JunitFormatter(Formatter):
    name = "junit"

    def render(self, results, summary: Summary) -> str:
        root = ET.Element("testsuites", name="strategy-lint")
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for r in results:
            suite = ET.SubElement(root, "testsuite", name=r.path)
            props = ET.SubElement(suite, "properties")
            ET.SubElement(props, "property", name="verdict", value=verdict(r).label)
            counts = self._fill(suite, r)
            for key, value in counts.items():
                suite.set(key, str(value))
                totals[key] += value
        for key, value in totals.items():
            root.set(key, str(value))
        ET.indent(root)
        xml = ET.tostring(root, encoding="unicode")
        # ElementTree escapes markup but not characters XML 1.0 forbids outright (a control
        # character in a PDF's text layer): drop them, or the whole file is not XML.
        return '<?xml version="1.0" encoding="utf-8"?>\n' + _NOT_XML.sub("\ufffd", xml) + "\n"

    def _fill(self, suite: ET.Element, r) -> dict[str, int]:
        if r.status == "error":
            case = ET.SubElement(suite, "testcase", name="read record", classname=r.path)
            err = ET.SubElement(
                case,
                "error",
                type=r.error.code if r.error else "unreadable",
                message=r.error.message if r.error else "the file could not be read",
            )
            err.text = err.get("message")
            return {"tests": 1, "failures": 0, "errors": 1}
        if not r.findings:
            ET.SubElement(suite, "testcase", name="all checks passed", classname=r.path)
            return {"tests": 1, "failures": 0, "errors": 0}
        sure = r.counted() if hasattr(r, "counted") else r.findings
        for f in r.findings:
            where = f.location.describe()
            case = ET.SubElement(suite, "testcase", name=f"{f.code} {f.name} ({where})", classname=r.path)
            if f not in sure:
                # less sure than min-confidence: not a failure, but written down for a look
                out = ET.SubElement(case, "system-out")
                out.text = f"Worth a look ({f.confidence.value} confidence): {self.message(f)} Where: {where}"
                continue
            failure = ET.SubElement(case, "failure", type=f.severity.value, message=self.message(f))
            body = [self.message(f), f"Where: {where}"]
            if self.excerpt(f):
                body.append(f'Quote: "{self.excerpt(f)}"')
            if self.fix(f):
                body.append(f"How to fix: {self.fix(f)}")
            failure.text = "\n".join(body)
        return {"tests": len(r.findings), "failures": len(sure), "errors": 0}


@hookimpl
def strategy_lint_formatters():
    return {"junit": JunitFormatter}
