"""The exit codes of `aktsomhet`: one set for every command (issue 16).

    0  done: the session is complete and meets åpenhetsloven or is not subject to it (check),
       the files are the same (compare), the wizard saved everything it was given
    1  done, with something to report: a question is missing or the law check is not met
       (check, see docs/law.md), the files differ (compare), the wizard left without saving
       into the session file (a rescue copy or nothing: it says where on leaving)
    2  nothing could be done: a file or an argument cannot be used (one Norwegian line says why)
    128 + N  the wizard was stopped by signal N (after saving)
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_MISSING = 1  # check: incomplete or the law check not met; compare: the sessions differ
EXIT_UNSAVED = 1  # the wizard: left without saving into the session file
EXIT_UNUSABLE = 2  # a file or an argument that cannot be used
EXIT_USAGE = EXIT_UNUSABLE  # argparse's errors (argparse itself exits with 2)
EXIT_SIGNAL = 128  # plus the signal's number
