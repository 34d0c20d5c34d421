@testable import BrookDTLS

// The record and fragment walks of BrookDTLS, collected into arrays for tests to index and count
// (the library iterates them in place).

extension RecordHeader {
    static func split(datagram: ArraySlice<UInt8>) -> [(header: RecordHeader, fragment: ArraySlice<UInt8>)] {
        Array(records(in: datagram))
    }
}

extension HandshakeFragment {
    static func parseAll(_ bytes: ArraySlice<UInt8>) throws(DTLSError) -> [HandshakeFragment] {
        Array(try fragments(in: bytes))
    }
}
