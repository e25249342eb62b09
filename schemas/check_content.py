"""Validates a content folder against the schemas with check-jsonschema (PyPI).

Usage: python3 schemas/check_content.py [CONTENT_DIR]   (default: content)

YAML and JSON files are checked as they are (the consultation list is one: consultations.yml); the
front matter of each Markdown file is copied to a temporary .yml first (editors do not validate front
matter inside Markdown). Exit code 0 when
every file validates, 1 otherwise (check-jsonschema's messages are printed).
"""
import glob
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Schema name → glob patterns, relative to the content folder (same mapping as .vscode/settings.json).
MAPPING = {
    "site": ["site.yml"],
    "group": ["groups/*/group.yml"],
    "framework": ["groups/*/framework.yml"],
    "entity": ["entities/*/entity.yml"],
    "policy": ["entities/*/policy.md", "entities/*/policy-*.md"],
    "charter": ["entities/*/ethics-charter.md"],
    "mediator": ["entities/*/mediator.md"],
    "consultations": ["entities/*/consultations.yml", "entities/*/consultations-*.yml"],
    "consultations-page": ["entities/*/consultations.md", "entities/*/consultations-*.md"],
    "page": ["entities/*/pages/*.md"],
    "indicators": ["entities/*/indicators/*.json"],
}


def front_matter(path):
    with open(path, encoding="utf-8-sig") as f:
        lines = f.read().replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        return ""
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "\n".join(lines[1:i]) + "\n"
    return ""


def main():
    content = sys.argv[1] if len(sys.argv) > 1 else "content"
    status = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, patterns in MAPPING.items():
            files = sorted({f for p in patterns for f in glob.glob(os.path.join(content, p))})
            if not files:
                continue
            instances = []
            for path in files:
                if path.endswith(".md"):
                    copy = os.path.join(tmp, os.path.relpath(path, content).replace(os.sep, "__") + ".yml")
                    with open(copy, "w", encoding="utf-8") as f:
                        f.write(front_matter(path))
                    instances.append(copy)
                else:
                    instances.append(path)
            schema = os.path.join(HERE, name + ".schema.json")
            result = subprocess.run(["check-jsonschema", "--schemafile", schema] + instances)
            status = status or result.returncode
    return 1 if status else 0


if __name__ == "__main__":
    sys.exit(main())
