"""pip-audit of the installed environment, minus the dated and reasoned ignores of pip-audit-ignore.txt.

Fails on any vulnerability not ignored, and on an ignore without a date or a reason. Packages pip-audit
could not look up are counted, not hidden: when none could be (no vulnerability data reachable), it says
so on one line and passes, unless --strict.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

IGNORES = Path(__file__).with_name("pip-audit-ignore.txt")
IGNORE_LINE = re.compile(r"^(?P<id>[A-Z][A-Z0-9]*-[\w-]+)\s+(?P<date>\d{4}-\d{2}-\d{2})\s+(?P<reason>\S.*)$")


def read_ignores(path: Path) -> list[str]:
    """The vulnerability ids to ignore; each line: ID DATE REASON (``#`` starts a comment)."""
    ids = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = IGNORE_LINE.match(line)
        if match is None:
            sys.exit(f"{path.name}:{number}: expected 'ID YYYY-MM-DD reason', got {line!r}")
        ids.append(match["id"])
    return ids


def main(strict: bool) -> int:
    ignored = read_ignores(IGNORES) if IGNORES.exists() else []
    command = [sys.executable, "-m", "pip_audit", "--local", "--skip-editable", "--format", "json"]
    command += ["--progress-spinner", "off", *(arg for vid in ignored for arg in ("--ignore-vuln", vid))]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - our own argv
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(done.stderr)
        return done.returncode or 1
    packages = report["dependencies"]
    skipped = [p for p in packages if "skip_reason" in p]
    found = [(p, v) for p in packages for v in p.get("vulns", [])]
    for package, vuln in found:
        fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed release"
        sys.stdout.write(f"{package['name']} {package['version']}: {vuln['id']} (fixed in {fixes})\n")
    audited = len(packages) - len(skipped)
    sys.stdout.write(
        f"pip-audit: {audited} of {len(packages)} packages audited, {len(found)} vulnerabilities, "
        f"{len(ignored)} ignored by {IGNORES.name}, {len(skipped)} not audited\n"
    )
    if skipped and not audited:
        sys.stdout.write(f"pip-audit: WARNING nothing was audited: {skipped[0]['skip_reason']}\n")
        if strict:
            return 1
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(strict="--strict" in sys.argv[1:]))
