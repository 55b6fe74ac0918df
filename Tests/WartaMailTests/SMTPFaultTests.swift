import Foundation
import SMTPTestSupport
import Testing
import WartaMail

/// Servers that misbehave: they stall, hang up, or are not there. Timeouts are short; the test waits for the
/// client's own deadline, never for a sleep.
@Suite struct SMTPFaultTests {
    static let short = SMTPConfiguration.Timeouts(
        connect: .seconds(2), greeting: .milliseconds(300), command: .seconds(2), dataEnd: .milliseconds(300))

    @discardableResult
    static func send(port: Int, timeouts: SMTPConfiguration.Timeouts = .init()) async throws -> SMTPDelivery {
        let configuration = SMTPConfiguration(
            host: "127.0.0.1", port: port, security: .starttlsOff, timeouts: timeouts)
        let client = SMTPClient(configuration: configuration)
        do {
            let from = try MailAddress("a@x.example")
            let to = try MailAddress("b@x.example")
            let delivery = try await client.send(Array("Subject: x\r\n\r\ny\r\n".utf8), from: from, to: [to])
            await client.close()
            return delivery
        } catch {
            await client.close()
            throw error
        }
    }

    @Test("STALL: a server that accepts and never greets times out as a transient greeting failure")
    func stalledGreetingTimesOut() async throws {
        let server = try SMTPTestServer(.init(mode: "stall"))
        defer { server.stop() }
        let error = await #expect(throws: SMTPError(.greeting, .timeout)) {
            try await Self.send(port: server.port, timeouts: Self.short)
        }
        #expect(error?.isTransient == true)
    }

    @Test func greeting421IsTransient() async throws {
        let server = try SMTPTestServer(.init(mode: "greeting421"))
        defer { server.stop() }
        let error = await #expect(throws: SMTPError.self) { try await Self.send(port: server.port) }
        #expect(error?.stage == .greeting)
        #expect(error?.reply?.code == 421 && error?.reply?.enhancedCode == "4.3.2")
        #expect(error?.isTransient == true)
    }

    @Test func nobodyListeningIsATransientConnectFailure() async throws {
        // A port the test server held and released: nothing listens there any more.
        let server = try SMTPTestServer(.init(mode: "greeting421"))
        server.stop()
        let error = await #expect(throws: SMTPError.self) { try await Self.send(port: server.port) }
        #expect(error?.stage == .connect)
        #expect(error?.isTransient == true)
    }

    @Test("STALL: a server that takes the message and never answers the final dot times out at dataEnd")
    func stalledDataEndTimesOut() async throws {
        let server = try SMTPTestServer(.init(mode: "stallAtDataEnd"))
        defer { server.stop() }
        await #expect(throws: SMTPError(.dataEnd, .timeout)) {
            try await Self.send(port: server.port, timeouts: Self.short)
        }
    }

    @Test("STALL: a server that greets and then never answers EHLO times out at the ehlo stage")
    func stalledCommandTimesOut() async throws {
        let server = try SMTPTestServer(.init(mode: "stallAfterGreeting"))
        defer { server.stop() }
        var timeouts = Self.short
        timeouts.command = .milliseconds(300)
        await #expect(throws: SMTPError(.ehlo, .timeout)) { try await Self.send(port: server.port, timeouts: timeouts) }
    }

    @Test func serverWithoutEHLOGetsHELO() async throws {
        let server = try SMTPTestServer(.init(mode: "helo"))
        defer { server.stop() }
        let delivery = try await Self.send(port: server.port)
        #expect(delivery.accepted.count == 1 && delivery.dataReply?.code == 250)
    }

    @Test func garbageInsteadOfAGreetingIsAMalformedReply() async throws {
        let server = try SMTPTestServer(.init(mode: "garbage"))
        defer { server.stop() }
        let error = await #expect(throws: SMTPError.self) { try await Self.send(port: server.port) }
        #expect(error?.stage == .greeting && error?.isTransient == true)
        if case .malformedReply = error?.reason {} else { Issue.record("got \(String(describing: error))") }
    }

    @Test func connectionDroppedDuringDataIsTransient() async throws {
        let server = try SMTPTestServer(.init(mode: "dropInData"))
        defer { server.stop() }
        await #expect(throws: SMTPError(.dataEnd, .connectionLost)) { try await Self.send(port: server.port) }
    }

    @Test func serverThatHangsUpBetweenMessagesGetsANewConnection() async throws {
        let server = try SMTPTestServer(.init(mode: "closeAfterMessage"))
        defer { server.stop() }
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: server.port, security: .starttlsOff)
        let client = SMTPClient(configuration: configuration)
        let from = try MailAddress("a@x.example")
        let to = [try MailAddress("b@x.example")]
        for _ in 0..<3 {
            let delivery = try await client.send(Array("Subject: x\r\n\r\ny\r\n".utf8), from: from, to: to)
            #expect(delivery.accepted == to)
        }
        await client.close()
    }

    @Test func eightBitMessageNeedsAServerThatOffers8BITMIME() async throws {
        let server = try SMTPTestServer(.init(mode: "basic"))
        defer { server.stop() }
        let configuration = SMTPConfiguration(host: "127.0.0.1", port: server.port, security: .starttlsOff)
        let client = SMTPClient(configuration: configuration)
        let from = try MailAddress("a@x.example")
        let to = [try MailAddress("b@x.example")]
        await #expect(throws: SMTPError(.mail, .eightBitMIMENotOffered)) {
            try await client.send(Array("Subject: x\r\n\r\nCafé\r\n".utf8), from: from, to: to)
        }
        let delivery = try await client.send(Array("Subject: x\r\n\r\nCafe\r\n".utf8), from: from, to: to)
        await client.close()
        #expect(delivery.accepted == to)
    }
}
