"""The bounded process that reads one file: `python -m gongkai.documents.worker KIND PATH LIMITS_JSON`.

It writes JSON lines to stdout: `{"progress": [done, total]}` after each page, then one
`{"result": {...}}` or `{"error": "中文原因"}`. The parent (`runner.py`) starts it with a wall-clock timeout,
a memory limit (RLIMIT_AS) and a CPU limit, so a hostile or huge file costs at most that much, and reads
the lines as they come to record progress. No Django here: the process imports only the readers.
"""

from __future__ import annotations

import json
import sys


def job(name: str, payload: dict) -> dict:
    """The redaction jobs: `find` (hits of terms and patterns) and `redact` (produce and check)."""
    from dataclasses import asdict

    from gongkai.documents import redact
    from gongkai.documents.extract import Limits

    limits = Limits(**payload.get("limits", {}))
    if name == "find":
        hits = redact.find(
            payload["path"], terms=payload["terms"], patterns=payload["patterns"], limits=limits
        )
        return {"hits": [asdict(h) for h in hits]}
    if name == "redact":
        boxes = [redact.Box(**b) for b in payload["boxes"]]
        report = redact.redact(payload["path"], boxes, payload["out"], dpi=payload["dpi"], limits=limits)
        return {"report": report.as_dict(), "leaks": redact.leaks(payload["out"], payload["secrets"])}
    raise ValueError(name)


def main(argv: list[str]) -> int:
    from gongkai.documents.extract import Limits, Unreadable, extract

    if argv[0] == "--job":
        from gongkai.documents.redact import RedactionFailed

        try:
            sys.stdout.write(
                json.dumps({"result": job(argv[1], json.loads(argv[2]))}, ensure_ascii=False) + "\n"
            )
        except (RedactionFailed, Unreadable) as exc:
            sys.stdout.write(json.dumps({"error": str(exc)}, ensure_ascii=False) + "\n")
        except MemoryError:
            sys.stdout.write(
                json.dumps({"error": "文件过大，处理时超过内存上限。"}, ensure_ascii=False) + "\n"
            )
        sys.stdout.flush()
        return 0
    kind, path, raw_limits = argv
    limits = Limits(**json.loads(raw_limits))

    def emit(payload: dict) -> None:
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    try:
        result = extract(path, kind, limits=limits, progress=lambda d, t: emit({"progress": [d, t]}))
    except Unreadable as exc:
        emit({"error": str(exc)})
        return 0
    except OSError:
        emit({"error": "无法打开存储的文件。"})
        return 0
    except MemoryError:
        emit({"error": "文件过大，读取时超过内存上限。"})
        return 0
    emit({"result": result.as_dict()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
