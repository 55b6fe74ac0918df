import Foundation
import Testing

@testable import WartaMail

@Suite struct FeedbackReaderTests {
    @Test func postfixUserUnknownIsAHardBounceNamingTheMessage() throws {
        let result = try FeedbackSamples.reader().read(FeedbackSamples.postfixUserUnknown())
        let event = try #require(result.events.first)
        #expect(result.events.count == 1)
        #expect(event.kind == .hardBounce)
        #expect(event.recipient?.description == "tidak.ada@pembaca.example")
        #expect(event.messageID == FeedbackSamples.firstID)
        #expect(event.messageIDIsVerified)
        #expect(event.originalMessageID == "5f0c9e1a2b3c4d5e6f708192a3b4c5d6@kabar.example")
        #expect(event.action == "failed")
        #expect(event.status == "5.1.1")
        #expect(
            event.diagnostic
                == "550 5.1.1 <tidak.ada@pembaca.example>: Recipient address rejected: User unknown in virtual mailbox table"
        )
    }

    @Test func delayedReportIsASoftBounceAndTheUppercasedVERPAddressStillCounts() throws {
        let event = try #require(try FeedbackSamples.reader().read(FeedbackSamples.postfixDelayed()).events.first)
        #expect(event.kind == .softBounce)
        #expect(event.action == "delayed")
        #expect(event.status == "4.4.1")
        #expect(event.recipient?.description == "budi@lambat.example")
        #expect(event.messageID == FeedbackSamples.secondID)
        #expect(event.messageIDIsVerified)
        #expect(event.diagnostic?.hasSuffix("Connection timed out") == true)
    }

    @Test func severalRecipientsGiveOneEventPerFailure() throws {
        let events = try FeedbackSamples.reader().read(FeedbackSamples.mixedRecipients()).events
        #expect(events.map(\.kind) == [.hardBounce, .softBounce])
        #expect(events.map { $0.recipient?.description } == ["penuh@pembaca.example", "abu@grey.example"])
        #expect(events.map(\.status) == ["5.2.2", "4.7.1"])
        #expect(events.allSatisfy { $0.messageID == FeedbackSamples.firstID && $0.messageIDIsVerified })
    }

    @Test func exchangeReportWithBase64PartsIsReadAndTrustsTheTaggedHeader() throws {
        let event = try #require(try FeedbackSamples.reader().read(FeedbackSamples.exchangeBase64()).events.first)
        #expect(event.kind == .hardBounce)
        #expect(event.recipient?.description == "Siti.Rahma@pembaca.example")
        #expect(event.status == "5.1.10")
        #expect(event.diagnostic?.hasPrefix("550 5.1.10 RESOLVER.ADR.RecipientNotFound;") == true)
        #expect(event.messageID == FeedbackSamples.secondID)
        #expect(event.messageIDIsVerified)
        #expect(event.originalMessageID == "aa11bb22cc33dd44@kabar.example")
    }

    @Test func complaintNamesRecipientAndMessageFromTheReturnedOriginal() throws {
        let event = try #require(try FeedbackSamples.reader().read(FeedbackSamples.complaint()).events.first)
        #expect(event.kind == .complaint)
        #expect(event.recipient?.description == "rina@pembaca.example")
        #expect(event.messageID == FeedbackSamples.firstID)
        #expect(event.messageIDIsVerified)
        #expect(event.originalMessageID == "5f0c9e1a2b3c4d5e6f708192a3b4c5d6@kabar.example")
        #expect(event.diagnostic == "abuse")
        #expect(event.status == nil)
    }

    @Test func complaintWithoutOriginalRcptToFallsBackToTheReturnedTo() throws {
        let events = try FeedbackSamples.reader().read(FeedbackSamples.complaint(rcptTo: false)).events
        #expect(events.map { $0.recipient?.description } == ["rina@pembaca.example"])
    }

    @Test func notSpamFeedbackIsNoComplaint() throws {
        let result = try FeedbackSamples.reader().read(FeedbackSamples.complaint(feedbackType: "not-spam"))
        #expect(result == .ignored(.notAComplaint(feedbackType: "not-spam")))
    }

    @Test func eximPlainBounceIsAHardBounce() throws {
        let event = try #require(try FeedbackSamples.reader().read(FeedbackSamples.eximPlainBounce()).events.first)
        #expect(event.kind == .hardBounce)
        #expect(event.recipient?.description == "hilang@pembaca.example")
        #expect(event.status == "5.1.1")
        #expect(event.diagnostic?.hasPrefix("550 5.1.1 <hilang@pembaca.example>") == true)
        #expect(event.messageID == FeedbackSamples.firstID)
    }

    @Test func vacationReplyAndPlainMailGiveNoEvent() throws {
        let reader = try FeedbackSamples.reader()
        #expect(reader.read(try FeedbackSamples.vacation()) == .ignored(.autoReply))
        let plain = FeedbackSamples.crlf(
            "From: rina@pembaca.example\nTo: redaksi@kabar.example\nSubject: Halo\n\nTerima kasih.")
        #expect(reader.read(plain) == .ignored(.notAReport))
    }

    @Test func untaggedHeaderIdIsReportedButNotVerified() throws {
        let tagged = try FeedbackSamples.verp().token(for: FeedbackSamples.secondID)
        let text = String(decoding: try FeedbackSamples.exchangeBase64(), as: UTF8.self)
            .replacingOccurrences(of: tagged, with: FeedbackSamples.secondID.uppercased())
        let event = try #require(try FeedbackSamples.reader().read(Array(text.utf8)).events.first)
        #expect(event.messageID == FeedbackSamples.secondID)
        #expect(!event.messageIDIsVerified)
    }

    @Test func forgedVERPAddressNamesNoMessage() throws {
        let genuine = try FeedbackSamples.returnPath()
        let at = try #require(genuine.firstIndex(of: "@"))
        let lastTagCharacter = genuine[genuine.index(before: at)]
        let forged = genuine[..<genuine.index(before: at)] + (lastTagCharacter == "a" ? "b" : "a") + genuine[at...]
        let text = String(decoding: try FeedbackSamples.postfixUserUnknown(), as: UTF8.self)
            .replacingOccurrences(of: genuine, with: forged)
        let event = try #require(try FeedbackSamples.reader().read(Array(text.utf8)).events.first)
        #expect(event.kind == .hardBounce)
        #expect(event.messageID == nil)
        #expect(!event.messageIDIsVerified)
    }

    @Test func reportFieldsNameTheMessageWhenTheReportWasNotDeliveredToTheVERPAddress() throws {
        let verp = try FeedbackSamples.returnPath()
        let reader = try FeedbackSamples.reader()
        // Postfix: no Delivered-To or To with the VERP address, no Return-Path in the returned headers.
        let postfix = String(decoding: try FeedbackSamples.postfixUserUnknown(), as: UTF8.self)
            .replacingOccurrences(of: "Delivered-To: \(verp)\n", with: "")
            .replacingOccurrences(of: "To: \(verp)\n", with: "To: postmaster@kabar.example\n")
            .replacingOccurrences(of: "Return-Path: <\(verp)>\n", with: "")
        #expect(postfix.components(separatedBy: verp).count == 2)  // only X-Postfix-Sender is left
        let bounce = try #require(reader.read(Array(postfix.utf8)).events.first)
        #expect(bounce.messageID == FeedbackSamples.firstID && bounce.messageIDIsVerified)
        // ARF: only Original-Mail-From names the Return-Path.
        let arf = String(decoding: try FeedbackSamples.complaint(), as: UTF8.self)
            .replacingOccurrences(of: "Return-Path: <\(verp)>\r\n", with: "")
        let complaint = try #require(reader.read(Array(arf.utf8)).events.first)
        #expect(complaint.messageID == FeedbackSamples.firstID && complaint.messageIDIsVerified)
        // A DSN whose only reference is the ENVID the message was sent with.
        let token = try FeedbackSamples.verp().token(for: FeedbackSamples.secondID)
        let envid =
            "Content-Type: message/delivery-status\n\nOriginal-Envelope-Id: \(token)\n\n"
            + "Final-Recipient: rfc822; a@b.example\nAction: failed\nStatus: 5.1.1\n"
        let byEnvelope = try #require(reader.read(Array(envid.utf8)).events.first)
        #expect(byEnvelope.messageID == FeedbackSamples.secondID && byEnvelope.messageIDIsVerified)
    }
}
