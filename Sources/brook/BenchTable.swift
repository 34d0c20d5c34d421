// The human report of `brook bench`: one line per row, Brook's figure, then each reference's figure
// with the ratio Brook ÷ reference (above 1: Brook is faster), then the issue's targets for the row.
// SRTP rows (issue 5) follow in a table of their own, with packets/s beside MB/s.
import Foundation

struct BenchTable {
    let results: [BenchResult]

    /// References in report order, those measured only.
    var references: [String] {
        ["openssl", "openssl-nohw", "bearssl", "swift-crypto"].filter { impl in results.contains { $0.impl == impl } }
    }

    /// The references of packet rows (issue 5), those measured only.
    var packetReferences: [String] {
        ["libsrtp2"].filter { impl in results.contains { $0.impl == impl && $0.row.profile != nil } }
    }

    /// The crypto rows, then (after a blank line) the packet rows, each table only when it has rows.
    var rendered: String {
        var figures: [BenchRow: [String: BenchResult]] = [:]
        for result in results { figures[result.row, default: [:]][result.impl] = result }
        let brookRows = results.filter { $0.impl == "brook" }
        let cryptoRows = brookRows.filter { $0.row.profile == nil }
        let packetRows = brookRows.filter { $0.row.profile != nil }
        return [
            cryptoRows.isEmpty ? nil : cryptoTable(cryptoRows, figures),
            packetRows.isEmpty ? nil : packetTable(packetRows, figures),
        ].compactMap { $0 }.joined(separator: "\n\n")
    }

    /// One line per row: Brook's figure, then each reference's figure and the ratio, then the targets.
    private func cryptoTable(_ brookRows: [BenchResult], _ figures: [BenchRow: [String: BenchResult]]) -> String {
        var header = ["op", "bytes", "unit", "brook"]
        for reference in references { header += [reference, "×"] }
        header.append("targets")
        var lines = [header]
        for brook in brookRows {
            let row = brook.row
            var line = [row.op, row.bytes.map(String.init) ?? "", row.unit, Self.figure(brook.rate, row)]
            for reference in references {
                if let theirs = figures[row]?[reference]?.rate {
                    line += [Self.figure(theirs, row), Self.ratio(brook.rate, theirs)]
                } else {
                    line += ["—", ""]
                }
            }
            line.append(targets(row, brook: brook.rate, figures: figures[row] ?? [:]))
            lines.append(line)
        }
        return Self.aligned(lines)
    }

    /// One line per SRTP row: packets/s and MB/s of payload for Brook and each reference, the ratio
    /// Brook ÷ reference (the same for both units), then the targets.
    private func packetTable(_ brookRows: [BenchResult], _ figures: [BenchRow: [String: BenchResult]]) -> String {
        var header = ["op", "profile", "bytes", "brook pkt/s", "MB/s"]
        for reference in packetReferences { header += ["\(reference) pkt/s", "MB/s", "×"] }
        header.append("targets")
        var lines = [header]
        for brook in brookRows {
            let row = brook.row
            var line = [row.op, row.profile ?? "", row.bytes.map(String.init) ?? "",
                        Self.packets(brook), Self.figure(brook.rate, row)]
            for reference in packetReferences {
                if let theirs = figures[row]?[reference] {
                    line += [Self.packets(theirs), Self.figure(theirs.rate, row), Self.ratio(brook.rate, theirs.rate)]
                } else {
                    line += ["—", "—", ""]
                }
            }
            line.append(targets(row, brook: brook.rate, figures: figures[row] ?? [:]))
            lines.append(line)
        }
        return Self.aligned(lines, textColumns: [0, 1])
    }

    /// Each goal of the row whose reference was measured: `≥2× bearssl: 2.31× ok` or `… MISSED`.
    private func targets(_ row: BenchRow, brook: Double, figures: [String: BenchResult]) -> String {
        BenchTargets.goals(for: row).compactMap { goal in
            guard let theirs = figures[goal.reference]?.rate, theirs > 0 else { return nil }
            let reached = brook / theirs >= goal.ratio
            return "\(goal.label): \(reached ? "ok" : (goal.kind == .minimum ? "MISSED" : "not yet"))"
        }.joined(separator: "; ")
    }

    static func figure(_ rate: Double, _ row: BenchRow) -> String {
        String(format: row.bytes == nil ? "%.0f" : "%.1f", rate)
    }

    static func packets(_ result: BenchResult) -> String {
        result.packetsPerSecond.map { String(format: "%.0f", $0) } ?? "—"
    }

    static func ratio(_ ours: Double, _ theirs: Double) -> String {
        theirs > 0 ? String(format: "%.2f×", ours / theirs) : "—"
    }

    /// Left-aligned text columns (`textColumns` and the last), right-aligned figures.
    static func aligned(_ lines: [[String]], textColumns: Set<Int> = [0]) -> String {
        let count = lines.map(\.count).max() ?? 0
        let widths = (0..<count).map { column in lines.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0 }
        return lines.map { line in
            line.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return textColumns.contains(column) || column == line.count - 1 ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
