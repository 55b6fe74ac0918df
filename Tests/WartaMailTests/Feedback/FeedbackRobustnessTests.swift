import Foundation
import Testing

@testable import WartaMail

/// Broken and hostile input: every case ends with a clear result, never a crash or a hang.
@Suite struct FeedbackRobustnessTests {
    static func junk(count: Int, seed: UInt64) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        var bytes = [UInt8](repeating: 0, count: count)
        for index in stride(from: 0, to: count, by: 8) {
            let word = generator.next()
            for offset in 0..<min(8, count - index) {
                bytes[index + offset] = UInt8(truncatingIfNeeded: word >> (8 * offset))
            }
        }
        return bytes
    }

    @Test func emptyInputAndTextWithoutHeaderAreNotMessages() throws {
        let reader = try FeedbackSamples.reader()
        #expect(reader.read([]) == .ignored(.notAMessage))
        #expect(reader.read(Array("hanya teks biasa\ntanpa header\n".utf8)) == .ignored(.notAMessage))
        #expect(reader.read([0, 0, 0, 255, 254, 10, 10]) == .ignored(.notAMessage))
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomBytesGiveNoEvent(seed: UInt64) throws {
        let result = try FeedbackSamples.reader().read(Self.junk(count: 64 * 1024, seed: seed))
        #expect(result.events.isEmpty)
    }

    @Test func tenMegabytesOfJunkAfterAReportHeaderGiveAClearResult() throws {
        let head = Array("Content-Type: multipart/report; report-type=delivery-status; boundary=x\n\n--x\n".utf8)
        let result = try FeedbackSamples.reader().read(head + Self.junk(count: 10 * 1024 * 1024, seed: 42))
        #expect(result == .ignored(.unreadableReport(reportType: "delivery-status")))
    }

    @Test func tenMegabytesOfPlainJunkGiveNoEvent() throws {
        let result = try FeedbackSamples.reader().read(Self.junk(count: 10 * 1024 * 1024, seed: 7))
        guard case .ignored = result else {
            Issue.record("junk gave \(result)")
            return
        }
    }

    @Test func messagesOverTheLimitAreNotParsed() throws {
        let message = try FeedbackSamples.postfixUserUnknown()
        let result = try FeedbackSamples.reader(maxMessageBytes: 1000).read(message)
        #expect(result == .ignored(.tooLarge(bytes: message.count, limit: 1000)))
    }

    @Test func truncatedReportStillYieldsTheRecipientItReached() throws {
        let full = String(decoding: try FeedbackSamples.postfixUserUnknown(), as: UTF8.self)
        let cut = try #require(full.range(of: "Status: 5.1.1\n"))
        let event = try #require(try FeedbackSamples.reader().read(Array(full[..<cut.upperBound].utf8)).events.first)
        #expect(event.kind == .hardBounce)
        #expect(event.status == "5.1.1")
        #expect(event.recipient?.description == "tidak.ada@pembaca.example")
    }

    @Test func truncatedBeforeTheStatusPartIsUnreadable() throws {
        let full = String(decoding: try FeedbackSamples.postfixUserUnknown(), as: UTF8.self)
        let cut = try #require(full.range(of: "Content-Description: Delivery report"))
        let result = try FeedbackSamples.reader().read(Array(full[..<cut.lowerBound].utf8))
        #expect(result == .ignored(.unreadableReport(reportType: "delivery-status")))
    }

    @Test func reportWithoutBoundaryIsUnreadable() throws {
        let text = String(decoding: try FeedbackSamples.postfixUserUnknown(), as: UTF8.self)
            .replacingOccurrences(of: "boundary=\"8C1D02A3F4.1796690000/mx1.kabar.example\"", with: "charset=x")
        let result = try FeedbackSamples.reader().read(Array(text.utf8))
        #expect(result == .ignored(.unreadableReport(reportType: "delivery-status")))
    }

    @Test func deeplyNestedMultipartsStopAtTheDepthLimit() throws {
        var message = "Content-Type: multipart/mixed; boundary=b0\n\n"
        for depth in 1...200 { message += "--b\(depth - 1)\nContent-Type: multipart/mixed; boundary=b\(depth)\n\n" }
        message +=
            "--b200\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@b.example\nAction: failed\n"
        let result = try FeedbackSamples.reader().read(Array(message.utf8))
        #expect(result == .ignored(.notAReport))
    }

    @Test func manyPartsStopAtThePartLimit() {
        let message = "Content-Type: multipart/mixed; boundary=p\n\n" + String(repeating: "--p\n\nx\n", count: 100_000)
        let entity = MIMEEntity(message: Array(message.utf8)[...])
        #expect(entity.children.count == MIMEEntity.maxParts)
    }

    @Test func statusPartWithoutRecipientsIsUnreadableAndOneWithOnlyDeliveriesHasNoFailures() throws {
        let reader = try FeedbackSamples.reader()
        func report(_ status: String) -> [UInt8] {
            Array(
                ("From: mailer-daemon@x.example\nContent-Type: multipart/report; report-type=delivery-status; boundary=q\n\n"
                    + "--q\nContent-Type: message/delivery-status\n\n\(status)\n--q--\n").utf8)
        }
        #expect(
            reader.read(report("Reporting-MTA: dns; x.example\n"))
                == .ignored(.unreadableReport(reportType: "delivery-status")))
        let delivered =
            "Reporting-MTA: dns; x.example\n\nFinal-Recipient: rfc822; a@b.example\nAction: delivered\nStatus: 2.0.0\n"
        #expect(reader.read(report(delivered)) == .ignored(.noFailures))
    }

    @Test func statusWithoutActionAndGarbageStatusAreReadByClass() throws {
        let message = """
            Content-Type: message/delivery-status

            Final-Recipient: rfc822; a@b.example
            Status: 5.7.1

            Final-Recipient: rfc822; c@d.example
            Action: failed
            Status: banana
            """
        let events = try FeedbackSamples.reader().read(Array(message.utf8)).events
        #expect(events.map(\.kind) == [.hardBounce, .hardBounce])
        #expect(events.map(\.status) == ["5.7.1", nil])
    }
}
