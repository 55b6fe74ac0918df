import Foundation
import Testing

@testable import WartaMail

@Suite struct VERPAddressTests {
    @Test func addressRoundTripsForHexAndShortIDs() throws {
        let verp = try FeedbackSamples.verp()
        for id in [FeedbackSamples.firstID, "a", String(repeating: "z9", count: 20)] {
            let address = try verp.address(for: id)
            #expect(address.domain == "kabar.example")
            #expect(address.localPart.hasPrefix("bounces+\(id)-"))
            #expect(address.localPart.utf8.count <= 64)
            #expect(verp.messageID(from: address) == id)
            #expect(verp.messageID(from: "Return-Path: <\(address)>".dropFirst(13).description) == id)
        }
    }

    @Test func uuidsBecomeThirtyTwoHexDigitsAndBack() throws {
        let uuid = try #require(UUID(uuidString: "0F3C5A7E-9B1D-4C2F-8A6E-0D9C7B5A3F1E"))
        let verp = try FeedbackSamples.verp()
        let address = verp.address(for: uuid)
        #expect(try MailAddress(address.description) == address)
        #expect(address == (try verp.address(for: FeedbackSamples.firstID)))
        let id = try #require(verp.messageID(from: address))
        #expect(id == FeedbackSamples.firstID)
        #expect(VERPAddress.uuid(fromMessageID: id) == uuid)
        #expect(VERPAddress.uuid(fromMessageID: "abc") == nil)
    }

    @Test func caseFoldedAddressStillReads() throws {
        let verp = try FeedbackSamples.verp()
        let address = try verp.address(for: FeedbackSamples.firstID)
        #expect(verp.messageID(from: address.description.uppercased()) == FeedbackSamples.firstID)
        #expect(
            verp.messageID(from: try MailAddress("BOUNCES+" + address.localPart.dropFirst(8) + "@Kabar.Example"))
                == FeedbackSamples.firstID)
    }

    @Test func forgedOrMalformedAddressesAreRefused() throws {
        let verp = try FeedbackSamples.verp()
        let genuine = try verp.address(for: FeedbackSamples.firstID).localPart
        let otherKey = try VERPAddress(domain: "kabar.example", key: [UInt8](repeating: 1, count: 32))
        let tagOfAnotherID = try verp.token(for: FeedbackSamples.secondID).split(separator: "-")[1]
        let candidates = [
            try otherKey.address(for: FeedbackSamples.firstID).description,
            "bounces+\(FeedbackSamples.firstID)-\(tagOfAnotherID)@kabar.example",
            "bounces+\(FeedbackSamples.firstID)-aaaaaaaaaa@kabar.example",
            "bounces+\(FeedbackSamples.firstID)@kabar.example",
            "other+" + genuine.dropFirst(8) + "@kabar.example",
            genuine.replacingOccurrences(of: "+", with: "-") + "@kabar.example",
            genuine + "x@kabar.example",
            "bounces+-@kabar.example",
            "bounces@kabar.example",
            "",
        ]
        for candidate in candidates { #expect(verp.messageID(from: candidate) == nil, "\(candidate)") }
        #expect(verp.messageID(fromToken: "\(String(repeating: "a", count: 41))-\(tagOfAnotherID)") == nil)
    }

    @Test func badSettingsAndIDsAreRefused() throws {
        let key = FeedbackSamples.key
        #expect(throws: VERPAddress.Problem.invalidPrefix) {
            try VERPAddress(prefix: "", domain: "x.example", key: key)
        }
        #expect(throws: VERPAddress.Problem.invalidPrefix) {
            try VERPAddress(prefix: "a+b", domain: "x.example", key: key)
        }
        #expect(throws: VERPAddress.Problem.invalidPrefix) {
            try VERPAddress(prefix: "terlalupanjangsekali", domain: "x.example", key: key)
        }
        #expect(throws: VERPAddress.Problem.invalidDomain) { try VERPAddress(domain: "bukan domain", key: key) }
        #expect(throws: VERPAddress.Problem.keyTooShort) { try VERPAddress(domain: "x.example", key: [1, 2, 3]) }
        let verp = try FeedbackSamples.verp()
        for id in ["", "ada-strip", "spasi ada", String(repeating: "a", count: 41), "héé"] {
            #expect(throws: VERPAddress.Problem.invalidMessageID) { try verp.address(for: id) }
        }
        #expect(try verp.address(for: "ABC123").localPart.hasPrefix("bounces+abc123-"))
    }
}
