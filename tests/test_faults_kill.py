"""kill -9 in the middle of saving: the session file is always a whole, valid file (the old
version or the new one, never half of one), and the next opening clears the temporary files
the killed saves left behind."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from aktsomhetswizard import session as sessions
from aktsomhetswizard.store import SessionStore

SAVER = """
import sys
from pathlib import Path
from aktsomhetswizard import session as sessions
path = Path(sys.argv[1])
s = sessions.load(path)
n = 0
print("klar", flush=True)
while True:
    n += 1
    s.answers["1.A.2"] = ("ord " * 20000) + str(n)
    sessions.save(s, path)
"""


def test_kill_9_while_saving_never_leaves_half_a_file(example: Path) -> None:
    rng = random.Random(5)
    for _ in range(6):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(example)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "klar"
        time.sleep(rng.uniform(0.05, 0.4))  # somewhere in the middle of a save
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        loaded = sessions.load(example)  # whole and valid
        assert loaded.answers["1.A.2"].startswith("ord ")
        bak = example.with_name(example.name + ".bak")
        assert sessions.load(bak).organisation == loaded.organisation
    # What a save killed between writing and renaming leaves (the kills above rarely hit
    # that window, so make sure there is one of each kind).
    (example.parent / f".{example.name}.k1ll3d.tmp").write_bytes(b"[session\nhalv")
    (example.parent / f".{example.name}.bak.k1ll3d.tmp").write_bytes(b"")
    other = example.parent / ".annen.toml.x.tmp"  # another session's: not ours to remove
    other.write_bytes(b"")
    store = SessionStore.open(example)
    store.close()
    assert [p.name for p in example.parent.iterdir() if p.name.endswith(".tmp")] == [other.name]
