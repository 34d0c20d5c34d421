#!/usr/bin/env python3
"""Where a DTLS handshake's time goes, measured inside real handshakes rather than in hot loops.

`brook dtls bench` sets each handshake beside the crypto it needs, each crypto part timed on its own
in a hot loop; the difference is the protocol's overhead. Crypto runs a little slower inside a
handshake than in a loop of itself (colder caches), so that figure counts the difference as protocol
time. This tool takes the other view: it samples `brook dtls bench`'s first loop of handshakes
(x25519, AES-128-GCM, both sides in one process) with `perf record` and attributes each sample
whose stack passes through BrookCrypto (or a BrookCryptoProvider call, or getrandom) to crypto,
every other one to the protocol.

    swift build -c release --product brook
    Benchmarks/handshake_profile.py [--seconds 12] [--top 25]

Needs `perf` (Debian: linux-perf) and frame pointers (Swift keeps them on Linux). The machine has
no PMU in many VMs: the cpu-clock software event is used. Prints the crypto/protocol split, the
crypto operations with their microseconds per handshake, and the protocol functions that hold the
most samples (inclusive, crypto excluded). Figures move by a few tenths of a point between runs.
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

RUN = "$s5brook16DTLSBenchCommandV3runyyKF"  # DTLSBenchCommand.run(), whose first loop is timed here
OTHER_PHASES = ("BenchStopwatch", "HandshakeCrypto", "throughput", "Memory")  # the later rows of the bench


def is_crypto(symbol):
    return (symbol.startswith("$s11BrookCrypto") or symbol.startswith("$s9BrookDTLS0A14CryptoProviderO")
            or "getrandom" in symbol)


def samples(script_output):
    stack = []
    for line in script_output.splitlines():
        line = line.strip()
        if not line:
            if stack:
                yield stack
            stack = []
            continue
        match = re.match(r"\S+ (.*) \((.*)\)$", line)
        if match:
            stack.append(match.group(1))
    if stack:
        yield stack


def demangle(names):
    result = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(names),
                            capture_output=True, text=True, check=True)
    return dict(zip(names, result.stdout.split("\n")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=12, help="seconds of sampling (default 12)")
    parser.add_argument("--top", type=int, default=25, help="protocol functions to list (default 25)")
    parser.add_argument("--brook", default=os.path.join(os.path.dirname(__file__), "../.build/release/brook"))
    arguments = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        data = os.path.join(scratch, "perf.data")
        # Enough handshakes that sampling stops inside the first loop.
        handshakes = str(int(arguments.seconds * 4000))
        subprocess.run(["timeout", str(arguments.seconds), "perf", "record", "-q", "-e", "cpu-clock", "-F", "2000",
                        "-g", "-o", data, arguments.brook, "dtls", "bench", "--handshakes", handshakes],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        script = subprocess.run(["perf", "script", "-i", data, "-F", "ip,sym,dso"], capture_output=True, text=True,
                                check=True).stdout

    handshake = [s for s in samples(script)
                 if RUN in s and not any(any(phase in frame for phase in OTHER_PHASES) for frame in s)]
    if not handshake:
        sys.exit("no samples inside the handshake loop (is brook a release build with symbols?)")
    crypto = [s for s in handshake if any(is_crypto(frame) for frame in s)]
    protocol = [s for s in handshake if not any(is_crypto(frame) for frame in s)]
    total = len(handshake)

    print(f"samples in handshakes: {total}; crypto {100 * len(crypto) / total:.1f} %, "
          f"protocol {100 * len(protocol) / total:.1f} %")

    operations = collections.Counter()
    for stack in crypto:
        outermost = next(frame for frame in reversed(stack) if is_crypto(frame))
        caller = stack[stack.index(outermost) + 1] if stack.index(outermost) + 1 < len(stack) else "?"
        operations[(outermost, caller)] += 1
    inclusive = collections.Counter()
    for stack in protocol:
        for frame in set(stack):
            inclusive[frame] += 1
    names = demangle(sorted({name for pair in operations for name in pair} | set(inclusive)))

    print("\ncrypto, by operation and its caller (share of handshake samples):")
    for (operation, caller), count in operations.most_common(16):
        print(f"  {100 * count / total:5.2f} %  {names[operation][:70]}  <- {names[caller][:60]}")
    print("\nprotocol, inclusive (share of handshake samples):")
    shown = 0
    for frame, count in inclusive.most_common():
        if frame == RUN or "brook_main" in frame or "libc_start" in frame or "ParsableCommand" in names[frame]:
            continue
        print(f"  {100 * count / total:5.2f} %  {names[frame][:110]}")
        shown += 1
        if shown == arguments.top:
            break


if __name__ == "__main__":
    main()
