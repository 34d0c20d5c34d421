// The BrookICE row of `brook bench` (issue 6): Binding requests handled per second by a Sans-IO ICE
// agent — parse, MESSAGE-INTEGRITY and FINGERPRINT checks, signed response — as a key-operation row:
//   {"op": "stun-binding", "impl": "brook", "ops_per_s": 123456.7}
// No reference program measures it.

enum STUNBenchSuite: BenchSuite {
    static var cases: [BenchCase] {
        [
            BenchCase("stun-binding") {
                let bench = try STUNBindingBench()
                return { n in try bench.run(n) }
            },
        ]
    }
}
