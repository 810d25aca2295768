#!/usr/bin/env python3
"""Times thread/resume (excludeTurns and full), thread/turns/list and thread/read of one stored thread, several
times in ONE app-server process: the first round is a cold JVM, the later ones show the warm cost. A complement to
../shared/tools/codex-peer/bench.py, whose `long` phase starts a fresh process for every resume.

usage (from the repository root, after bench.py's `long` phase wrote a thread into --data DIR):
  APP_SERVER_CMD="$PWD/turnstile serve --data DIR" APP_SERVER_CWD="$PWD" \\
      python3 src/tools/resume_probe.py THREAD_ID [ROUNDS]
"""
import asyncio
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "tools",
                                "codex-peer"))
from appserver_client import AppServer  # noqa: E402


async def timed(client, method, params):
    start = time.monotonic()
    await client.request(method, params, timeout=120)
    return (time.monotonic() - start) * 1000


async def main():
    thread_id = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    client = await AppServer.spawn()
    client.keep_notifications = False
    await client.initialize(name="resume-probe")
    for round_number in range(rounds):
        for mode, params in (("excludeTurns", {"threadId": thread_id, "excludeTurns": True}),
                             ("full", {"threadId": thread_id})):
            resume = await timed(client, "thread/resume", params)
            turns = await timed(client, "thread/turns/list", {"threadId": thread_id, "limit": 20})
            read = await timed(client, "thread/read", {"threadId": thread_id})
            print("round %d %-12s resume %7.1f ms  turns/list(20) %7.1f ms  read %5.1f ms"
                  % (round_number, mode, resume, turns, read), flush=True)
            await client.request("thread/unsubscribe", {"threadId": thread_id})
            await asyncio.sleep(0.3)  # the unsubscribed thread is unloaded before the next resume
    await client.close()


if __name__ == "__main__":
    asyncio.run(main())
