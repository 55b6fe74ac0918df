import Foundation
import Testing

/// Golden-file snapshots of rendered pages, one tag per line so a change in output reads well in review.
/// A missing file, or `WARTA_RECORD_SNAPSHOTS=1`, writes the file and fails the test so recording is deliberate.
func expectSnapshot(_ html: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    var folder = URL(fileURLWithPath: #filePath)
    folder.deleteLastPathComponent()
    folder.deleteLastPathComponent()
    let file = folder.appendingPathComponent("Snapshots/\(name).html")
    let readable = html.replacingOccurrences(of: "><", with: ">\n<") + "\n"
    let recording = ProcessInfo.processInfo.environment["WARTA_RECORD_SNAPSHOTS"] == "1"
    guard !recording, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        try readable.write(to: file, atomically: true, encoding: .utf8)
        Issue.record(
            "recorded snapshot \(file.lastPathComponent); run again to compare", sourceLocation: sourceLocation)
        return
    }
    #expect(readable == expected, "snapshot \(name) differs", sourceLocation: sourceLocation)
}
