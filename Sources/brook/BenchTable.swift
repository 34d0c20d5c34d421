// The human report of `brook bench`: one line per row, Brook's figure, then each reference's figure
// with the ratio Brook ÷ reference (above 1: Brook is faster), then the issue's targets for the row.
import Foundation

struct BenchTable {
    let results: [BenchResult]

    /// References in report order, those measured only.
    var references: [String] {
        ["openssl", "openssl-nohw", "bearssl", "swift-crypto"].filter { impl in results.contains { $0.impl == impl } }
    }

    var rendered: String {
        let brookRows = results.filter { $0.impl == "brook" }
        var figures: [BenchRow: [String: Double]] = [:]
        for result in results { figures[result.row, default: [:]][result.impl] = result.rate }

        var header = ["op", "bytes", "unit", "brook"]
        for reference in references { header += [reference, "×"] }
        header.append("targets")
        var lines = [header]
        for brook in brookRows {
            let row = brook.row
            var line = [row.op, row.bytes.map(String.init) ?? "", row.unit, Self.figure(brook.rate, row)]
            for reference in references {
                if let theirs = figures[row]?[reference] {
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

    /// Each goal of the row whose reference was measured: `≥2× bearssl: 2.31× ok` or `… MISSED`.
    private func targets(_ row: BenchRow, brook: Double, figures: [String: Double]) -> String {
        BenchTargets.goals(for: row).compactMap { goal in
            guard let theirs = figures[goal.reference], theirs > 0 else { return nil }
            let reached = brook / theirs >= goal.ratio
            return "\(goal.label): \(reached ? "ok" : (goal.kind == .minimum ? "MISSED" : "not yet"))"
        }.joined(separator: "; ")
    }

    static func figure(_ rate: Double, _ row: BenchRow) -> String {
        String(format: row.bytes == nil ? "%.0f" : "%.1f", rate)
    }

    static func ratio(_ ours: Double, _ theirs: Double) -> String {
        theirs > 0 ? String(format: "%.2f×", ours / theirs) : "—"
    }

    /// Left-aligned text columns, right-aligned figures.
    static func aligned(_ lines: [[String]]) -> String {
        let count = lines.map(\.count).max() ?? 0
        let widths = (0..<count).map { column in lines.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0 }
        return lines.map { line in
            line.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 || column == line.count - 1 ? cell + pad : pad + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
