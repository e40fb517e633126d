"""Write a plan of N tasks: the shipped 2025 tasks repeated with new ids, in one file.

python benchmarks/generate.py 10000 /tmp/kexie-bench/plan.yaml
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "2025_tasks.yaml"


def generate(count: int, source: Path = SHIPPED) -> str:
    """The plan text; the task records are the shipped ones, verbatim but for their ids."""
    plan = yaml.load(source.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    shipped = plan["tasks"]
    tasks = [{**shipped[n % len(shipped)], "id": str(n + 1)} for n in range(count)]
    body = {
        "plan": {**plan["plan"], "title": f"{plan['plan']['title']}（{count} 项测试）"},
        "tasks": tasks,
    }
    return yaml.dump(body, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=4096)


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Write every repeated task out in full, as a person's file would be: no &anchors."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("output", type=Path)
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(generate(args.count), encoding="utf-8")
    print(f"{args.output}: {args.count} tasks, {args.output.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
