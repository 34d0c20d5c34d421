#!/usr/bin/env python3
"""aioice (the ICE of aiortc) as the peer of a BrookICE agent on 127.0.0.1, driven over stdin/stdout.

Usage: ice_aioice_peer.py controlling|controlled [ipv4|ipv6]
Prints {"ufrag", "pwd", "candidates"} once gathered; reads the same from stdin; connects; then sends
b"hello from aioice" every 100 ms while waiting for one datagram, and prints {"connected": ...},
{"received": hex} and {"done": true}.
"""
import asyncio
import json
import sys

import aioice
import aioice.ice

# aioice skips loopback when listing host addresses (PEERS.md): offer loopback only.
IPV6 = len(sys.argv) > 2 and sys.argv[2] == "ipv6"
aioice.ice.get_host_addresses = lambda use_ipv4, use_ipv6: ["::1" if IPV6 else "127.0.0.1"]


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


async def main():
    controlling = sys.argv[1] == "controlling"
    connection = aioice.Connection(ice_controlling=controlling, components=1, use_ipv4=not IPV6, use_ipv6=IPV6)
    await connection.gather_candidates()
    emit({
        "ufrag": connection.local_username,
        "pwd": connection.local_password,
        "candidates": [c.to_sdp() for c in connection.local_candidates],
    })
    line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    remote = json.loads(line)
    connection.remote_username = remote["ufrag"]
    connection.remote_password = remote["pwd"]
    for sdp in remote["candidates"]:
        await connection.add_remote_candidate(aioice.Candidate.from_sdp(sdp.removeprefix("candidate:")))
    await connection.add_remote_candidate(None)
    await asyncio.wait_for(connection.connect(), 20)
    emit({"connected": True})

    async def sender():
        for _ in range(50):
            await connection.send(b"hello from aioice")
            await asyncio.sleep(0.1)

    task = asyncio.create_task(sender())
    data = await asyncio.wait_for(connection.recv(), 10)
    emit({"received": data.hex()})
    await task
    await connection.close()
    emit({"done": True})


asyncio.run(main())
