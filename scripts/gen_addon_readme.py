"""Write each addon's README.rst from its manifest and readme/ fragments,
the way OCA's readme generator does, so both stay in step.

Run it after editing a fragment: ``.venv/bin/python scripts/gen_addon_readme.py``.
tests/lint checks that the committed README.rst files are up to date.
"""
import ast
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ["sales_intelligence", "sales_intelligence_kb", "sales_intelligence_reports"]
SECTIONS = [
    ("DESCRIPTION.rst", None),
    ("CONFIGURE.rst", "Configuration"),
    ("USAGE.rst", "Usage"),
    ("ROADMAP.rst", "Known issues / Roadmap"),
    ("CONTRIBUTORS.rst", "Contributors"),
]


def render(addon):
    with open(os.path.join(ROOT, addon, "__manifest__.py")) as f:
        manifest = ast.literal_eval(f.read())
    title = manifest["name"]
    parts = ["=" * len(title), title, "=" * len(title), "",
             ".. |badge1| image:: https://img.shields.io/badge/maturity-%s-yellow.png"
             % manifest["development_status"],
             ".. |badge2| image:: https://img.shields.io/badge/licence-%s-blue.png"
             % manifest["license"], "", "|badge1| |badge2|", ""]
    for filename, heading in SECTIONS:
        path = os.path.join(ROOT, addon, "readme", filename)
        if not os.path.exists(path):
            continue
        if heading:
            parts += [heading, "=" * len(heading), ""]
        with open(path) as f:
            parts += [f.read().rstrip(), ""]
    parts += ["Maintainers", "===========", "",
              "This module is maintained by %s." % manifest["author"], ""]
    return "\n".join(parts)


def main():
    check = "--check" in sys.argv
    stale = []
    for addon in ADDONS:
        path = os.path.join(ROOT, addon, "README.rst")
        text = render(addon)
        current = open(path).read() if os.path.exists(path) else None
        if current != text:
            stale.append(addon)
            if not check:
                with open(path, "w") as f:
                    f.write(text)
    if check and stale:
        sys.exit("README.rst out of date for: %s (run scripts/gen_addon_readme.py)"
                 % ", ".join(stale))


if __name__ == "__main__":
    main()
