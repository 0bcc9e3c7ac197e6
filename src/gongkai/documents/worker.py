"""The bounded process that reads one file: `python -m gongkai.documents.worker KIND PATH LIMITS_JSON`.

It writes JSON lines to stdout: `{"progress": [done, total]}` after each page, then one
`{"result": {...}}` or `{"error": "中文原因"}`. The parent (`runner.py`) starts it with a wall-clock timeout,
a memory limit (RLIMIT_AS) and a CPU limit, so a hostile or huge file costs at most that much, and reads
the lines as they come to record progress. No Django here: the process imports only the readers.
"""

from __future__ import annotations

import json
import sys


def main(argv: list[str]) -> int:
    from gongkai.documents.extract import Limits, Unreadable, extract

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
