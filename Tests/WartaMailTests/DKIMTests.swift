import Foundation
import SMTPTestSupport
import Testing

@testable import WartaMail

@Suite struct DKIMTests {
    static func signedNewsletter(_ key: DKIMKey, subject: String = "Banjir surut — “terima kasih” 🙏🏽") throws
        -> [UInt8]
    {
        var message = try MessageFixture.newsletter(subject: subject, html: "<p>Kopi café = enak 😀</p>")
        message.textBody = "Halo,\n" + String(repeating: "Air naik setinggi 50 cm di Kampung Melayu. ", count: 4) + "\n"
        let signer = try DKIMSigner(domain: "kabar.example", selector: "warta2026", key: key)
        return try signer.signed(try MessageFixture.render(message), timestamp: 1_796_688_378)
    }

    static func keys() throws -> [DKIMKey] {
        [try DKIMKey.generateRSA(), DKIMKey.generateEd25519()]
    }

    @Test func relaxedCanonicalizationMatchesRFC6376Example() throws {
        // RFC 6376 §3.4.6, example 2.
        let message = Array("A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n".utf8)
        let (fields, body) = try DKIMCanonicalization.split(message)
        #expect(fields.map(DKIMCanonicalization.header).reduce([], +) == Array("a:X\r\nb:Y Z\r\n".utf8))
        #expect(DKIMCanonicalization.body(body) == Array(" C\r\nD E\r\n".utf8))
        #expect(DKIMCanonicalization.body([]).isEmpty)
        #expect(DKIMCanonicalization.body(Array("\r\n\r\n".utf8)[...]).isEmpty)
        #expect(DKIMCanonicalization.body(Array("x".utf8)[...]) == Array("x\r\n".utf8))
    }

    @Test func dkimpyVerifiesBothAlgorithms() throws {
        for key in try Self.keys() {
            let signed = try Self.signedNewsletter(key)
            #expect(
                try PythonCheck.dkimVerifies(signed, record: key.dnsRecord, selector: "warta2026"), "\(key.algorithm)")
        }
    }

    @Test func signatureCoversTheListHeadersAndFoldsItsLines() throws {
        let signed = MessageFixture.text(try Self.signedNewsletter(DKIMKey.generateEd25519()))
        let field = try #require(signed.components(separatedBy: "\r\nDate:").first)
        #expect(field.hasPrefix("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=kabar.example;"))
        #expect(field.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        // h= folds only after a colon, where RFC 6376 §3.5 allows FWS.
        let unfolded = field.replacingOccurrences(of: "\r\n\t", with: "")
        #expect(
            unfolded.contains(
                "h=from:to:subject:date:message-id:mime-version:content-type:list-id:list-unsubscribe:"
                    + "list-unsubscribe-post;"))
        #expect(unfolded.contains(" t=1796688378;"))
    }

    @Test func dkimpyRejectsTamperedMessages() throws {
        for key in try Self.keys() {
            let signed = MessageFixture.text(try Self.signedNewsletter(key, subject: "Harga beras turun"))
            let tamperedSubject = signed.replacingOccurrences(of: "Harga beras turun", with: "Harga beras naik")
            let tamperedBody = signed.replacingOccurrences(of: "50 cm", with: "90 cm")
            let tamperedList = signed.replacingOccurrences(of: "token=abc", with: "token=xyz")
            for tampered in [tamperedSubject, tamperedBody, tamperedList] {
                #expect(tampered != signed)
                #expect(
                    try !PythonCheck.dkimVerifies(Array(tampered.utf8), record: key.dnsRecord, selector: "warta2026"))
            }
            // Folding whitespace changes are what relaxed canonicalization forgives.
            let refolded = signed.replacingOccurrences(of: "Subject: Harga", with: "Subject:   Harga")
            #expect(try PythonCheck.dkimVerifies(Array(refolded.utf8), record: key.dnsRecord, selector: "warta2026"))
        }
    }

    @Test func aFixedKeyGivesTheSameSignedBytes() throws {
        // Ed25519 and RSASSA-PKCS1-v1_5 are deterministic, so a fixed key, clock and seed give fixed output.
        let key = try DKIMKey(privateKeyText: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
        let first = try Self.signedNewsletter(key)
        #expect(try Self.signedNewsletter(key) == first)
        #expect(try PythonCheck.dkimVerifies(first, record: key.dnsRecord, selector: "warta2026"))
        #expect(key.dnsRecord == "v=DKIM1; k=ed25519; p=A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=")
    }

    @Test func dkimpyRejectsAnotherKeysRecord() throws {
        let signed = try Self.signedNewsletter(DKIMKey.generateEd25519())
        let other = DKIMKey.generateEd25519()
        #expect(try !PythonCheck.dkimVerifies(signed, record: other.dnsRecord, selector: "warta2026"))
    }

    @Test func storedKeyTextSignsLikeTheOriginal() throws {
        for key in try Self.keys() {
            let reloaded = try DKIMKey(privateKeyText: key.privateKeyText)
            #expect(reloaded.dnsRecord == key.dnsRecord)
            let signed = try Self.signedNewsletter(reloaded)
            #expect(try PythonCheck.dkimVerifies(signed, record: key.dnsRecord, selector: "warta2026"))
        }
        #expect(throws: DKIMError.invalidKey) { try DKIMKey(privateKeyText: "bukan kunci") }
        #expect(throws: DKIMError.invalidKey) { try DKIMKey(privateKeyText: "-----BEGIN RSA PRIVATE KEY-----\nx\n") }
    }

    @Test func dnsRecordsHoldTheRightPublicKeyForms() throws {
        let rsa = try DKIMKey.generateRSA()
        #expect(rsa.dnsRecord.hasPrefix("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"))
        #expect(Data(base64Encoded: rsa.publicKeyBase64)?.count == 294)  // SubjectPublicKeyInfo of RSA-2048
        #expect(rsa.dnsRecordStrings.count == 2)
        #expect(rsa.dnsRecordStrings.allSatisfy { $0.utf8.count <= 255 })
        #expect(rsa.dnsRecordStrings.joined() == rsa.dnsRecord)
        let ed = DKIMKey.generateEd25519()
        #expect(ed.dnsRecord.hasPrefix("v=DKIM1; k=ed25519; p="))
        #expect(Data(base64Encoded: ed.publicKeyBase64)?.count == 32)
        #expect(ed.dnsRecordStrings == [ed.dnsRecord])
    }

    @Test func badInputGivesTypedErrors() throws {
        let key = DKIMKey.generateEd25519()
        #expect(throws: DKIMError.invalidDomainOrSelector("a;b")) {
            try DKIMSigner(domain: "kabar.example", selector: "a;b", key: key)
        }
        #expect(throws: DKIMError.invalidDomainOrSelector("kabar.example\r\nX: y")) {
            try DKIMSigner(domain: "kabar.example\r\nX: y", selector: "s", key: key)
        }
        let signer = try DKIMSigner(domain: "kabar.example", selector: "s", key: key)
        #expect(throws: DKIMError.malformedMessage) { try signer.signed(Array("From: a@b.example\r\n".utf8)) }
        #expect(throws: DKIMError.missingFromHeader) { try signer.signed(Array("To: a@b.example\r\n\r\nx\r\n".utf8)) }
    }
}
