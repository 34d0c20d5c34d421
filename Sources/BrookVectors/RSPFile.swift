/// A reader for NIST CAVP response files (`.rsp`, `.txt`, `.fax`) and for the transcribed vectors in
/// this repository's `Vectors/`, which use the same layout:
///
///     # comment
///     [section]            (optional; applies to the records that follow)
///     Name = value
///     Name = value
///     <blank line ends a record>
///
/// A bare word on a line (CAVP's `FAIL`) is kept as a field whose value is empty.
public struct RSPFile: Sendable {
    public struct Record: Sendable {
        /// The `[...]` headers in force for this record, in order (e.g. `["P-256,SHA-256"]` or
        /// `["Keylen = 128", "IVlen = 96"]`).
        public var sections: [String]
        /// Fields in file order; names may repeat only in malformed files (the last one wins in `self[_]`).
        public var fields: [(name: String, value: String)]
        /// The 1-based line of the record's first field.
        public var line: Int

        public subscript(name: String) -> String? {
            fields.last(where: { $0.name == name })?.value
        }

        public func has(_ name: String) -> Bool { fields.contains { $0.name == name } }

        /// A hex field as bytes; nil when absent or malformed.
        public func bytes(_ name: String) -> [UInt8]? {
            guard let value = self[name] else { return nil }
            return Hex.decode(value)
        }

        /// An integer field; nil when absent or not a decimal number.
        public func int(_ name: String) -> Int? {
            guard let value = self[name] else { return nil }
            return Int(value)
        }

        /// The value of `Name = value` inside one of this record's section headers (`[Keylen = 128]`).
        public func sectionValue(_ name: String) -> String? {
            for section in sections.reversed() {
                let parts = section.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingWhitespace() == name {
                    return String(parts[1].trimmingWhitespace())
                }
            }
            return nil
        }
    }

    public var records: [Record]

    public init(text: String) {
        var records: [Record] = []
        var sections: [String] = []
        var sectionsClosed = true
        var current: Record?
        var lineNumber = 0
        func flush() {
            if let r = current, !r.fields.isEmpty { records.append(r) }
            current = nil
        }
        // Split on LF bytes: the CAVP files use CRLF, which Swift counts as one Character.
        for rawBytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let rawLine = String(decoding: rawBytes, as: UTF8.self)
            lineNumber += 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty { flush(); continue }
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                flush()
                // Consecutive headers accumulate; a header after records starts a new set.
                if sectionsClosed { sections = []; sectionsClosed = false }
                sections.append(String(line.dropFirst().dropLast()))
                continue
            }
            sectionsClosed = true
            if current == nil { current = Record(sections: sections, fields: [], line: lineNumber) }
            if let eq = line.firstIndex(of: "=") {
                let name = line[..<eq].trimmingWhitespace()
                let value = line[line.index(after: eq)...].trimmingWhitespace()
                current!.fields.append((String(name), String(value)))
            } else {
                current!.fields.append((String(line), ""))
            }
        }
        flush()
        self.records = records
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> Substring {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\r" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s = s.dropLast() }
        return s
    }
}
