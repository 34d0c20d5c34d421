import BrookDTLS
import BrookSansIO

/// A connected pair of fixed endpoints (DTLSFuzzFixture), one per cipher suite, and the records
/// the dtls-record target knows to be genuine: built once per process and copied per input
/// (`DTLSConnection` is a value).
///
/// The genuine records are what the sender really sealed after the handshake: eight application
/// data records of distinct lengths (so each plaintext names its record) and a close_notify. The
/// seeds in Fuzz/Corpus/dtls-record are made of these (`DTLSFuzzSeeds.record()`), since only the
/// holder of the keys can make records the receiver accepts.
struct DTLSRecordFixture {
    /// The endpoint the input goes to.
    let receiver: DTLSConnection
    /// The other endpoint right after the handshake, before it sealed anything: it reads the
    /// receiver's answer at the end of each input.
    let sender: DTLSConnection
    /// The plaintexts of the genuine data records, by index.
    let plaintexts: [[UInt8]]
    /// The genuine data records (one per datagram), by index, and their sequence numbers.
    let dataRecords: [[UInt8]]
    let dataSequences: [UInt64]
    /// A genuine close_notify (sealed by another copy of the sender, at the first data record's number).
    let closeRecord: [UInt8]
    /// A genuine record the sender seals after all the others: the check that the receiver still works.
    let afterRecord: [UInt8]
    static let afterPlaintext = Array("the real peer, after the fuzz input".utf8)
    static let replyPlaintext = Array("and the receiver's reply".utf8)
    /// What the sender sent during the handshake (replays of it must change nothing).
    let handshakeDatagrams: [[UInt8]]
    /// The highest epoch-1 sequence number the receiver accepted during the handshake.
    let handshakeHighestSequence: UInt64

    static let plaintextLengths = [0, 1, 13, 16, 17, 64, 300, 1200]

    /// Receivers by suite (DTLSCipherSuite.allCases order), the server first, then the client.
    nonisolated(unsafe) static let all: [DTLSRecordFixture]? = {
        var fixtures: [DTLSRecordFixture] = []
        for suite in DTLSCipherSuite.allCases {
            guard let pair = ConnectedPair(suite: suite) else { return nil }
            guard let toServer = DTLSRecordFixture(receiver: pair.server, sender: pair.client, handshake: pair.clientSent),
                  let toClient = DTLSRecordFixture(receiver: pair.client, sender: pair.server, handshake: pair.serverSent)
            else { return nil }
            fixtures += [toServer, toClient]
        }
        return fixtures
    }()

    /// The fixture for a mode byte: bit 0 picks the client as receiver, bits 1-2 the suite.
    static func forMode(_ mode: UInt8) -> DTLSRecordFixture? {
        guard let all else { return nil }
        let suite = Int(mode >> 1 & 3) % DTLSCipherSuite.allCases.count
        return all[suite * 2 + Int(mode & 1)]
    }

    private init?(receiver: DTLSConnection, sender: DTLSConnection, handshake: [[UInt8]]) {
        self.receiver = receiver
        self.sender = sender
        handshakeDatagrams = handshake
        handshakeHighestSequence = handshake.flatMap { WireRecord.split($0).records }
            .filter { $0.epoch == 1 }.map(\.sequence).max() ?? 0
        var sealer = sender
        plaintexts = Self.plaintextLengths.enumerated().map { index, length in
            [UInt8](repeating: UInt8(0x41 + index), count: length)
        }
        var records: [[UInt8]] = []
        for plaintext in plaintexts + [Self.afterPlaintext] {
            guard (try? sealer.send(plaintext)) != nil else { return nil }
            let datagrams = DTLSFuzzFixture.datagrams(&sealer)
            guard datagrams.count == 1 else { return nil }
            records.append(datagrams[0])
        }
        afterRecord = records.removeLast()
        dataRecords = records
        dataSequences = records.map { WireRecord.split($0).records[0].sequence }
        var closer = sender
        closer.close()
        guard let close = DTLSFuzzFixture.datagrams(&closer).first else { return nil }
        closeRecord = close
    }

    /// The index of the genuine data record `record` is, if it is one.
    func dataIndex(of record: ArraySlice<UInt8>) -> Int? {
        dataRecords.firstIndex { $0[...] == record }
    }
}

/// Two fixed endpoints that completed a handshake with each other at instant zero.
struct ConnectedPair {
    var client: DTLSConnection
    var server: DTLSConnection
    var clientSent: [[UInt8]] = []
    var serverSent: [[UInt8]] = []

    init?(suite: DTLSCipherSuite) {
        client = DTLSFuzzFixture.client()
        server = DTLSFuzzFixture.server(cipherSuites: [suite])
        for _ in 0..<16 {
            let toServer = DTLSFuzzFixture.datagrams(&client)
            clientSent += toServer
            for datagram in toServer { server.handle(datagram: datagram, now: .zero) }
            let toClient = DTLSFuzzFixture.datagrams(&server)
            serverSent += toClient
            for datagram in toClient { client.handle(datagram: datagram, now: .zero) }
            if toServer.isEmpty && toClient.isEmpty { break }
        }
        guard client.isConnected, server.isConnected, client.negotiatedParameters?.cipherSuite == suite else { return nil }
    }
}
