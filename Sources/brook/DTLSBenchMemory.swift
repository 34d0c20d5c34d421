import BrookDTLS
import CMallocInfo

/// Live heap bytes per connection: the allocator's bytes in use (glibc's mallinfo2 `uordblks` +
/// `hblkhd`, or ASan's allocator statistics under AddressSanitizer; the bench is single-threaded)
/// with `pairs` client–server pairs alive, minus the same figure before them, per connection.
enum DTLSBenchMemory {
    static func heapInUse() -> Int {
        Int(brook_heap_in_use())
    }

    /// Bytes per connection mid-handshake (each server awaiting the client's final flight, each
    /// client holding it) and once established.
    static func measure(_ identities: DTLSBenchIdentities, pairs: Int) -> (handshaking: Int, established: Int) {
        var held: [DTLSBenchPair<BrookCryptoProvider>] = []
        held.reserveCapacity(pairs)
        let base = heapInUse()
        for _ in 0..<pairs {
            var pair = DTLSBenchPair<BrookCryptoProvider>(client: identities.client, server: identities.server)
            pair.run(rounds: 2)  // ClientHello, HelloVerifyRequest, ClientHello, server flight: flight 5 waits
            held.append(pair)
        }
        let handshaking = (heapInUse() - base) / (2 * pairs)
        for index in held.indices { held[index].run() }
        let established = (heapInUse() - base) / (2 * pairs)
        withExtendedLifetime(held) {}
        return (handshaking, established)
    }
}
