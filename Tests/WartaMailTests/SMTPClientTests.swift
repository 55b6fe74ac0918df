import Foundation
import SMTPTestSupport
import Testing
import WartaMail

/// Against a real aiosmtpd started per test (see SMTPTestServer).
@Suite struct SMTPClientTests {
    static let senderText = "redaksi@kabar.example"
    static let message = Array("From: redaksi@kabar.example\nSubject: Banjir\n\n.titik di awal\nIsi berita.\n".utf8)

    static func address(_ text: String) throws -> MailAddress { try MailAddress(text) }

    static func plain(_ server: SMTPTestServer) -> SMTPConfiguration {
        SMTPConfiguration(host: "127.0.0.1", port: server.port, security: .starttlsOff, heloName: "warta.test")
    }

    @Test(arguments: [true, false])
    func recipientsAreAcceptedOrRefusedOneByOne(pipelining: Bool) async throws {
        let server = try SMTPTestServer(.init(pipelining: pipelining))
        defer { server.stop() }
        let client = SMTPClient(configuration: Self.plain(server))
        let recipients = try ["rina@x.example", "refuse@x.example", "later@x.example", "dodi@x.example"].map {
            try MailAddress($0)
        }
        let delivery = try await client.send(Self.message, from: try MailAddress(Self.senderText), to: recipients)
        await client.close()

        #expect(delivery.accepted == [recipients[0], recipients[3]])
        #expect(delivery.refused.map(\.recipient) == [recipients[1], recipients[2]])
        #expect(delivery.refused.map(\.reply.code) == [550, 451])
        #expect(delivery.refused.map(\.reply.enhancedCode) == ["5.1.1", "4.3.0"])
        #expect(delivery.refused.map(\.isTransient) == [false, true])
        #expect(delivery.dataReply?.code == 250)
        let received = try #require(try server.received().first)
        #expect(received.mailFrom == "redaksi@kabar.example")
        #expect(received.rcptTos == ["rina@x.example", "dodi@x.example"])
        #expect(received.mailOptions.contains { $0.hasPrefix("SIZE=") })
        // The server unstuffs the dot; bare LFs arrived as CR LF.
        #expect(
            received.data == "From: redaksi@kabar.example\r\nSubject: Banjir\r\n\r\n.titik di awal\r\nIsi berita.\r\n")
    }

    @Test func allRecipientsRefusedSendsNoData() async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let client = SMTPClient(configuration: Self.plain(server))
        let delivery = try await client.send(
            Self.message, from: try MailAddress(Self.senderText), to: [try MailAddress("refuse@x.example")])
        #expect(delivery.accepted.isEmpty && delivery.dataReply == nil && delivery.refused.count == 1)
        // The connection stays usable for the next message.
        let next = try await client.send(
            Self.message, from: try MailAddress(Self.senderText), to: [try MailAddress("rina@x.example")])
        await client.close()
        #expect(next.accepted.count == 1)
        #expect(try server.received().count == 1)
    }

    @Test(arguments: [true, false])
    func refusedSenderFailsTheMessageAndTheConnectionGoesOn(pipelining: Bool) async throws {
        let server = try SMTPTestServer(.init(pipelining: pipelining))
        defer { server.stop() }
        let client = SMTPClient(configuration: Self.plain(server))
        let to = [try MailAddress("rina@x.example")]
        let error = await #expect(throws: SMTPError.self) {
            try await client.send(Self.message, from: MailAddress("blocked@kabar.example"), to: to)
        }
        #expect(error?.stage == .mail && error?.reply?.enhancedCode == "5.7.1" && error?.isTransient == false)
        _ = try await client.send(Self.message, from: MailAddress(Self.senderText), to: to)
        _ = try await client.send(Self.message, from: MailAddress(Self.senderText), to: to)
        await client.close()
        let received = try server.received()
        #expect(received.count == 2 && received[0].peerPort == received[1].peerPort)
    }

    @Test func concurrentSendsOnOneClientTakeTurns() async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let client = SMTPClient(configuration: Self.plain(server))
        let from = try MailAddress(Self.senderText)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<5 {
                let to = [try MailAddress("pembaca\(index)@x.example")]
                group.addTask { _ = try await client.send(Self.message, from: from, to: to) }
            }
            try await group.waitForAll()
        }
        await client.close()
        let received = try server.received()
        #expect(Set(received.flatMap(\.rcptTos)) == Set((0..<5).map { "pembaca\($0)@x.example" }))
        #expect(Set(received.map(\.peerPort)).count == 1)
    }

    @Test func connectionIsReusedUpToItsLimit() async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        var configuration = Self.plain(server)
        configuration.messagesPerConnection = 2
        let client = SMTPClient(configuration: configuration)
        for name in ["a", "b", "c"] {
            _ = try await client.send(
                Self.message, from: try MailAddress(Self.senderText), to: [try MailAddress("\(name)@x.example")])
        }
        await client.close()
        let received = try server.received()
        #expect(received.map(\.rcptTos) == [["a@x.example"], ["b@x.example"], ["c@x.example"]])
        #expect(received[0].peerPort == received[1].peerPort)
        #expect(received[1].peerPort != received[2].peerPort)
    }

    @Test(arguments: [("451 4.3.0 try later", true), ("552 5.3.4 too big", false), ("421 4.3.2 bye", true)])
    func refusalAfterTheFinalDotFailsTheMessage(reply: String, transient: Bool) async throws {
        let server = try SMTPTestServer(.init(dataReply: reply))
        defer { server.stop() }
        let client = SMTPClient(configuration: Self.plain(server))
        let error = await #expect(throws: SMTPError.self) {
            try await client.send(
                Self.message, from: try MailAddress(Self.senderText), to: [try MailAddress("rina@x.example")])
        }
        await client.close()
        #expect(error?.stage == .dataEnd)
        #expect(error?.isTransient == transient)
        #expect(error?.reply?.text == String(reply.dropFirst(10)))
    }

    @Test func eightBitAndInternationalAddressesUseTheirExtensions() async throws {
        let server = try SMTPTestServer(.init(smtputf8: true))
        defer { server.stop() }
        let client = SMTPClient(configuration: Self.plain(server))
        let body = Array("Subject: Berita\r\n\r\nCafé de la Paix\r\n".utf8)
        _ = try await client.send(
            body, from: try MailAddress(Self.senderText), to: [try MailAddress("rédaction@exemple.fr")])
        await client.close()
        let received = try #require(try server.received().first)
        #expect(received.rcptTos == ["rédaction@exemple.fr"])
        #expect(received.mailOptions.contains("BODY=8BITMIME") && received.mailOptions.contains("SMTPUTF8"))
    }

    @Test func internationalAddressNeedsSMTPUTF8() async throws {
        let server = try SMTPTestServer()
        defer { server.stop() }
        let client = SMTPClient(configuration: Self.plain(server))
        await #expect(throws: SMTPError(.mail, .smtpUTF8NotOffered)) {
            try await client.send(
                Self.message, from: try MailAddress(Self.senderText), to: [try MailAddress("rédaction@exemple.fr")])
        }
        await client.close()
        #expect(try server.received().isEmpty)
    }

    @Test func messageOverTheServerSizeLimitIsRefusedBeforeSending() async throws {
        let server = try SMTPTestServer(.init(sizeLimit: 50))
        defer { server.stop() }
        let client = SMTPClient(configuration: Self.plain(server))
        await #expect(throws: SMTPError(.mail, .messageTooLarge(size: Self.message.count, limit: 50))) {
            try await client.send(
                Self.message, from: try MailAddress(Self.senderText), to: [try MailAddress("rina@x.example")])
        }
        await client.close()
    }
}
