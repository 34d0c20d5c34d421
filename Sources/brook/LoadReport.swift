import Foundation

/// One phase's figures: a line of text and a JSON object with the same fields.
struct LoadReport {
    enum Value {
        case int(Int)
        case double(Double)
        case bool(Bool)
        case string(String)

        var json: String {
            switch self {
            case .int(let value): "\(value)"
            case .double(let value): String(format: "%.3f", value)
            case .bool(let value): value ? "true" : "false"
            case .string(let value): "\"\(value)\""
            }
        }
    }

    let phase: String
    var fields: [(String, Value)] = []
    var text = ""

    init(phase: String) { self.phase = phase }

    mutating func add(_ name: String, _ value: Int) { fields.append((name, .int(value))) }
    mutating func add(_ name: String, _ value: Double) { fields.append((name, .double(value))) }
    mutating func add(_ name: String, _ value: Bool) { fields.append((name, .bool(value))) }
    mutating func add(_ name: String, _ value: String) { fields.append((name, .string(value))) }

    var json: String {
        "{" + ([("phase", Value.string(phase))] + fields).map { "\"\($0.0)\": \($0.1.json)" }.joined(separator: ", ") + "}"
    }
}

/// Nearest-rank percentile of sorted durations, in milliseconds.
func percentileMilliseconds(_ sorted: [Duration], _ fraction: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = max(0, min(sorted.count - 1, Int((fraction * Double(sorted.count)).rounded(.up)) - 1))
    return Double(sorted[rank].nanosecondsClamped) / 1e6
}

func mebibytes(_ kibibytes: Int) -> String { String(format: "%.1f MiB", Double(kibibytes) / 1024) }

/// `value` with `digits` decimals.
func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }
